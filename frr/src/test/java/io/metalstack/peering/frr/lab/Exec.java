package io.metalstack.peering.frr.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/**
 * Runs one external command to completion. Output goes to files, not pipes: a daemon that forks into the
 * background inherits the descriptors, and a pipe would then never see end-of-file.
 */
final class Exec {
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    /** The outcome of one command; {@code out} holds stderr too when the two were merged. */
    record Result(List<String> command, int rc, String out, String err) {
        Result {
            command = List.copyOf(command);
            requireNonNull(out, "out is null");
            requireNonNull(err, "err is null");
        }

        List<String> outLines() {
            return out.lines().toList();
        }

        List<String> errLines() {
            return err.lines().toList();
        }

        /** Throws unless the command exited 0, naming the command and everything it printed. */
        Result orThrow() {
            if (rc != 0) {
                throw new IllegalStateException("command failed (rc " + rc + "): " + String.join(" ", command)
                        + (out.isBlank() ? "" : "\nstdout: " + out.strip())
                        + (err.isBlank() ? "" : "\nstderr: " + err.strip()));
            }
            return this;
        }
    }

    private Exec() {}

    static Result run(List<String> command) {
        return run(command, false, DEFAULT_TIMEOUT);
    }

    static Result run(List<String> command, boolean mergeStderr, Duration timeout) {
        Path out = null, err = null;
        try {
            out = Files.createTempFile("frrlab-out", ".txt");
            err = Files.createTempFile("frrlab-err", ".txt");
            ProcessBuilder pb = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectOutput(out.toFile());
            if (mergeStderr) {
                pb.redirectErrorStream(true);
            } else {
                pb.redirectError(err.toFile());
            }
            Process p = pb.start();
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
            deleteQuietly(out);
            deleteQuietly(err);
        }
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // a leftover temp file is harmless; the command's result matters more
            }
        }
    }
}
