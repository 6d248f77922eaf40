package io.metalstack.peering.server;

/** The storage records and their indexes on the embedded H2 file database. */
class H2StorageIT extends StorageContract {

    @Override
    String newDatabaseUrl() {
        return TestDatabase.h2("metal-h2-").url();
    }
}
