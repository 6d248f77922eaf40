package io.metalstack.peering.server;

import org.junit.jupiter.api.extension.RegisterExtension;

/** The metal-api suite on a real PostgreSQL that the test setup starts itself. */
class PostgresMetalApiIT extends MetalApiSuite {

    @RegisterExtension
    static final PostgresExtension POSTGRES = new PostgresExtension();

    @Override
    TestDatabase newDatabase() {
        return TestDatabase.onServer(POSTGRES.newDatabaseUrl());
    }
}
