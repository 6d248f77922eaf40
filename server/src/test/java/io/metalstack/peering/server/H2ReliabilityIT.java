package io.metalstack.peering.server;

/** Failures, hostile input and secrets on the embedded H2 file database. */
class H2ReliabilityIT extends ReliabilitySuite {

    @Override
    TestDatabase newDatabase() {
        return TestDatabase.h2("metal-h2-reliability-");
    }
}
