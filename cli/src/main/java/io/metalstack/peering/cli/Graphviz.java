package io.metalstack.peering.cli;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Graphviz's {@code dot}, found on the caller's {@code PATH}, turning DOT into SVG: metalctl's one external process.
 * Without it the caller gets a message saying what to install and which formats need nothing. Its failures are the
 * local installation's, reported as usage errors (exit 2) with dot's own message.
 */
final class Graphviz {
    private static final long TIMEOUT_SECONDS = 60;

    private Graphviz() {}

    /** The SVG drawing of {@code dot}; a usage error when Graphviz is not installed. */
    static String svg(String dot, Map<String, String> environment) {
        Path exe = find(environment.get("PATH")).orElseThrow(() -> CliException.usage(
                "-o svg needs Graphviz's `dot`, which is not on PATH: install Graphviz (Debian: apt-get install graphviz), "
                        + "or use -o dot or -o mermaid, which need nothing"));
        try {
            Process p = new ProcessBuilder(List.of(exe.toString(), "-Tsvg")).start();
            CompletableFuture<byte[]> out = read(p.getInputStream());
            CompletableFuture<byte[]> err = read(p.getErrorStream());
            try (OutputStream in = p.getOutputStream()) {
                in.write(dot.getBytes(StandardCharsets.UTF_8));
            }
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw CliException.usage("%s -Tsvg did not finish within %d s: use -o dot and draw it yourself", exe, TIMEOUT_SECONDS);
            }
            if (p.exitValue() != 0) {
                throw CliException.usage("%s -Tsvg failed (exit %d): %s", exe, p.exitValue(),
                        new String(err.join(), StandardCharsets.UTF_8).strip());
            }
            return new String(out.join(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + exe, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + exe + " drew the graph", e);
        }
    }

    /** The first executable {@code dot} in {@code path}'s directories. */
    static Optional<Path> find(String path) {
        if (path == null || path.isEmpty()) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, "dot");
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static CompletableFuture<byte[]> read(InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try (InputStream s = stream) {
                ByteArrayOutputStream b = new ByteArrayOutputStream();
                s.transferTo(b);
                return b.toByteArray();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
