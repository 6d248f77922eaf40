package io.metalstack.peering.server;

import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Optional;

/** The crash test on a real PostgreSQL (only the server process is killed, PostgreSQL keeps running). */
class PostgresCrashIT extends CrashContract {

    @RegisterExtension
    static final PostgresExtension POSTGRES = new PostgresExtension();

    private String url;

    /** One database for the whole test: every restart of the server finds its data there. */
    @Override
    Optional<String> dbUrl() {
        if (url == null) {
            url = POSTGRES.newDatabaseUrl();
        }
        return Optional.of(url);
    }
}
