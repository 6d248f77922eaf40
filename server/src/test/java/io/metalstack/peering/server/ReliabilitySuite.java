package io.metalstack.peering.server;

import org.junit.jupiter.api.Nested;

/**
 * Failures, hostile input and secrets ({@link ReliabilityContract}) on their own server, since a test there alters the
 * database under it. Run against H2 ({@link H2ReliabilityIT}) and PostgreSQL ({@link PostgresReliabilityIT}).
 */
abstract class ReliabilitySuite extends ServerSuite {

    @Nested
    class Reliability extends ReliabilityContract {
        Reliability() {
            super(fixture());
        }
    }
}
