package io.metalstack.peering.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/** Issue 13 on the embedded H2 file database. */
class H2ReliabilityIT extends ReliabilityContract {

    @Override
    String newDatabaseUrl() {
        try {
            return Database.h2Url(Files.createTempDirectory("metal-h2-reliability-"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
