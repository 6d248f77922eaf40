package io.metalstack.peering.server;

import org.junit.jupiter.api.extension.RegisterExtension;

/** The switch side on a real PostgreSQL that the test setup starts itself. */
class PostgresSwitchSideIT extends SwitchSideSuite {

    @RegisterExtension
    static final PostgresExtension POSTGRES = new PostgresExtension();

    @Override
    TestDatabase newDatabase() {
        return TestDatabase.onServer(POSTGRES.newDatabaseUrl());
    }
}
