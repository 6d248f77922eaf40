package io.metalstack.peering.server;

import io.metalstack.peering.api.MetalApiClient;
import io.metalstack.peering.api.V1Bgp;
import io.metalstack.peering.api.V1Network;
import io.metalstack.peering.api.V1NetworkAllocateRequest;
import io.metalstack.peering.api.V1Partition;
import io.metalstack.peering.api.V1Peering;
import io.metalstack.peering.api.V1Project;
import io.metalstack.peering.api.V1Switch;
import io.metalstack.peering.api.V1SwitchPort;
import io.metalstack.peering.api.V1TokenCreateRequest;
import io.metalstack.peering.model.rules.PeeringRules;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 13 against a real server on a real database: what a failure shows and logs, what hostile input gets. Run
 * against H2 ({@link H2ReliabilityIT}) and PostgreSQL ({@link PostgresReliabilityIT}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ReliabilityContract {

    static final String ADMIN = "admin-secret-for-reliability-tests";
    static final String PASSWORD = "Md5-s3cret-of-the-session";
    private static final AtomicInteger SEQ = new AtomicInteger();
    private static final Pattern INTERNAL = Pattern.compile("internal error ([0-9a-f]{12}): the server log has the details under this id");

    private String dbUrl;
    private Database db;
    private MetalApiServer server;
    private final Map<String, String> secrets = new HashMap<>();
    private final HttpClient http = HttpClient.newHttpClient();

    abstract String newDatabaseUrl();

    @BeforeAll
    void startServerAndFixture() {
        dbUrl = newDatabaseUrl();
        db = new Database(dbUrl, null, null);
        server = new MetalApiServer(db, new PeeringRules(50), Clock.systemUTC());
        server.installAdminToken(ADMIN);
        server.start("127.0.0.1", 0);
        admin().partitions().create(new V1Partition("fra", "Frankfurt", null, null, null, null));
        admin().projects().create(new V1Project("p1", "project one", "t1", null, null, null, null));
        admin().projects().create(new V1Project("p2", "project two", "t2", null, null, null, null));
        admin().networks().create(new V1Network("super-fra", "super-fra", null, "fra", null, null, "super",
                List.of("10.0.0.0/16", "2001:db8:f::/48"), null, null, Map.of("IPv4", 22, "IPv6", 64), null, null, null, null, null));
        admin().networks().create(new V1Network("internet", "internet", null, null, null, null, "external", null,
                List.of("0.0.0.0/0", "::/0"), 104009, null, true, null, Map.of("network.metal-stack.io/peerable", "true"), null, null));
        for (String[] t : new String[][] {{"editor1", "editor", "p1"}, {"owner2", "owner", "p2"}, {"infra", "infra", null}}) {
            secrets.put(t[0], admin().createToken(new V1TokenCreateRequest(t[1], t[2], t[0])).secret());
        }
    }

    @AfterAll
    void stop() {
        server.close();
        db.close();
    }

    MetalApiClient admin() {
        return client(ADMIN);
    }

    MetalApiClient as(String name) {
        return client(secrets.get(name));
    }

    private MetalApiClient client(String token) {
        return new MetalApiClient(URI.create("http://127.0.0.1:" + server.port()), token);
    }

    HttpResponse<String> send(String method, String path, String body, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private V1Network allocate(String project) {
        return admin().allocateNetwork(new V1NetworkAllocateRequest("net-" + SEQ.incrementAndGet(), null, "fra", project, false, null, null, null));
    }

    private String exitSwitch() {
        String id = "exit" + SEQ.incrementAndGet();
        admin().switches().create(new V1Switch(id, "fra", "r1", "room1", "exit", "SONiC", 4200000100L + SEQ.incrementAndGet(),
                "10.255.0." + (100 + SEQ.incrementAndGet() % 100), List.of(new V1SwitchPort("Ethernet0", false, null)), null, null));
        return id;
    }

    /** An external peering of a p1 network with a BGP password: p1's editor may update its name and labels. */
    private V1Peering externalPeeringWithPassword() {
        String exit = exitSwitch();
        V1Network net = allocate("p1");
        int n = SEQ.incrementAndGet() % 60;
        V1Bgp bgp = new V1Bgp(new V1Bgp.Local(65000L, "2001:db8:ff:" + n + "::1", "Ethernet0@" + exit),
                new V1Bgp.Remote(65001L, "2001:db8:ff:" + n + "::2"), null, null, PASSWORD, null, List.of(), List.of());
        return admin().peerings().create(new V1Peering(null, "to-isp", null, null, null, "internet", net.id(), "external", bgp,
                null, null, null, null, null));
    }

    private void sql(String statement) throws Exception {
        try (Connection c = DriverManager.getConnection(dbUrl); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    /**
     * Finding 1: a database failure of a tenant's write (here: the stored document no longer fits its column) answers
     * "internal error" with an id that is also in the log; neither the answer nor the log holds the statement, its
     * bound values, an exception class or the BGP password the document carries.
     */
    @Test
    void aDatabaseFailureAnswersAnIdAndLogsNeitherStatementNorValuesNorSecrets() throws Exception {
        V1Peering p = externalPeeringWithPassword();
        String marker = "label-value-" + "x".repeat(3000);
        sql("ALTER TABLE peerings ALTER COLUMN doc SET DATA TYPE VARCHAR(2000)");
        try (ServerLog log = ServerLog.capture()) {
            HttpResponse<String> res = send("POST", "/v1/network/peering", io.metalstack.peering.api.Json.mapper().writeValueAsString(
                    new V1Peering(p.id(), "renamed", null, null, null, null, null, null, null, Map.of("note", marker), null, null, null,
                            p.changed())), secrets.get("editor1"));
            assertThat(res.statusCode()).isEqualTo(500);
            var body = io.metalstack.peering.api.Json.mapper().readTree(res.body());
            assertThat(body.path("statuscode").asInt()).isEqualTo(500);
            Matcher m = INTERNAL.matcher(body.path("message").asText());
            assertThat(m.matches()).as(res.body()).isTrue();
            assertThat(res.body()).doesNotContain(PASSWORD, "UPDATE", "peerings", "Exception", "label-value");
            String logged = log.text();
            assertThat(logged).contains("internal error " + m.group(1));
            assertThat(logged).doesNotContain(PASSWORD, "UPDATE peerings", "label-value", "xxxxxxxxxx");
        } finally {
            sql("ALTER TABLE peerings ALTER COLUMN doc SET DATA TYPE VARCHAR(1000000)");
        }
        assertThat(as("editor1").peerings().get(p.id()).name()).isEqualTo("to-isp");
    }
}
