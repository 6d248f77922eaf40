package io.metalstack.peering.server;

import io.metalstack.peering.api.MetalApiClient;
import io.metalstack.peering.api.V1TokenCreateRequest;
import io.metalstack.peering.api.fixture.NetworkRequest;
import io.metalstack.peering.api.fixture.PartitionRequest;
import io.metalstack.peering.api.fixture.ProjectRequest;
import io.metalstack.peering.model.rules.PeeringRules;
import io.metalstack.peering.server.http.MetalApiServer;
import io.metalstack.peering.server.http.Route;
import io.metalstack.peering.server.store.Database;

import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One metal-api server on port 0 over one database, with what every test of the metal-api suite starts from: the
 * partitions fra and ber with their super networks, the projects p1 and p2, the external networks internet
 * (peerable, NAT) and corp (not peerable), and a token per role. Tests add objects of their own names only.
 */
final class MetalApiFixture implements AutoCloseable {

    /** Peerings per network. */
    static final int QUOTA = 5;
    static final String ADMIN = "admin-secret-for-tests";

    private final TestDatabase database;
    private final Map<String, String> secrets = new HashMap<>();
    /** The server's clock: a test that moves it sets it back ({@link TestClock#reset}) before it ends. */
    private final TestClock clock = new TestClock();
    private Database db;
    private MetalApiServer server;

    private MetalApiFixture(TestDatabase database) {
        this.database = database;
    }

    /** A server over the new, empty {@code database}, with the fixture created. */
    static MetalApiFixture start(TestDatabase database) {
        MetalApiFixture f = new MetalApiFixture(database);
        f.startServer();
        f.create();
        return f;
    }

    private void create() {
        admin().partitions().create(PartitionRequest.of("fra").name("Frankfurt").build());
        admin().partitions().create(PartitionRequest.of("ber").name("Berlin").build());
        admin().projects().create(ProjectRequest.of("p1", "t1").name("project one").build());
        admin().projects().create(ProjectRequest.of("p2", "t2").name("project two").build());
        admin().networks().create(NetworkRequest.superNetwork("super-fra", "fra", "10.0.0.0/16", "2001:db8:f::/48").build());
        admin().networks().create(NetworkRequest.superNetwork("super-ber", "ber", "10.1.0.0/16", "2001:db8:b::/48").build());
        admin().networks().create(NetworkRequest.external("internet", 104009).destinationprefixes("0.0.0.0/0", "::/0").nat(true)
                .peerable().build());
        admin().networks().create(NetworkRequest.external("corp", 104010).prefixes("172.31.0.0/16").nat(false).build());
        issue("owner1", "owner", "p1");
        issue("editor1", "editor", "p1");
        issue("viewer1", "viewer", "p1");
        issue("owner2", "owner", "p2");
        issue("editor2", "editor", "p2");
        issue("infra", "infra", null);
    }

    private void startServer() {
        db = new Database(database.url(), null, null);
        server = new MetalApiServer(db, new PeeringRules(QUOTA), clock);
        server.installAdminToken(ADMIN);
        server.start("127.0.0.1", 0);
    }

    /** Stops the server and the database and starts them again on the same data (a new port). */
    void restart() {
        close();
        startServer();
    }

    @Override
    public void close() {
        server.close();
        db.close();
    }

    private void issue(String name, String role, String project) {
        secrets.put(name, admin().createToken(new V1TokenCreateRequest(role, project, name)).secret());
    }

    /** The JDBC URL of the server's database, for a test that holds a row lock itself. */
    String dbUrl() {
        return database.url();
    }

    /** The directory of an embedded database's files; empty for a database server. */
    Optional<Path> databaseDir() {
        return database.dir();
    }

    /** The server's base URL, for a test that sends raw HTTP. */
    String url() {
        return "http://127.0.0.1:" + server.port();
    }

    /** The server's port, for a test that sends raw bytes. */
    int port() {
        return server.port();
    }

    TestClock clock() {
        return clock;
    }

    List<Route> routes() {
        return server.routes();
    }

    /** The long-polls waiting for an intent, to start a change only once a watcher waits. */
    int watchersWaiting() {
        return server.watchers().waiting();
    }

    MetalApiClient client(String token) {
        return new MetalApiClient(URI.create(url()), token);
    }

    MetalApiClient admin() {
        return client(ADMIN);
    }

    /** A client with the fixture's token {@code name}: owner1, editor1, viewer1 (p1), owner2, editor2 (p2), infra. */
    MetalApiClient as(String name) {
        return client(secret(name));
    }

    /** The secret of the fixture's token {@code name}, for a test that sends raw HTTP. */
    String secret(String name) {
        return secrets.get(name);
    }
}
