package io.metalstack.peering.server;

import io.metalstack.peering.server.store.Database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/** The metal-api suite on the embedded H2 file database. */
class H2MetalApiIT extends MetalApiSuite {

    @Override
    String newDatabaseUrl() {
        try {
            return Database.h2Url(Files.createTempDirectory("metal-h2-"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
