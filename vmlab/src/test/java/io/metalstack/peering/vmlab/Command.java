package io.metalstack.peering.vmlab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one host command to completion with its output in a file (a pipe would stall a command that writes
 * more than the pipe holds while we wait). Every failure is an exception that names the command and shows
 * the end of its output: the lab must fail loudly, never skip.
 */
final class Command {
    private Command() {}

    /** Runs the command and returns its output (stdout and stderr merged); throws unless it exits 0. */
    static String run(List<String> command, Map<String, String> env, Duration timeout) {
        Path out = null;
        try {
            out = Files.createTempFile("vmlab-cmd", ".txt");
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            pb.environment().putAll(env);
            Process p = pb.start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new IllegalStateException("command did not finish within " + timeout + ": " + String.join(" ", command)
                        + "\n" + tail(Files.readString(out, StandardCharsets.UTF_8)));
            }
            String text = Files.readString(out, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new IllegalStateException("command failed (rc " + p.exitValue() + "): " + String.join(" ", command)
                        + "\n" + tail(text));
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + String.join(" ", command), e);
        } finally {
            if (out != null) {
                try {
                    Files.deleteIfExists(out);
                } catch (IOException e) {
                    // a leftover temp file is no reason to hide the command's own outcome
                }
            }
        }
    }

    static String run(List<String> command, Duration timeout) {
        return run(command, Map.of(), timeout);
    }

    /** True when {@code name} is an executable on the PATH. */
    static boolean onPath(String name) {
        String path = System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
        for (String dir : path.split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
                return true;
            }
        }
        return false;
    }

    static String tail(String text) {
        List<String> lines = text.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }
}
