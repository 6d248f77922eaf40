package io.metalstack.peering.server;

/** The metal-api suite on the embedded H2 file database. */
class H2MetalApiIT extends MetalApiSuite {

    @Override
    String newDatabaseUrl() {
        return TestH2.newDatabaseUrl();
    }
}
