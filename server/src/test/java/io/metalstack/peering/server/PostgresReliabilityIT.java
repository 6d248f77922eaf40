package io.metalstack.peering.server;

import org.junit.jupiter.api.extension.RegisterExtension;

/** Issue 13 on a real PostgreSQL that the test setup starts itself. */
class PostgresReliabilityIT extends ReliabilityContract {

    @RegisterExtension
    static final PostgresExtension POSTGRES = new PostgresExtension();

    @Override
    String newDatabaseUrl() {
        return POSTGRES.newDatabaseUrl();
    }
}
