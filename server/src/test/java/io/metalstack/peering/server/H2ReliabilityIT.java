package io.metalstack.peering.server;

import io.metalstack.peering.server.store.Database;
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

    @Override
    java.util.Optional<java.nio.file.Path> databaseDir(String url) {
        // jdbc:h2:<scheme>:<dir>/metal;...
        String path = url.substring(0, url.indexOf(';'));
        return java.util.Optional.of(java.nio.file.Paths.get(path.substring(path.indexOf('/'))).getParent());
    }
}
