package io.metalstack.peering.server;

import org.junit.jupiter.api.extension.RegisterExtension;

/** The storage records and their indexes on a real PostgreSQL that the test setup starts itself. */
class PostgresStorageIT extends StorageContract {

    @RegisterExtension
    static final PostgresExtension POSTGRES = new PostgresExtension();

    @Override
    String newDatabaseUrl() {
        return POSTGRES.newDatabaseUrl();
    }
}
