package io.metalstack.peering.api;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Files that hold a secret (a token in a metalctl config, the admin token): written readable and writable by their
 * owner only (0600), in a directory that is created 0700, and replaced atomically, so that no moment exists at which
 * another user could read them. Shared by metal-api and metalctl, which both write metalctl configs.
 */
public final class PrivateFiles {

    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");

    private PrivateFiles() {}

    /** Writes {@code content} to {@code file} (mode 0600), replacing it atomically; missing parents are created 0700. */
    public static void write(Path file, byte[] content) throws IOException {
        Path target = file.toAbsolutePath();
        createDirectories(target.getParent());
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        if (posix(target.getParent())) {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(FILE));
        } else {
            Files.createFile(tmp);
        }
        Files.write(tmp, content);
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Creates {@code dir} and its missing parents with mode 0700 (an existing directory keeps its mode). */
    public static void createDirectories(Path dir) throws IOException {
        Path d = dir.toAbsolutePath();
        if (Files.isDirectory(d)) {
            return;
        }
        createDirectories(d.getParent());
        try {
            Files.createDirectory(d, attributes(d.getParent(), DIRECTORY));
        } catch (FileAlreadyExistsException e) {
            // created concurrently
        }
    }

    /** Restricts an existing file to its owner (0600). */
    public static void restrict(Path file) throws IOException {
        if (posix(file)) {
            Files.setPosixFilePermissions(file, FILE);
        }
    }

    private static FileAttribute<?>[] attributes(Path near, Set<PosixFilePermission> permissions) {
        return posix(near) ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)} : new FileAttribute<?>[0];
    }

    private static boolean posix(Path near) {
        return near != null && near.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
