package io.metalstack.peering.server.launch;

import io.metalstack.peering.model.rules.PeeringRules;
import io.metalstack.peering.server.http.MetalApiServer;
import io.metalstack.peering.server.store.Database;

import java.net.URI;
import java.time.Clock;

/**
 * metal-api in-process on a free port, for tests and tools of other modules (metalctl's tests, the load generator):
 * the same server {@code bin/metal-api} runs, without its launcher's files.
 */
public final class EmbeddedMetalApi implements AutoCloseable {

    private final Database db;
    private final MetalApiServer server;

    private EmbeddedMetalApi(Database db, MetalApiServer server) {
        this.db = db;
        this.server = server;
    }

    /**
     * @param jdbcUrl e.g. {@code jdbc:h2:file:/tmp/x/metal} or {@code jdbc:postgresql://127.0.0.1:5432/metal?user=postgres}
     * @param adminToken the admin bearer token to install
     */
    public static EmbeddedMetalApi start(String jdbcUrl, String adminToken, int peeringQuota) {
        Database db = new Database(jdbcUrl, null, null);
        try {
            MetalApiServer server = new MetalApiServer(db, new PeeringRules(peeringQuota), Clock.systemUTC());
            server.installAdminToken(adminToken);
            server.start("127.0.0.1", 0);
            return new EmbeddedMetalApi(db, server);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    /** An H2 file database in {@code dataDir}, as {@code bin/metal-api} uses by default. */
    public static String h2Url(java.nio.file.Path dataDir) {
        return Database.h2Url(dataDir);
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    @Override
    public void close() {
        server.close();
        db.close();
    }
}
