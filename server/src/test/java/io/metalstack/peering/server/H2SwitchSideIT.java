package io.metalstack.peering.server;

import io.metalstack.peering.server.store.Database;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/** The switch side on the embedded H2 file database (one replica). */
class H2SwitchSideIT extends SwitchSideContract {

    @Override
    String newDatabaseUrl() {
        try {
            return Database.h2Url(Files.createTempDirectory("metal-h2-switch-"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
