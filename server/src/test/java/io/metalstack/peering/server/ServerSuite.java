package io.metalstack.peering.server;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * A test class that starts one metal-api server ({@link MetalApiFixture}) over a new database of its subclass's kind
 * (H2 or PostgreSQL) and shares it with the contracts nested in it ({@link MetalApiContract}): each gets the started
 * server in its constructor and names its objects after its tests.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ServerSuite {

    private MetalApiFixture fixture;

    /** A new, empty database for this suite run. */
    abstract TestDatabase newDatabase();

    @BeforeAll
    void start() {
        fixture = MetalApiFixture.start(newDatabase());
    }

    @AfterAll
    void stop() {
        fixture.close();
    }

    /** The started server, for the contracts' constructors. */
    MetalApiFixture fixture() {
        return fixture;
    }
}
