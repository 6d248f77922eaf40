package io.metalstack.peering.server;

import io.metalstack.peering.server.store.Database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** A new, empty database for one server of the tests: its JDBC URL and, for the embedded H2, the directory of its files. */
record TestDatabase(String url, Optional<Path> dir) {

    /** An H2 file database in a new temp directory named {@code prefix}…. */
    static TestDatabase h2(String prefix) {
        try {
            Path dir = Files.createTempDirectory(prefix);
            return new TestDatabase(Database.h2Url(dir), Optional.of(dir));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A database on a database server (PostgreSQL): no files of ours. */
    static TestDatabase onServer(String url) {
        return new TestDatabase(url, Optional.empty());
    }
}
