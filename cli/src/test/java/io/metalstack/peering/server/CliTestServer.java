package io.metalstack.peering.server;

import io.metalstack.peering.model.rules.PeeringRules;

import java.nio.file.Path;
import java.time.Clock;

/**
 * The real metal-api, in-process on a random port with an embedded H2 database, for metalctl's integration
 * tests. Lives in the server's package because the server's wiring is package-private.
 */
public final class CliTestServer implements AutoCloseable {
    private final MetalApiServer server;

    private CliTestServer(MetalApiServer server) {
        this.server = server;
    }

    public static CliTestServer start(Path dataDir, String adminToken) {
        Database db = new Database(Database.h2Url(dataDir), null, null);
        MetalApiServer server = new MetalApiServer(db, new PeeringRules(PeeringRules.DEFAULT_QUOTA), Clock.systemUTC());
        server.installAdminToken(adminToken);
        return new CliTestServer(server.start("127.0.0.1", 0));
    }

    /** Writes this server's metalctl context into {@code file} exactly as {@code bin/metal-api} does at start. */
    public void writeMetalctlContext(Path file, String token) throws java.io.IOException {
        MetalctlContext.merge(file, url(), token);
    }

    public String url() {
        return "http://127.0.0.1:" + server.port();
    }

    @Override
    public void close() {
        server.close();
    }
}
