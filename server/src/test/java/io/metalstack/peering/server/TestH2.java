package io.metalstack.peering.server;

import io.metalstack.peering.server.store.Database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/** A new, empty H2 file database in a temp directory, as the server opens its own ({@link Database#h2Url}). */
final class TestH2 {

    private TestH2() {}

    static String newDatabaseUrl() {
        try {
            return Database.h2Url(Files.createTempDirectory("metal-h2-"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
