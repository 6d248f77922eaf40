package io.metalstack.peering.server;

import io.metalstack.peering.api.MetalApiClient;
import io.metalstack.peering.api.V1Bgp;
import io.metalstack.peering.api.V1MachineAllocation;
import io.metalstack.peering.api.V1Network;
import io.metalstack.peering.api.V1NetworkAllocateRequest;
import io.metalstack.peering.api.V1Peering;
import io.metalstack.peering.api.V1Project;
import io.metalstack.peering.api.V1Switch;
import io.metalstack.peering.api.V1TokenCreateRequest;
import io.metalstack.peering.api.fixture.AllocateRequest;
import io.metalstack.peering.api.fixture.BgpRequest;
import io.metalstack.peering.api.fixture.MachineRequest;
import io.metalstack.peering.api.fixture.NetworkRequest;
import io.metalstack.peering.api.fixture.PeeringRequest;
import io.metalstack.peering.api.fixture.ProjectRequest;
import io.metalstack.peering.api.fixture.SwitchRequest;
import io.metalstack.peering.server.service.Quotas;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Failures, hostile input and secrets against a real server on a real database ({@link ReliabilitySuite}): what a
 * failure shows and logs, what hostile input gets, how tokens end.
 */
abstract class ReliabilityContract extends MetalApiContract {

    static final String ADMIN = MetalApiFixture.ADMIN;
    static final String PASSWORD = "Md5-s3cret-of-the-session";
    private static final Pattern INTERNAL = Pattern.compile("internal error ([0-9a-f]{12}): the server log has the details under this id");

    ReliabilityContract(MetalApiFixture api) {
        super(api);
    }

    /**
     * An external peering of a p1 network with a BGP password on a new exit switch: p1's editor may update its name
     * and labels. {@code n} (1..59, its own per test) sets the switch's AS and router id and the session's addresses.
     */
    private V1Peering externalPeeringWithPassword(int n) {
        String exit = exitSwitch(n, "Ethernet0");
        V1Network net = allocatedByAdmin("p1", false);
        V1Bgp bgp = BgpRequest.session(65000L, "2001:db8:ff:" + n + "::1", "Ethernet0@" + exit, 65001L, "2001:db8:ff:" + n + "::2")
                .password(PASSWORD).importprefixes(List.of()).exportprefixes(List.of()).build();
        return admin().peerings().create(PeeringRequest.external("internet", net.id(), bgp).name("to-isp").build());
    }

    private void sql(String statement) throws Exception {
        try (Connection c = DriverManager.getConnection(api.dbUrl()); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    /**
     * A database failure of a tenant's write (here: the stored document no longer fits its column) answers
     * "internal error" with an id that is also in the log; neither the answer nor the log holds the statement, its
     * bound values, an exception class or the BGP password the document carries.
     */
    @Test
    void aDatabaseFailureAnswersAnIdAndLogsNeitherStatementNorValuesNorSecrets() throws Exception {
        V1Peering p = externalPeeringWithPassword(1);
        String marker = "label-value-" + "x".repeat(1000);
        sql("ALTER TABLE peerings ALTER COLUMN doc SET DATA TYPE VARCHAR(2000)");
        try (ServerLog log = ServerLog.capture()) {
            HttpResponse<String> res = send("POST", "/v1/network/peering", io.metalstack.peering.api.Json.mapper().writeValueAsString(
                    PeeringRequest.update(p).name("renamed").labels(Map.of("a", marker, "b", marker, "c", marker)).build()), api.secret("editor1"));
            assertThat(res.statusCode()).isEqualTo(500);
            var body = io.metalstack.peering.api.Json.mapper().readTree(res.body());
            assertThat(body.path("statuscode").asInt()).isEqualTo(500);
            Matcher m = INTERNAL.matcher(body.path("message").asText());
            assertThat(m.matches()).as(res.body()).isTrue();
            assertThat(res.body()).doesNotContain(PASSWORD, "UPDATE", "peerings", "Exception", "label-value");
            String logged = log.text();
            assertThat(logged).contains("internal error " + m.group(1));
            assertThat(logged).doesNotContain(PASSWORD, "UPDATE peerings", "label-value", "xxxxxxxxxx");
            // nor does a log of the database itself (H2 wrote failed statements with their values to metal.trace.db)
            for (java.nio.file.Path d : api.databaseDir().stream().toList()) {
                try (var files = java.nio.file.Files.list(d)) {
                    assertThat(files.map(f -> f.getFileName().toString())).as("files of " + d).noneMatch(f -> f.endsWith(".trace.db"));
                }
            }
        } finally {
            sql("ALTER TABLE peerings ALTER COLUMN doc SET DATA TYPE VARCHAR(1000000)");
        }
        assertThat(as("editor1").peerings().get(p.id()).name()).isEqualTo("to-isp");
    }

    /** A 4xx in the error shape whose message names no internal class and contains {@code parts}. */
    private void assertRefused(HttpResponse<String> res, int status, String... parts) throws Exception {
        assertThat(res.statusCode()).as(res.body()).isEqualTo(status);
        assertThat(res.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        var body = io.metalstack.peering.api.Json.mapper().readTree(res.body());
        assertThat(body.path("statuscode").asInt()).as(res.body()).isEqualTo(status);
        String message = body.path("message").asText();
        assertThat(message).as(res.body()).contains(parts);
        assertThat(message).as(res.body()).doesNotContain("java.", "com.fasterxml", "io.metalstack", "`", "Exception", "jackson");
    }

    private static String quote(String s) throws Exception {
        return io.metalstack.peering.api.Json.mapper().writeValueAsString(s);
    }

    /** Names, descriptions and labels beyond their limits are refused with the limit, never stored half. */
    @Test
    void textBeyondItsLimitIsRefusedNamingTheLimit() throws Exception {
        String editor = api.secret("editor1");
        assertRefused(send("POST", "/v1/network/allocate", "{\"name\":" + quote("n".repeat(257))
                + ",\"partitionid\":\"fra\",\"projectid\":\"p1\"}", editor), 400, "field name", "257 characters", "at most 256");
        assertRefused(send("POST", "/v1/network/allocate", "{\"name\":\"ok\",\"description\":" + quote("d".repeat(4097))
                + ",\"partitionid\":\"fra\",\"projectid\":\"p1\"}", editor), 400, "field description", "4097 characters", "at most 4096");
        V1Peering p = externalPeeringWithPassword(2);
        long before = admin().health().revision();
        // labels that make the stored document exceed its column (the password is in it)
        String update = "{\"id\":\"" + p.id() + "\",\"changed\":\"" + p.changed() + "\",\"labels\":{\"note\":" + quote("x".repeat(990_000)) + "}}";
        HttpResponse<String> big = send("POST", "/v1/network/peering", update, editor);
        assertRefused(big, 400, "field labels.note", "990000 characters", "at most 1024");
        assertThat(big.body()).doesNotContain(PASSWORD);
        StringBuilder many = new StringBuilder("{");
        for (int i = 0; i < 65; i++) {
            many.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":\"v\"");
        }
        assertRefused(send("POST", "/v1/network/peering", "{\"id\":\"" + p.id() + "\",\"changed\":\"" + p.changed() + "\",\"labels\":"
                + many + "}}", editor), 400, "field labels", "65 labels", "at most 64");
        assertRefused(send("POST", "/v1/network/peering", "{\"id\":\"" + p.id() + "\",\"changed\":\"" + p.changed() + "\",\"labels\":{"
                + quote("k".repeat(257)) + ":\"v\"}}", editor), 400, "label key", "257 characters", "at most 256");
        // a NUL character (PostgreSQL cannot store it), in a value and in a key
        assertRefused(send("POST", "/v1/network/peering", "{\"id\":\"" + p.id() + "\",\"changed\":\"" + p.changed()
                + "\",\"name\":\"a\\u0000b\"}", editor), 400, "field name", "NUL character");
        assertRefused(send("PUT", "/v1/project", "{\"id\":\"pnul\",\"labels\":{\"a\\u0000\":\"b\"}}", ADMIN), 400, "field labels", "NUL character");
        assertThat(admin().health().revision()).isEqualTo(before);
        assertThat(as("editor1").peerings().get(p.id()).name()).isEqualTo("to-isp");
    }

    /** Malformed JSON gets a 400 that names the field, the value and what is allowed, never a class. */
    @Test
    void malformedJsonIsRefusedNamingFieldAndValue() throws Exception {
        String infra = api.secret("infra");
        String exit = exitSwitch(3, "Ethernet0");
        // null list elements
        assertRefused(send("PUT", "/v1/switch", "{\"id\":\"sw-null\",\"partitionid\":\"fra\",\"role\":\"leaf\",\"os\":\"SONiC\","
                + "\"asn\":4200000001,\"routerid\":\"10.255.1.1\",\"ports\":[null]}", ADMIN), 400, "field ports[0] is null");
        assertRefused(send("PUT", "/v1/machine", "{\"id\":\"m-null\",\"partitionid\":\"fra\",\"connections\":[null]}", ADMIN), 400,
                "field connections[0] is null");
        assertRefused(send("POST", "/v1/switch/" + exit + "/notify", "{\"revision\":1,\"sessions\":[null]}", infra), 400,
                "field sessions[0] is null");
        // an agent's long error text is kept shortened: a report is never refused for it
        HttpResponse<String> longError = send("POST", "/v1/switch/" + exit + "/notify",
                "{\"revision\":1,\"error\":" + quote("vtysh failed: " + "e".repeat(200_000)) + "}", infra);
        assertThat(longError.statusCode()).as(longError.body()).isEqualTo(200);
        assertThat(admin().switches().get(exit).lastsync().error()).startsWith("vtysh failed: eee")
                .endsWith("(183630 more characters not kept)");
        // fractional numbers are refused, not truncated
        assertRefused(send("PUT", "/v1/switch", "{\"id\":\"sw-frac\",\"partitionid\":\"fra\",\"role\":\"leaf\",\"os\":\"SONiC\","
                + "\"asn\":4200000001.5,\"routerid\":\"10.255.1.1\"}", ADMIN), 400, "field asn", "4200000001.5", "whole number");
        V1Network net = allocatedByAdmin("p1", false);
        assertRefused(send("PUT", "/v1/network/peering", "{\"network1\":\"internet\",\"network2\":\"" + net.id() + "\",\"peeringtype\":"
                + "\"external\",\"bgp\":{\"local\":{\"as\":65000.9,\"cidr\":\"172.16.9.1\",\"port\":\"Ethernet0@" + exit + "\"},"
                + "\"remote\":{\"as\":65001,\"cidr\":\"172.16.9.2\"}}}", ADMIN), 400, "field bgp.local.as", "65000.9", "whole number");
        // trailing garbage after the JSON value
        assertRefused(send("PUT", "/v1/project", "{\"id\":\"ptrail\"} garbage", ADMIN), 400, "after the JSON value");
        assertRefused(send("PUT", "/v1/project", "{\"id\":\"ptrail\"}{\"id\":\"ptrail2\"}", ADMIN), 400, "after the JSON value");
        // wrong types name the field and what it takes, in words
        assertRefused(send("PUT", "/v1/project", "{\"id\":\"ptype\",\"name\":{\"a\":1}}", ADMIN), 400, "field name", "a string");
        assertRefused(send("PUT", "/v1/project", "{\"id\":\"ptype\",\"labels\":[1]}", ADMIN), 400, "field labels", "an object");
        assertRefused(send("PUT", "/v1/project", "{\"id\":\"ptype\",\"changed\":\"yesterday\"}", ADMIN), 400, "field changed",
                "yesterday", "timestamp");
        assertRefused(send("PUT", "/v1/switch", "{\"id\":\"sw-big\",\"partitionid\":\"fra\",\"role\":\"leaf\",\"os\":\"SONiC\","
                + "\"asn\":99999999999999999999999,\"routerid\":\"10.255.1.1\"}", ADMIN), 400, "field asn", "whole number");
        assertRefused(send("PUT", "/v1/project", "{nope", ADMIN), 400, "not valid JSON", "line 1, column 2");
        assertRefused(send("PUT", "/v1/project", "[1]", ADMIN), 400, "a JSON object");
        assertRefused(send("POST", "/v1/project/find", "{\"name\":\"a\"} x", ADMIN), 400, "after the JSON value");
        assertThat(admin().projects().list()).extracting(V1Project::id).doesNotContain("ptrail", "ptrail2", "ptype", "pnul");
        assertThat(admin().switches().list()).extracting(V1Switch::id).doesNotContain("sw-null", "sw-frac", "sw-big");
    }

    /**
     * A switch id is its FRR hostname (an FRR name: at most 63 characters) and a port name a Linux interface
     * (IFNAMSIZ: at most 15 characters): longer ones could never be rendered or applied, so admission refuses them.
     */
    @Test
    void aSwitchThatCouldNeverBeRenderedIsRefusedAtAdmission() throws Exception {
        String id63 = "s".repeat(63);
        admin().switches().create(SwitchRequest.of(id63, "fra", "leaf", "SONiC").place("r1", "room1").bgp(4200000201L, "10.255.2.1")
                .uplinks("Ethernet120").ports("e".repeat(15)).build());
        assertThat(admin().renderSwitch(id63, "sonic").files()).containsKey("frr.conf");
        assertThat(admin().renderSwitch(id63, "cumulus").files()).containsKey("frr.conf");
        assertRefused(send("PUT", "/v1/switch", "{\"id\":\"" + "s".repeat(64) + "\",\"partitionid\":\"fra\",\"role\":\"leaf\",\"os\":\"SONiC\","
                + "\"asn\":4200000202,\"routerid\":\"10.255.2.2\"}", ADMIN), 400, "64 characters", "at most 63");
        assertRefused(send("PUT", "/v1/switch", "{\"id\":\"" + "s".repeat(128) + "\",\"partitionid\":\"fra\",\"role\":\"leaf\",\"os\":\"SONiC\","
                + "\"asn\":4200000202,\"routerid\":\"10.255.2.2\"}", ADMIN), 400, "128 characters", "at most 63");
        assertRefused(send("PUT", "/v1/switch", "{\"id\":\"leaf-long-port\",\"partitionid\":\"fra\",\"role\":\"leaf\",\"os\":\"SONiC\","
                + "\"asn\":4200000203,\"routerid\":\"10.255.2.3\",\"ports\":[{\"name\":\"" + "e".repeat(16) + "\"}]}", ADMIN), 400,
                "port name", "at most 15");
    }

    /** Sends raw bytes and reads the whole answer (the server closes after an error). */
    private String raw(String request) throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", api.port())) {
            socket.setSoTimeout(10_000);
            try {
                socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
                socket.getOutputStream().flush();
            } catch (java.net.SocketException e) {
                // the server answered and closed before it read everything (a body too large)
            }
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            try {
                for (int n; (n = socket.getInputStream().read(buf)) > 0; ) {
                    out.write(buf, 0, n);
                }
            } catch (java.net.SocketException | java.net.SocketTimeoutException e) {
                // reset after the answer: what was read is the answer
            }
            return out.toString(java.nio.charset.StandardCharsets.ISO_8859_1);
        }
    }

    /** Requests Jetty refuses before any handler still get the JSON error shape, never an HTML page. */
    @Test
    void malformedHttpGetsTheErrorShape() throws Exception {
        Map<String, Integer> requests = new java.util.LinkedHashMap<>();
        requests.put("GET /healthz HTTP/1.1\r\nHost: x\r\nNoColonHere\r\nConnection: close\r\n\r\n", 400);
        requests.put("GET /healthz HTTP/1.1\r\nConnection: close\r\n\r\n", 400);
        requests.put("GET /v1/%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 400);
        requests.put("GET /v1/partition/..%2f..%2fetc HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 401);
        requests.put("GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(20_000) + "\r\nConnection: close\r\n\r\n", 431);
        requests.put("GARBAGE\r\n\r\n", 400);
        requests.put("PUT /v1/project HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + ADMIN + "\r\nContent-Type: application/json\r\n"
                + "Content-Length: 1100009\r\nConnection: close\r\n\r\n{\"id\":\"" + "p".repeat(1_100_000) + "\"}", 413);
        for (Map.Entry<String, Integer> r : requests.entrySet()) {
            String answer = raw(r.getKey());
            String label = r.getKey().substring(0, Math.min(60, r.getKey().length()));
            assertThat(answer).as(label).startsWith("HTTP/1.1 " + r.getValue());
            String head = answer.substring(0, Math.max(0, answer.indexOf("\r\n\r\n"))).toLowerCase(java.util.Locale.ROOT);
            assertThat(head).as(label + "\n" + answer).contains("content-type: application/json");
            assertThat(answer).as(label).contains("{\"statuscode\":" + r.getValue() + ",\"message\":\"").doesNotContain("<html", "<h1", "<pre");
        }
    }

    /**
     * Un-sharing a shared network is refused while another project uses it (a firewall of
     * another project in it, a peering into it), naming the users; the owner's own machines do not count.
     */
    @Test
    void unsharingANetworkThatAnotherProjectUsesIsRefused() {
        String leaf = switchName("leaf-share");
        admin().switches().create(SwitchRequest.of(leaf, "fra", "leaf", "SONiC").place("r1", "room1").bgp(4200000301L, "10.255.3.1")
                .ports("Ethernet0", "Ethernet4").uplinks("Ethernet120").build());
        V1Network mine = allocatedByAdmin("p1", false);
        V1Network storage = admin().allocateNetwork(AllocateRequest.of(name("storage"), "fra", "p2").shared(true).build());
        String fw = name("fw"), own = name("m");
        admin().machines().create(MachineRequest.firewall(fw, "fra").connectedTo(leaf, "Ethernet0").build());
        admin().machines().create(MachineRequest.machine(own, "fra").connectedTo(leaf, "Ethernet4").build());
        as("editor1").allocateMachine(fw, new V1MachineAllocation("p1", List.of(mine.id(), storage.id())));
        as("owner2").allocateMachine(own, new V1MachineAllocation("p2", List.of(storage.id())));
        assertApiError(() -> as("owner2").networks().update(shared(as("owner2").networks().get(storage.id()), false)), 409,
                "is still used by other projects", "firewall " + fw + " (project p1)", "unshare");
        assertThat(as("owner2").networks().get(storage.id()).shared()).isTrue();
        // the firewall leaves: nothing of another project uses it any more (its own machine does not count)
        as("editor1").freeMachine(fw);
        V1Network unshared = as("owner2").networks().update(shared(as("owner2").networks().get(storage.id()), false));
        assertThat(unshared.shared()).isFalse();
        assertThat(unshared.networktype()).isEqualTo("child");
    }

    private static V1Network shared(V1Network n, boolean shared) {
        return NetworkRequest.update(n).shared(shared).build();
    }

    /**
     * Tokens are listed without secrets, revoked at once, expire, and go with their project (a
     * project created again with the same id is not readable with its predecessor's token).
     */
    @Test
    void tokensAreRevokedAtOnceExpireAndGoWithTheirProject() throws Exception {
        String project = name("tok");
        admin().projects().create(ProjectRequest.of(project, "t").name(project).build());
        io.metalstack.peering.api.V1Token kept = admin().createToken(new V1TokenCreateRequest("viewer", project, "kept"));
        io.metalstack.peering.api.V1Token revoked = admin().createToken(new V1TokenCreateRequest("editor", project, "revoked"));
        java.time.Instant soon = java.time.Instant.now().plusMillis(1500);
        io.metalstack.peering.api.V1Token expiring = admin().createToken(new V1TokenCreateRequest("viewer", project, "expiring", soon));
        assertThat(expiring.expires()).isEqualTo(soon.truncatedTo(java.time.temporal.ChronoUnit.MICROS));
        // listed (admin only), never with a secret
        List<io.metalstack.peering.api.V1Token> listed = admin().tokens();
        assertThat(listed).extracting(io.metalstack.peering.api.V1Token::id).contains(kept.id(), revoked.id(), expiring.id(), "admin");
        assertThat(listed).allSatisfy(t -> assertThat(t.secret()).isNull());
        assertApiError(() -> api.client(kept.secret()).tokens(), 403, "listing tokens needs the admin role");
        assertApiError(() -> api.client(revoked.secret()).revokeToken(kept.id()), 403, "revoking a token needs the admin role");
        // revoked: refused at once
        assertThat(api.client(revoked.secret()).projects().get(project).id()).isEqualTo(project);
        assertThat(admin().revokeToken(revoked.id()).id()).isEqualTo(revoked.id());
        assertApiError(() -> api.client(revoked.secret()).projects().get(project), 401, "unknown or revoked");
        assertApiError(() -> admin().revokeToken(revoked.id()), 404, "token " + revoked.id() + " not found");
        assertApiError(() -> admin().revokeToken("admin"), 409, "cannot be revoked");
        // expired: refused from its expiry on; an expiry in the past is refused at creation
        assertThat(api.client(expiring.secret()).projects().get(project).id()).isEqualTo(project);
        Thread.sleep(Math.max(0, java.time.Duration.between(java.time.Instant.now(), soon).toMillis() + 100));
        assertApiError(() -> api.client(expiring.secret()).projects().get(project), 401, "expired at " + expiring.expires());
        assertApiError(() -> admin().createToken(new V1TokenCreateRequest("viewer", project, "x",
                java.time.Instant.now().minusSeconds(1))), 400, "is not in the future");
        // deleted with the project: the same id created again is not readable with the old token
        assertThat(api.client(kept.secret()).projects().get(project).id()).isEqualTo(project);
        admin().projects().delete(project);
        assertThat(admin().tokens()).extracting(io.metalstack.peering.api.V1Token::id).doesNotContain(kept.id(), expiring.id());
        admin().projects().create(ProjectRequest.of(project, "t").name(project).build());
        assertApiError(() -> api.client(kept.secret()).projects().get(project), 401, "unknown or revoked");
    }

    /**
     * A project holds at most its quota of networks (label set by an admin only, else the
     * server's default), and a tenant allocates no larger network than the partition's super network hands out.
     */
    @Test
    void allocationsAreBoundedByTheProjectsQuotaAndThePartitionsPrefixLength() {
        String project = name("quota");
        admin().projects().create(ProjectRequest.of(project, "t").name(project).labels(Map.of(Quotas.NETWORKS_LABEL, "2")).build());
        MetalApiClient owner = api.client(admin().createToken(new V1TokenCreateRequest("owner", project, "q")).secret());
        V1NetworkAllocateRequest request = AllocateRequest.of("n", "fra", project).build();
        V1Network first = owner.allocateNetwork(request);
        owner.allocateNetwork(request);
        assertApiError(() -> owner.allocateNetwork(request), 409,
                "project " + project + " holds 2 networks, its quota of networks is 2", Quotas.NETWORKS_LABEL);
        assertThat(owner.projects().get(project).quotas()).containsEntry("networks", new io.metalstack.peering.api.V1Quota(2, 2));
        // the owner cannot raise its own quota; an admin can
        V1Project p = owner.projects().get(project);
        assertApiError(() -> owner.projects().update(ProjectRequest.update(p).labels(Map.of(Quotas.NETWORKS_LABEL, "100")).build()),
                403, "needs the admin role");
        assertApiError(() -> admin().projects().update(ProjectRequest.update(p).labels(Map.of(Quotas.NETWORKS_LABEL, "many")).build()),
                400, "use a whole number");
        admin().projects().update(ProjectRequest.update(p).labels(Map.of(Quotas.NETWORKS_LABEL, "3")).build());
        // a tenant takes no larger network than the super network's default child (/22 here); an admin may
        assertApiError(() -> owner.allocateNetwork(AllocateRequest.of("big", "fra", project).length(Map.of("IPv4", 16)).build()), 409, "length IPv4 /16 is larger than a project may allocate in partition fra", "at most /22");
        assertThat(owner.allocateNetwork(AllocateRequest.of("small", "fra", project).length(Map.of("IPv4", 26)).build())
                .prefixes()).anyMatch(x -> x.endsWith("/26"));
        owner.freeNetwork(first.id());
        assertThat(admin().allocateNetwork(AllocateRequest.of("admin-big", "fra", project).length(Map.of("IPv4", 20)).build())
                .prefixes()).anyMatch(x -> x.endsWith("/20"));
        assertThat(owner.projects().get(project).quotas()).containsEntry("networks", new io.metalstack.peering.api.V1Quota(3, 3));
    }

    /**
     * A tenant cannot find out whether another project's peering id exists: it may not choose an id at all
     * (before, an id taken elsewhere answered 409 while GET answered 404).
     */
    @Test
    void aTenantCannotProbeAnotherProjectsPeeringIds() {
        V1Network n1 = allocatedByAdmin("p2", false), n2 = allocatedByAdmin("p2", false);
        V1Peering theirs = admin().peerings().create(PeeringRequest.local(n1.id(), n2.id()).name("theirs").build());
        V1Network m1 = allocatedByAdmin("p1", false), m2 = allocatedByAdmin("p1", false);
        assertApiError(() -> as("editor1").peerings().get(theirs.id()), 404, "peering " + theirs.id() + " not found");
        for (String id : List.of(theirs.id(), name("never-used"))) {
            assertApiError(() -> as("editor1").peerings().create(PeeringRequest.local(m1.id(), m2.id()).id(id).build()), 400, "field id: the server chooses a peering's id");
        }
        assertThat(as("editor1").peerings().create(PeeringRequest.local(m1.id(), m2.id()).build()).id()).isNotEqualTo(theirs.id());
    }
}
