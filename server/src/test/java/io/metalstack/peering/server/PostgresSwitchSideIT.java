package io.metalstack.peering.server;

import org.junit.jupiter.api.extension.RegisterExtension;

/** The switch side on a real PostgreSQL that the test setup starts itself. */
class PostgresSwitchSideIT extends SwitchSideContract {

    @RegisterExtension
    static final PostgresExtension POSTGRES = new PostgresExtension();

    @Override
    String newDatabaseUrl() {
        return POSTGRES.newDatabaseUrl();
    }
}
