package io.metalstack.peering.agent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/** One external command run to completion (vtysh, frr-reload.py); output goes to temp files, never pipes. */
final class Command {
    private Command() {}

    record Result(List<String> command, int rc, String out, String err) {
        Result {
            command = List.copyOf(command);
            requireNonNull(out, "out is null");
            requireNonNull(err, "err is null");
        }

        /** stdout and stderr, for messages. */
        String output() {
            return (out.strip() + "\n" + err.strip()).strip();
        }

        String describe() {
            return String.join(" ", command) + " (rc " + rc + ")" + (output().isEmpty() ? "" : ": " + output());
        }
    }

    static Result run(List<String> command, Duration timeout) {
        Path out = null, err = null;
        try {
            out = Files.createTempFile("metal-core-out", ".txt");
            err = Files.createTempFile("metal-core-err", ".txt");
            Process p = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("command did not finish within " + timeout + ": " + String.join(" ", command));
            }
            return new Result(command, p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + String.join(" ", command), e);
        } finally {
            delete(out);
            delete(err);
        }
    }

    private static void delete(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // a leftover temp file is harmless; the command's result matters more
            }
        }
    }
}
