package io.metalstack.peering.server.store;

import io.metalstack.peering.api.PrivateFiles;
import org.h2.store.fs.FilePath;
import org.h2.store.fs.FilePathWrapper;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * H2's file system {@code private:}: every file of the database is created readable and writable by its owner only
 * (0600), and an existing one is restricted when H2 opens it for writing. The database holds the BGP passwords of
 * external peerings, which the exit switches need in clear; H2 itself creates its files with the process's umask
 * (usually 0644). Public with a public constructor because H2 creates one per path by reflection.
 */
public final class PrivateFilePath extends FilePathWrapper {

    static final String SCHEME = "private";

    static {
        FilePath.register(new PrivateFilePath());
    }

    public PrivateFilePath() {
        // one per path, made by H2
    }

    /** Makes sure the scheme is registered before H2 resolves a URL with it. */
    static String prefix() {
        return SCHEME + ":";
    }

    @Override
    public String getScheme() {
        return SCHEME;
    }

    @Override
    public FileChannel open(String mode) throws IOException {
        if (!"r".equals(mode)) {
            ownerOnly();
        }
        return super.open(mode);
    }

    @Override
    public OutputStream newOutputStream(boolean append) throws IOException {
        ownerOnly();
        return super.newOutputStream(append);
    }

    @Override
    public boolean createFile() {
        try {
            Files.createFile(path(), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public FilePath createTempFile(String suffix, boolean inTempDir) throws IOException {
        FilePath temp = super.createTempFile(suffix, inTempDir);
        PrivateFiles.restrict(Paths.get(((FilePathWrapper) temp).unwrap().toString()));
        return temp;
    }

    /** Creates the file 0600 if it is missing, else restricts it to 0600. */
    private void ownerOnly() throws IOException {
        if (!createFile()) {
            PrivateFiles.restrict(path());
        }
    }

    private Path path() {
        return Paths.get(getBase().toString());
    }
}
