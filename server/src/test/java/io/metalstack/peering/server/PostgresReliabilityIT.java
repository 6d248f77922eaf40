package io.metalstack.peering.server;

import org.junit.jupiter.api.extension.RegisterExtension;

/** Failures, hostile input and secrets on a real PostgreSQL that the test setup starts itself. */
class PostgresReliabilityIT extends ReliabilitySuite {

    @RegisterExtension
    static final PostgresExtension POSTGRES = new PostgresExtension();

    @Override
    TestDatabase newDatabase() {
        return TestDatabase.onServer(POSTGRES.newDatabaseUrl());
    }
}
