package io.metalstack.peering.server;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real PostgreSQL 15 for the integration tests: initdb + pg_ctl from {@code /usr/lib/postgresql/15/bin} (or
 * {@code $PG_BIN}) in a temp dir on a free port ({@link TestPostgres}), started once per test JVM (JUnit root store)
 * and stopped by PID when the run ends. Missing binaries fail the tests loudly.
 */
final class PostgresExtension implements BeforeAllCallback {

    private TestPostgres server;

    @Override
    public void beforeAll(ExtensionContext context) {
        server = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(TestPostgres.class, k -> TestPostgres.start(), TestPostgres.class);
    }

    /** The shared server (its log: {@code bench.StatementCount}). */
    TestPostgres server() {
        return server;
    }

    /** A new, empty database on the shared server. */
    String newDatabaseUrl() {
        return server.newDatabaseUrl();
    }
}
