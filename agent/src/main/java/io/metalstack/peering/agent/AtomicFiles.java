package io.metalstack.peering.agent;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Files replaced so that a reader sees the old content or the new one, never half of it, and so that a crash right
 * after leaves one of the two on disk: the new content goes to a temp file in the same directory, is flushed to disk,
 * and is renamed over the target; then the directory itself is flushed, which makes the rename durable.
 */
final class AtomicFiles {
    private AtomicFiles() {}

    /** Replaces {@code target} with {@code content}. */
    static void write(Path target, String content) throws IOException {
        Path tmp = temp(target);
        writeSynced(tmp, content);
        moveInto(tmp, target);
    }

    /** The temp file {@link #write} uses for {@code target}: a hidden file next to it. */
    static Path temp(Path target) {
        return target.resolveSibling("." + target.getFileName() + ".tmp");
    }

    /** Writes {@code content} to {@code file} (created or truncated) and flushes it to disk. */
    static void writeSynced(Path file, String content) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer bytes = ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                ch.write(bytes);
            }
            ch.force(true);
        }
    }

    /** Renames {@code source} over {@code target} (same directory) and flushes the directory. */
    static void moveInto(Path source, Path target) throws IOException {
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
        try (FileChannel dir = FileChannel.open(target.toAbsolutePath().getParent(), StandardOpenOption.READ)) {
            dir.force(true);
        }
    }
}
