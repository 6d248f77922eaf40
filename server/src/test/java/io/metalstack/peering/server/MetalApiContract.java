package io.metalstack.peering.server;

import io.metalstack.peering.api.ApiException;
import io.metalstack.peering.api.MetalApiClient;
import io.metalstack.peering.api.V1Bgp;
import io.metalstack.peering.api.V1Machine;
import io.metalstack.peering.api.V1MachineAllocation;
import io.metalstack.peering.api.V1MachineConnection;
import io.metalstack.peering.api.V1Network;
import io.metalstack.peering.api.V1NetworkAllocateRequest;
import io.metalstack.peering.api.V1NetworkFindRequest;
import io.metalstack.peering.api.V1Partition;
import io.metalstack.peering.api.V1Peering;
import io.metalstack.peering.api.V1PeeringFindRequest;
import io.metalstack.peering.api.V1Project;
import io.metalstack.peering.api.V1Switch;
import io.metalstack.peering.api.V1SwitchPort;
import io.metalstack.peering.api.V1TokenCreateRequest;
import io.metalstack.peering.model.rules.PeeringRules;
import io.metalstack.peering.server.http.Route;
import io.metalstack.peering.server.service.AutoPeering;
import io.metalstack.peering.server.http.MetalApiServer;
import io.metalstack.peering.server.store.Database;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The metal-api integration suite: a real server on port 0 over a real database. Run against H2
 * ({@link H2MetalApiIT}) and PostgreSQL ({@link PostgresMetalApiIT}). Every peering rule and every role is
 * asserted with status code and message.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class MetalApiContract {

    static final int QUOTA = 5;
    private static final String ADMIN = "admin-secret-for-tests";
    private static final AtomicInteger SEQ = new AtomicInteger();

    private String dbUrl;
    private Database db;
    private MetalApiServer server;
    private final Map<String, String> secrets = new java.util.HashMap<>();

    /** A new, empty database for this class. */
    abstract String newDatabaseUrl();

    @BeforeAll
    void startServerAndFixture() {
        dbUrl = newDatabaseUrl();
        start();
        admin().partitions().create(new V1Partition("fra", "Frankfurt", null, null, null, null));
        admin().partitions().create(new V1Partition("ber", "Berlin", null, null, null, null));
        admin().projects().create(new V1Project("p1", "project one", "t1", null, null, null, null));
        admin().projects().create(new V1Project("p2", "project two", "t2", null, null, null, null));
        admin().networks().create(superNetwork("super-fra", "fra", "10.0.0.0/16", "2001:db8:f::/48"));
        admin().networks().create(superNetwork("super-ber", "ber", "10.1.0.0/16", "2001:db8:b::/48"));
        admin().networks().create(new V1Network("internet", "internet", null, null, null, null, "external", null,
                List.of("0.0.0.0/0", "::/0"), 104009, null, true, null, Map.of("network.metal-stack.io/peerable", "true"), null, null));
        admin().networks().create(new V1Network("corp", "corp", null, null, null, null, "external", List.of("172.31.0.0/16"),
                null, 104010, null, false, null, null, null, null));
        issue("owner1", "owner", "p1");
        issue("editor1", "editor", "p1");
        issue("viewer1", "viewer", "p1");
        issue("owner2", "owner", "p2");
        issue("editor2", "editor", "p2");
        issue("infra", "infra", null);
    }

    @AfterAll
    void stop() {
        server.close();
        db.close();
    }

    private void start() {
        db = new Database(dbUrl, null, null);
        server = new MetalApiServer(db, new PeeringRules(QUOTA), Clock.systemUTC());
        server.installAdminToken(ADMIN);
        server.start("127.0.0.1", 0);
    }

    private void issue(String name, String role, String project) {
        secrets.put(name, admin().createToken(new V1TokenCreateRequest(role, project, name)).secret());
    }

    private MetalApiClient client(String token) {
        return new MetalApiClient(URI.create("http://127.0.0.1:" + server.port()), token);
    }

    MetalApiClient admin() {
        return client(ADMIN);
    }

    MetalApiClient as(String name) {
        return client(secrets.get(name));
    }

    private static V1Network superNetwork(String id, String partition, String... prefixes) {
        return new V1Network(id, id, null, partition, null, null, "super", List.of(prefixes), null, null,
                Map.of("IPv4", 22, "IPv6", 64), null, null, null, null, null);
    }

    /** A child network of project {@code project} in {@code partition}, allocated by that project's owner. */
    private V1Network allocate(String owner, String project, String partition, boolean shared, String... families) {
        return as(owner).allocateNetwork(new V1NetworkAllocateRequest("net-" + SEQ.incrementAndGet(), null, partition, project,
                shared, families.length == 0 ? null : List.of(families), null, null));
    }

    private V1Network net(String project) {
        return allocate(project.equals("p1") ? "owner1" : "owner2", project, "fra", false);
    }

    private static V1Peering peering(String n1, String n2) {
        return PeeringRequest.local(n1, n2).name("pe-" + SEQ.incrementAndGet()).build();
    }

    private V1Network external(String id, int vrf, boolean nat, String... prefixes) {
        return admin().networks().create(new V1Network(id, id, null, null, null, null, "external", List.of(prefixes), null, vrf,
                null, nat, null, Map.of("network.metal-stack.io/peerable", "true"), null, null));
    }

    static void assertApiError(ThrowableAssert.ThrowingCallable call, int status, String... messageParts) {
        ApiException e = catchThrowableOfType(ApiException.class, call);
        assertThat(e).as("expected HTTP %d", status).isNotNull();
        assertThat(e.statuscode()).as(e.getMessage()).isEqualTo(status);
        for (String part : messageParts) {
            assertThat(e.getMessage()).contains(part);
        }
    }

    // ---------------------------------------------------------------- additional announcable CIDRs

    @Test
    void additionalAnnouncableCidrsAreSetByTheAdminOnPrivateAndSuperNetworksAndCountForOverlap() {
        V1Network a = net("p1"), b = net("p1");
        V1Network withPods = copyWithAdditional(a, List.of("10.240.0.0/16", "10.250.0.0/20"));
        // a tenant may not widen what its machines may announce
        assertApiError(() -> as("owner1").networks().update(withPods), 403, "additionalannouncablecidrs", "needs the admin role");
        V1Network updated = admin().networks().update(withPods);
        assertThat(updated.additionalannouncablecidrs()).containsExactly("10.240.0.0/16", "10.250.0.0/20");
        // metal-api's spelling is read too, and the tenant sees the field
        assertThat(as("viewer1").networks().get(a.id()).additionalannouncablecidrs()).containsExactly("10.240.0.0/16", "10.250.0.0/20");
        // not on an external network, never a default route, a valid prefix
        V1Network internet = admin().networks().get("internet");
        assertApiError(() -> admin().networks().update(copyWithAdditional(internet, List.of("10.240.0.0/16"))), 400,
                "additionalannouncablecidrs are allowed on super, child and child-shared networks only");
        V1Network current = admin().networks().get(b.id());
        assertApiError(() -> admin().networks().update(copyWithAdditional(current, List.of("0.0.0.0/0"))), 400,
                "0.0.0.0/0 is a default route");
        assertApiError(() -> admin().networks().update(copyWithAdditional(current, List.of("10.240.0.0/33"))), 400, "10.240.0.0/33");
        // b's pods would overlap a's in the peered VRFs: the peering is refused, naming both
        admin().networks().update(copyWithAdditional(current, List.of("10.240.128.0/17")));
        assertApiError(() -> as("owner1").peerings().create(peering(a.id(), b.id())), 409,
                "prefix 10.240.128.0/17 of network \"" + b.name() + "\"", "overlaps prefix 10.240.0.0/16 of network \"" + a.name() + "\"");
        // with disjoint pod CIDRs they peer, and a change that would overlap again is refused
        V1Network b2 = admin().networks().update(copyWithAdditional(admin().networks().get(b.id()), List.of("10.241.0.0/16")));
        as("owner1").peerings().create(peering(a.id(), b.id()));
        assertApiError(() -> admin().networks().update(copyWithAdditional(b2, List.of("10.240.7.0/24"))), 409,
                "would break peering", "10.240.7.0/24");
    }

    private static V1Network copyWithAdditional(V1Network n, List<String> additional) {
        return new V1Network(n.id(), n.name(), n.description(), n.partitionid(), n.projectid(), n.parentnetworkid(), n.networktype(),
                n.prefixes(), n.destinationprefixes(), n.vrf(), n.defaultchildprefixlength(), n.nat(), n.shared(), n.labels(),
                n.created(), n.changed(), additional);
    }

    // ---------------------------------------------------------------- peering rules (DESIGN §3 / issue 2 §4)

    @Test
    void createsAPeeringOfTwoNetworksOfOneProject() {
        V1Network a = net("p1"), b = net("p1");
        V1Peering p = as("editor1").peerings().create(peering(a.id(), b.id()));
        assertThat(p.projectid()).isEqualTo("p1");
        assertThat(p.partitionid()).isEqualTo("fra");
        assertThat(p.origin()).isEqualTo("manual");
        // no machine on either network: no switch to wait for
        assertThat(p.status().phase()).isEqualTo("active");
        assertThat(p.status().families()).containsExactly("IPv4", "IPv6");
        assertThat(as("viewer1").peerings().get(p.id())).isEqualTo(p);
        // by unique name as well as by id
        V1Network c = net("p1");
        assertThat(as("owner1").peerings().create(peering(a.name(), c.name())).network2()).isEqualTo(c.id());
    }

    @Test
    void rule1SameNetworkWrongTypeAndUnknownNetwork() {
        V1Network a = net("p1");
        assertApiError(() -> as("owner1").peerings().create(peering(a.id(), a.id())), 422,
                "network \"" + a.name() + "\" (" + a.id() + ") cannot peer with itself");
        assertApiError(() -> as("owner1").peerings().create(peering(a.id(), "super-fra")), 422,
                "network \"super-fra\" (super-fra) is of type super: only child, child-shared and external networks can peer");
        assertApiError(() -> as("owner1").peerings().create(peering(a.id(), "no-such-network")), 404, "network no-such-network not found");
        assertApiError(() -> as("owner1").peerings().create(peering(a.id(), null)), 400, "field network2 is missing");
    }

    @Test
    void rule2CrossProjectRefusedExceptIntoASharedNetwork() {
        V1Network mine = net("p1");
        V1Network theirs = net("p2");
        // p1 cannot even see p2's private network: 404, its existence does not leak
        assertApiError(() -> as("owner1").peerings().create(peering(mine.id(), theirs.id())), 404, "network " + theirs.id() + " not found");
        // the admin sees both and gets the rule's message
        assertApiError(() -> admin().peerings().create(peering(mine.id(), theirs.id())), 422,
                "network \"" + mine.name() + "\" (" + mine.id() + ") belongs to project p1, network \"" + theirs.name() + "\" ("
                        + theirs.id() + ") to project p2: peering across projects is allowed only into a shared network or a peerable external network");
        V1Network storage = allocate("owner2", "p2", "fra", true);
        assertThat(storage.networktype()).isEqualTo("child-shared");
        V1Peering p = as("owner1").peerings().create(peering(mine.id(), storage.id()));
        assertThat(p.projectid()).isEqualTo("p1");
    }

    @Test
    void rule2ExternalMustBePeerable() {
        V1Network mine = net("p1");
        assertApiError(() -> as("owner1").peerings().create(peering(mine.id(), "corp")), 422,
                "network \"corp\" (corp) is an external network that is not marked peerable: an admin must set the label network.metal-stack.io/peerable=true");
    }

    @Test
    void rule3PrivatePairsStayInOnePartition() {
        V1Network fra = net("p1");
        V1Network ber = allocate("owner1", "p1", "ber", false);
        assertApiError(() -> as("owner1").peerings().create(peering(fra.id(), ber.id())), 422,
                "is in partition fra", "in partition ber: a local peering of private networks must stay in one partition");
    }

    @Test
    void rule4NoOverlapInAnyVrf() {
        V1Network a = net("p1");
        external("ov-1-" + SEQ.incrementAndGet(), 200000 + SEQ.incrementAndGet(), false, "192.0.2.0/24");
        V1Network e1 = admin().findNetworks(new V1NetworkFindRequest(null, null, null, null, "external", null, null)).stream()
                .filter(n -> n.prefixes().contains("192.0.2.0/24")).findFirst().orElseThrow();
        V1Network e2 = external("ov-2-" + SEQ.incrementAndGet(), 200000 + SEQ.incrementAndGet(), false, "192.0.2.128/25");
        as("owner1").peerings().create(peering(a.id(), e1.id()));
        // in a's vrf e1's 192.0.2.0/24 would meet e2's 192.0.2.128/25
        assertApiError(() -> as("owner1").peerings().create(peering(a.id(), e2.id())), 409,
                "prefix 192.0.2.128/25 of network \"" + e2.name() + "\" (" + e2.id() + ") overlaps prefix 192.0.2.0/24 of network \""
                        + e1.name() + "\" (" + e1.id() + ") in the vrf " + a.vrf());
        // a network's own prefixes count too
        V1Network e3 = external("ov-3-" + SEQ.incrementAndGet(), 200000 + SEQ.incrementAndGet(), false, a.prefixes().get(0).replace("/22", "/24"));
        assertApiError(() -> as("owner1").peerings().create(peering(a.id(), e3.id())), 409,
                "overlaps prefix " + a.prefixes().get(0) + " of network \"" + a.name() + "\"");
    }

    @Test
    void rule5OnePeeringPerPairAndAQuota() {
        V1Network a = net("p1"), b = net("p1");
        V1Peering first = as("owner1").peerings().create(peering(a.id(), b.id()));
        assertApiError(() -> as("owner1").peerings().create(peering(b.id(), a.id())), 409,
                "are already peered by peering " + first.id() + ": one peering per pair of networks");
        for (int i = 1; i < QUOTA; i++) {
            as("owner1").peerings().create(peering(a.id(), net("p1").id()));
        }
        V1Network extra = net("p1");
        assertApiError(() -> as("owner1").peerings().create(peering(extra.id(), a.id())), 409,
                "network \"" + a.name() + "\" (" + a.id() + ") already has " + QUOTA + " peerings, the quota per network is " + QUOTA);
    }

    @Test
    void rule6FamiliesThatQualifyAndNoneQualifying() {
        V1Network v4only = allocate("owner1", "p1", "fra", false, "IPv4");
        assertApiError(() -> as("owner1").peerings().create(peering(v4only.id(), "internet")), 422,
                "have no address family to exchange",
                "IPv4: network \"" + v4only.name() + "\" (" + v4only.id() + ") has private-use IPv4 prefixes and network \"internet\" (internet) needs NAT",
                "IPv6: network \"" + v4only.name() + "\" (" + v4only.id() + ") has no IPv6 prefix");
        // dual-stack with public (documentation) IPv6: peers with the internet over IPv6 only
        V1Network dual = net("p1");
        V1Peering p = as("owner1").peerings().create(peering(dual.id(), "internet"));
        assertThat(p.status().families()).containsExactly("IPv6");
        assertThat(p.status().omitted()).containsOnlyKeys("IPv4");
        assertThat(p.status().omitted().get("IPv4")).contains("private-use IPv4 prefixes");
    }

    @Test
    void recheckRefusesANetworkChangeThatWouldBreakAPeering() {
        V1Network mine = net("p1");
        V1Network storage = allocate("owner2", "p2", "fra", true);
        V1Peering p = as("owner1").peerings().create(peering(mine.id(), storage.id()));
        V1Network unshared = new V1Network(storage.id(), storage.name(), storage.description(), storage.partitionid(), storage.projectid(),
                storage.parentnetworkid(), "child", storage.prefixes(), storage.destinationprefixes(), storage.vrf(), null,
                storage.nat(), false, storage.labels(), storage.created(), storage.changed());
        assertApiError(() -> as("owner2").networks().update(unshared), 422,
                "would break peering " + p.id(), "peering across projects is allowed only into a shared network");
        // a harmless change passes
        V1Network renamed = new V1Network(storage.id(), "storage-renamed", storage.description(), storage.partitionid(), storage.projectid(),
                storage.parentnetworkid(), storage.networktype(), storage.prefixes(), storage.destinationprefixes(), storage.vrf(), null,
                storage.nat(), true, storage.labels(), storage.created(), storage.changed());
        assertThat(as("owner2").networks().update(renamed).name()).isEqualTo("storage-renamed");
    }

    private String exitSwitch(String... ports) {
        String id = "exit-" + SEQ.incrementAndGet();
        admin().switches().create(new V1Switch(id, "fra", "r1", "room1", "exit", "SONiC", 4200000100L + SEQ.incrementAndGet(),
                "10.255.0." + (100 + SEQ.incrementAndGet() % 100), java.util.Arrays.stream(ports).map(x -> new V1SwitchPort(x, false, null)).toList(),
                null, null));
        return id;
    }

    @Test
    void externalPeeringNeedsBgpOnAnExitSwitchPortAndAnAdmin() {
        String exit = exitSwitch("Ethernet0", "Ethernet4");
        V1Network dual = net("p1");
        V1Bgp bgp = new V1Bgp(new V1Bgp.Local(65000L, "2001:db8:ff::1", "Ethernet0@" + exit), new V1Bgp.Remote(65001L, "2001:db8:ff::2"),
                2000, true, "s3cret", null, List.of(), List.of());
        V1Peering ext = PeeringRequest.external("internet", dual.id(), bgp).name("to-isp").build();
        assertApiError(() -> as("owner1").peerings().create(ext), 403, "external BGP peering");
        V1Peering created = admin().peerings().create(ext);
        // the subnet derived from the bare addresses, the password never echoed
        assertThat(created.bgp().local().cidr()).isEqualTo("2001:db8:ff::1/126");
        assertThat(created.bgp().remote().cidr()).isEqualTo("2001:db8:ff::2/126");
        assertThat(created.bgp().password()).isNull();
        assertThat(created.bgp().haspassword()).isTrue();
        assertThat(created.bgp().maxprefixes()).isEqualTo(2000);
        assertThat(created.bgp().bfd()).isTrue();
        assertThat(created.projectid()).isEqualTo("p1");
        assertThat(as("owner1").peerings().get(created.id()).bgp().password()).isNull();
        // the switch gets the secret through its intent
        assertThat(admin().switchIntent(exit, null, null).intent().external()).singleElement()
                .satisfies(x -> assertThat(x.password()).isEqualTo("s3cret"));
        // an update that echoes the response (normalized addresses, no password) changes nothing fixed
        V1Peering echoed = PeeringRequest.update(created).name("renamed").bgp(created.bgp()).build();
        assertThat(admin().peerings().update(echoed).name()).isEqualTo("renamed");
        // the port is taken
        V1Network other = net("p1");
        assertApiError(() -> admin().peerings().create(PeeringRequest.external("internet", other.id(), bgp).build()), 409, "already uses it");
        V1Bgp wrongPort = new V1Bgp(new V1Bgp.Local(65000L, "172.16.0.1/30", "Ethernet9@" + exit), new V1Bgp.Remote(65001L, "172.16.0.2/30"));
        assertApiError(() -> admin().peerings().create(PeeringRequest.external("internet", other.id(), wrongPort).build()), 422,
                "switch " + exit + " has no port Ethernet9");
        assertApiError(() -> admin().peerings().create(PeeringRequest.external("internet", other.id(), null).build()), 400,
                "an external peering needs bgp");
    }

    /** The MEP's one-network form: {@code --network1 internet} with a bgp block and no network2. */
    @Test
    void externalPeeringOfOneNetwork() {
        String exit = exitSwitch("Ethernet0");
        V1Bgp bgp = new V1Bgp(new V1Bgp.Local(65000L, "2001:db8:fe::1", "Ethernet0@" + exit), new V1Bgp.Remote(65001L, "2001:db8:fe::2"));
        V1Peering created = admin().peerings().create(PeeringRequest.external("internet", null, bgp).build());
        assertThat(created.network2()).isNull();
        assertThat(created.partitionid()).isEqualTo("fra");
        assertThat(created.status().families()).containsExactly("IPv6");
        assertThat(admin().switchIntent(exit, null, null).intent().external()).singleElement()
                .satisfies(x -> assertThat(x.vrf()).isEqualTo(104009));
        // pending until the exit switch reports
        assertThat(created.status().phase()).isEqualTo("pending");
        admin().peerings().delete(created.id());
        assertThat(admin().switchIntent(exit, null, null).intent().external()).isEmpty();
    }

    /** A change of network1's prefixes re-runs the session's check: an export prefix must stay inside them. */
    @Test
    void anExternalSessionKeepsItsNetworksPrefixesInCheck() {
        String exit = exitSwitch("Ethernet0");
        V1Network upstream = admin().networks().create(new V1Network("up-" + SEQ.incrementAndGet(), "upstream", null, null, null, null,
                "external", List.of("198.51.100.0/24"), List.of("0.0.0.0/0"), 500000 + SEQ.incrementAndGet(), null, false, null,
                Map.of("network.metal-stack.io/peerable", "true"), null, null));
        admin().peerings().create(PeeringRequest.external(upstream.id(), null,
                new V1Bgp(new V1Bgp.Local(65000L, "192.0.2.0/31", "Ethernet0@" + exit), new V1Bgp.Remote(65001L, "192.0.2.1/31"),
                        null, null, null, null, null, List.of("198.51.100.0/25"))).build());
        V1Network moved = new V1Network(upstream.id(), upstream.name(), null, null, null, null, "external", List.of("203.0.113.0/24"),
                List.of("0.0.0.0/0"), upstream.vrf(), null, false, null, upstream.labels(), null, upstream.changed());
        assertApiError(() -> admin().networks().update(moved), 422, "would break external peering", "198.51.100.0/25",
                "export only network1's own address space");
    }

    /** A peering whose networks have no machine anywhere affects no switch: active at once, with a NoSwitch condition. */
    @Test
    void aPeeringThatAffectsNoSwitchIsActive() {
        V1Network a = net("p1"), b = net("p1");
        V1Peering p = as("owner1").peerings().create(peering(a.id(), b.id()));
        assertThat(p.status().phase()).isEqualTo("active");
        assertThat(p.status().conditions()).singleElement().satisfies(c -> {
            assertThat(c.type()).isEqualTo("NoSwitch");
            assertThat(c.message()).contains(a.id()).contains("takes effect when a machine is allocated");
        });
        assertThat(as("owner1").peerings().get(p.id()).status().phase()).isEqualTo("active");
    }

    // ---------------------------------------------------------------- auto-peering (issue 6 §1–3)

    private String autoProject(boolean on) {
        String id = "auto-" + SEQ.incrementAndGet();
        admin().projects().create(new V1Project(id, id, "t-auto", null, on ? Map.of("auto-peer", "true") : null, null, null));
        return id;
    }

    private void label(String project, boolean on) {
        V1Project p = admin().projects().get(project);
        admin().projects().update(new V1Project(p.id(), p.name(), p.tenant(), p.description(),
                on ? Map.of("auto-peer", "true") : Map.of(), p.created(), p.changed()));
    }

    private V1Network allocateIn(String project) {
        return admin().allocateNetwork(new V1NetworkAllocateRequest("net-" + SEQ.incrementAndGet(), null, "fra", project, false, null, null, null));
    }

    private List<V1Peering> peeringsOf(String project) {
        return admin().peerings().list().stream().filter(p -> project.equals(p.projectid())).toList();
    }

    @Test
    void autoPeeringFollowsTheLabelAndTheNetworks() {
        String project = autoProject(false);
        V1Network a = allocateIn(project), b = allocateIn(project);
        assertThat(peeringsOf(project)).isEmpty();
        label(project, true);
        assertThat(peeringsOf(project)).singleElement().satisfies(p -> {
            assertThat(p.origin()).isEqualTo("auto");
            assertThat(java.util.Set.of(p.network1(), p.network2())).containsExactlyInAnyOrder(a.id(), b.id());
        });
        V1Network c = allocateIn(project);
        assertThat(peeringsOf(project)).hasSize(3).allMatch(p -> p.origin().equals("auto"));
        // a network in another partition is not paired
        admin().allocateNetwork(new V1NetworkAllocateRequest("net-" + SEQ.incrementAndGet(), null, "ber", project, false, null, null, null));
        assertThat(peeringsOf(project)).hasSize(3);
        // the free takes c's auto peerings along instead of being refused
        admin().freeNetwork(c.id());
        assertThat(peeringsOf(project)).hasSize(1);
        // a manual peering stays when the label goes
        V1Network d = allocateIn(project);
        assertThat(peeringsOf(project)).hasSize(3);
        label(project, false);
        assertThat(peeringsOf(project)).isEmpty();
        V1Peering manual = admin().peerings().create(peering(a.id(), d.id()));
        label(project, true);
        label(project, false);
        assertThat(peeringsOf(project)).extracting(V1Peering::id).containsExactly(manual.id());
        assertThat(admin().projects().get(project).conditions()).isNull();
    }

    @Test
    void aManualPeeringReplacesTheAutoOneOfItsPair() {
        String project = autoProject(true);
        V1Network a = allocateIn(project), b = allocateIn(project);
        V1Peering auto = peeringsOf(project).get(0);
        assertThat(auto.origin()).isEqualTo("auto");
        V1Peering manual = admin().peerings().create(PeeringRequest.local(b.id(), a.id()).name("mine").labels(Map.of("team", "x")).build());
        assertThat(peeringsOf(project)).singleElement().satisfies(p -> {
            assertThat(p.id()).isEqualTo(manual.id());
            assertThat(p.origin()).isEqualTo("manual");
            assertThat(p.name()).isEqualTo("mine");
        });
    }

    @Test
    void aPairTheRulesRefuseIsAConditionOfTheProjectAndNeverFailsTheAllocation() {
        String project = autoProject(false);
        V1Network a = allocateIn(project), b = allocateIn(project);
        // an external network whose prefix lies in b's: once a imports it, b cannot join a's vrf
        V1Network clash = external("auto-ov-" + SEQ.incrementAndGet(), 400000 + SEQ.incrementAndGet(), false,
                b.prefixes().get(0).replace("/22", "/24"));
        admin().peerings().create(peering(a.id(), clash.id()));
        label(project, true);
        assertThat(peeringsOf(project)).extracting(V1Peering::origin).containsExactly("manual");
        assertThat(admin().projects().get(project).conditions()).singleElement().satisfies(c -> {
            assertThat(c.type()).isEqualTo("AutoPeering");
            assertThat(c.message()).contains(a.id(), b.id(), "overlaps");
        });
        // a third network still allocates, and pairs with both
        V1Network c = allocateIn(project);
        assertThat(peeringsOf(project)).filteredOn(p -> p.origin().equals("auto")).hasSize(2)
                .allMatch(p -> c.id().equals(p.network1()) || c.id().equals(p.network2()));
    }

    /**
     * Issue 13, finding 7: an allocation's auto-peering runs in a transaction of its own after the allocation committed,
     * so it never holds the partition's super network: another project's allocation does not wait for it.
     */
    @Test
    void anAllocationsAutoPeeringNeverBlocksAnotherProjectsAllocation() throws Exception {
        String project = autoProject(true);
        V1Network a = allocateIn(project);
        ExecutorService pool = Executors.newCachedThreadPool();
        try (java.sql.Connection holder = java.sql.DriverManager.getConnection(dbUrl)) {
            holder.setAutoCommit(false);
            try {
                // another transaction holds a's row: the auto-peering of the project's next allocation waits for it
                try (java.sql.Statement st = holder.createStatement()) {
                    st.executeQuery("SELECT id FROM networks WHERE id = '" + a.id() + "' FOR UPDATE").close();
                }
                String name = "waits-" + SEQ.incrementAndGet();
                Future<V1Network> waiting = pool.submit(() -> admin().allocateNetwork(
                        new V1NetworkAllocateRequest(name, null, "fra", project, false, null, null, null)));
                // the allocation itself committed; only its auto-peering waits
                long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
                while (admin().networks().list().stream().noneMatch(n -> name.equals(n.name())) && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                assertThat(admin().networks().list()).anyMatch(n -> name.equals(n.name()));
                assertThat(waiting.isDone()).isFalse();
                // another project allocates in the same partition at once
                Future<V1Network> other = pool.submit(() -> net("p2"));
                assertThat(other.get(5, java.util.concurrent.TimeUnit.SECONDS).projectid()).isEqualTo("p2");
            } finally {
                holder.commit();
            }
            pool.submit(() -> null).get();
        } finally {
            pool.shutdown();
            assertThat(pool.awaitTermination(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        }
        assertThat(peeringsOf(project)).singleElement().satisfies(p -> assertThat(p.origin()).isEqualTo("auto"));
    }

    /** Issue 13, finding 7: a project's conditions are bounded: the first pairs left out in detail, the rest counted. */
    @Test
    void autoPeeringConditionsAreBoundedAndSummarized() {
        String project = autoProject(true);
        int networks = 12;
        List<V1Network> allocated = new ArrayList<>();
        for (int i = 0; i < networks; i++) {
            // small ones: the fixture's super network has room for 64 of the default /22
            allocated.add(admin().allocateNetwork(new V1NetworkAllocateRequest("net-" + SEQ.incrementAndGet(), null, "fra", project, false,
                    null, Map.of("IPv4", 28), null)));
        }
        // the peering quota (5 per network) leaves most of the 66 pairs out
        int unpeered = networks * (networks - 1) / 2 - peeringsOf(project).size();
        assertThat(unpeered).isGreaterThan(AutoPeering.MAX_CONDITIONS);
        List<io.metalstack.peering.api.V1Condition> conditions = admin().projects().get(project).conditions();
        assertThat(conditions).hasSize(AutoPeering.MAX_CONDITIONS + 1).allMatch(c -> c.type().equals("AutoPeering"));
        assertThat(conditions.subList(0, AutoPeering.MAX_CONDITIONS)).allSatisfy(c -> assertThat(c.message()).contains("quota"));
        assertThat(conditions.get(AutoPeering.MAX_CONDITIONS).message())
                .isEqualTo("auto-peering leaves out " + (unpeered - AutoPeering.MAX_CONDITIONS) + " more pairs of this project's networks");
        allocated.forEach(n -> admin().freeNetwork(n.id()));
    }

    /** Auto and manual creation of one pair at once: exactly one peering results, and it is the manual one. */
    @Test
    void autoAndManualCreationOfOnePairRace() throws Exception {
        for (int round = 0; round < 3; round++) {
            String project = autoProject(false);
            V1Network a = allocateIn(project), b = allocateIn(project);
            List<Object> outcomes = race(12, i -> {
                if (i % 4 == 0) {
                    label(project, true);
                    return "label";
                }
                return admin().peerings().create(peering(i % 2 == 0 ? a.id() : b.id(), i % 2 == 0 ? b.id() : a.id()));
            });
            assertThat(outcomes).filteredOn(o -> o instanceof V1Peering).hasSize(1);
            assertThat(outcomes).filteredOn(o -> o instanceof ApiException)
                    .allSatisfy(o -> assertThat(((ApiException) o).statuscode()).as("%s", o).isIn(409));
            assertThat(peeringsOf(project)).singleElement().satisfies(p -> assertThat(p.origin()).isEqualTo("manual"));
        }
    }

    // ---------------------------------------------------------------- roles (issue 2 §5)

    @Test
    void everyRouteButHealthAndOpenApiRejectsAMissingToken() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        List<String> checked = new ArrayList<>();
        for (Route r : server.routes()) {
            String path = r.path().replace("{id}", "x");
            HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                    .method(r.method().name(), HttpRequest.BodyPublishers.ofString("{}")).build();
            HttpResponse<String> res = http.send(req, HttpResponse.BodyHandlers.ofString());
            if (r.authenticated()) {
                assertThat(res.statusCode()).as(r.method() + " " + r.path()).isEqualTo(401);
                assertThat(res.body()).isEqualTo("{\"statuscode\":401,\"message\":\"missing bearer token: send the header Authorization: Bearer <token>\"}");
                checked.add(r.method() + " " + r.path());
            } else {
                assertThat(r.path()).isIn("/healthz", MetalApiServer.OPENAPI_PATH);
                assertThat(res.statusCode()).isEqualTo(200);
            }
        }
        assertThat(checked).hasSizeGreaterThan(40);
        assertApiError(() -> client("not-a-token").partitions().list(), 401, "the bearer token is unknown");
    }

    @Test
    void viewerReadsButCannotWrite() {
        V1Network a = net("p1"), b = net("p1");
        assertThat(as("viewer1").networks().get(a.id()).id()).isEqualTo(a.id());
        assertApiError(() -> as("viewer1").peerings().create(peering(a.id(), b.id())), 403,
                "creating a peering of", "needs the owner or editor role of project p1 (or admin); this token has role viewer of project p1");
        assertApiError(() -> as("viewer1").allocateNetwork(new V1NetworkAllocateRequest("x", null, "fra", "p1", false, null, null, null)), 403,
                "needs the owner or editor role of project p1");
    }

    @Test
    void onlyTheOwnerUpdatesItsProject() {
        V1Project p1 = as("owner1").projects().get("p1");
        V1Project renamed = new V1Project("p1", p1.name(), p1.tenant(), "described by the owner", p1.labels(), null, p1.changed());
        assertApiError(() -> as("editor1").projects().update(renamed), 403,
                "updating project p1 needs its owner role (or admin); this token has role editor of project p1");
        assertThat(as("owner1").projects().update(renamed).description()).isEqualTo("described by the owner");
        assertApiError(() -> as("owner1").projects().create(new V1Project("p9", null, null, null, null, null, null)), 403,
                "creating a project needs the admin role");
    }

    @Test
    void anotherProjectsObjectsAnswer404() {
        V1Network a = net("p1"), b = net("p1");
        V1Peering p = as("owner1").peerings().create(peering(a.id(), b.id()));
        assertApiError(() -> as("owner2").networks().get(a.id()), 404, "network " + a.id() + " not found");
        assertApiError(() -> as("owner2").peerings().get(p.id()), 404, "peering " + p.id() + " not found");
        assertApiError(() -> as("owner2").peerings().delete(p.id()), 404, "peering " + p.id() + " not found");
        assertApiError(() -> as("owner2").projects().get("p1"), 404, "project p1 not found");
        assertApiError(() -> as("owner2").freeNetwork(a.id()), 404, "network " + a.id() + " not found");
        assertThat(as("owner2").peerings().list()).extracting(V1Peering::id).doesNotContain(p.id());
        assertThat(as("owner2").networks().list()).extracting(V1Network::id).doesNotContain(a.id()).contains("internet", "super-fra");
        assertThat(as("owner2").projects().list()).extracting(V1Project::id).containsExactly("p2");
    }

    @Test
    void sharedNetworkOwnerListsAndDeletesPeeringsIntoIt() {
        V1Network storage = allocate("owner2", "p2", "fra", true);
        V1Network mine = net("p1");
        V1Peering p = as("editor1").peerings().create(peering(mine.id(), storage.id()));
        assertThat(as("owner2").findPeerings(new V1PeeringFindRequest(null, storage.id(), null, null)))
                .extracting(V1Peering::id).containsExactly(p.id());
        // p2 may not rename p1's peering, but may delete it
        V1Peering renamed = PeeringRequest.update(p).name("x").build();
        assertApiError(() -> as("owner2").peerings().update(renamed), 403, "needs the owner or editor role of project p1");
        assertThat(as("editor2").peerings().delete(p.id()).id()).isEqualTo(p.id());
        assertApiError(() -> as("owner1").peerings().get(p.id()), 404);
    }

    @Test
    void infraReadsSwitchesTenantsDoNotAndOnlyAdminsIssueTokens() {
        assertThat(as("infra").switches().list()).isNotNull();
        assertApiError(() -> as("owner1").switches().list(), 403, "reading switches needs the admin or infra role; this token has role owner of project p1");
        assertApiError(() -> as("infra").peerings().create(peering("internet", "corp")), 403, "this token has role infra");
        assertApiError(() -> as("owner1").createToken(new V1TokenCreateRequest("admin", null, "escalate")), 403,
                "issuing a token needs the admin role; this token has role owner of project p1");
        assertApiError(() -> as("infra").partitions().create(new V1Partition("x", null, null, null, null, null)), 403,
                "creating a partition needs the admin role; this token has role infra");
        assertApiError(() -> admin().createToken(new V1TokenCreateRequest("viewer", null, "no project")), 400, "role viewer needs a projectid");
        String fresh = admin().createToken(new V1TokenCreateRequest("viewer", "p2", "fresh")).secret();
        assertThat(client(fresh).projects().list()).extracting(V1Project::id).containsExactly("p2");
    }

    // ---------------------------------------------------------------- resources

    @Test
    void machinesCarryTheirNetworksVrfOnTheirSwitchPorts() {
        String leaf = "leaf-" + SEQ.incrementAndGet();
        admin().switches().create(new V1Switch(leaf, "fra", "r1", "room1", "leaf", "Cumulus", 4200000011L, "10.255.0.11",
                List.of(new V1SwitchPort("swp1", false, null), new V1SwitchPort("swp2", false, null), new V1SwitchPort("swp31", true, null)), null, null));
        String m = "m-" + SEQ.incrementAndGet(), fw = "fw-" + SEQ.incrementAndGet();
        admin().machines().create(new V1Machine(m, "m", "fra", "machine", List.of(new V1MachineConnection(leaf, "swp1")), null, null, null));
        admin().machines().create(new V1Machine(fw, "fw", "fra", "firewall", List.of(new V1MachineConnection(leaf, "swp2")), null, null, null));
        assertApiError(() -> admin().machines().create(new V1Machine("m-dup-" + SEQ.incrementAndGet(), null, "fra", "machine",
                List.of(new V1MachineConnection(leaf, "swp1")), null, null, null)), 409, "port swp1@" + leaf + " is already connected to machine " + m);
        V1Network a = net("p1");
        V1Network storage = allocate("owner2", "p2", "fra", true);
        assertApiError(() -> as("owner1").allocateMachine(m, new V1MachineAllocation("p1", List.of(a.id(), storage.id()))), 422,
                "joins exactly one private network; only a firewall also joins shared and external networks");
        V1Machine allocated = as("owner1").allocateMachine(m, new V1MachineAllocation("p1", List.of(a.id())));
        assertThat(allocated.allocation().networks()).containsExactly(a.id());
        as("owner1").allocateMachine(fw, new V1MachineAllocation("p1", List.of(a.id(), storage.id(), "internet")));
        assertApiError(() -> as("owner2").machines().get(m), 404, "machine " + m + " not found");
        assertThat(as("owner1").machines().list()).extracting(V1Machine::id).contains(m, fw);
        V1Switch sw = as("infra").switches().get(leaf);
        assertThat(sw.ports()).extracting(V1SwitchPort::name, V1SwitchPort::vrf)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("swp1", a.vrf()), org.assertj.core.groups.Tuple.tuple("swp2", null),
                        org.assertj.core.groups.Tuple.tuple("swp31", null));
        assertApiError(() -> as("owner1").freeNetwork(a.id()), 409, "is still used by machines " + fw + ", " + m);
        as("owner1").freeMachine(m);
        as("owner1").freeMachine(fw);
        assertThat(as("owner1").freeNetwork(a.id()).id()).isEqualTo(a.id());
        assertThat(as("infra").switches().get(leaf).ports()).extracting(V1SwitchPort::vrf).containsOnlyNulls();
    }

    @Test
    void freeingANetworkWithPeeringsIsRefusedNamingThem() {
        V1Network a = net("p1"), b = net("p1");
        V1Peering p = as("owner1").peerings().create(peering(a.id(), b.id()));
        assertApiError(() -> as("owner1").freeNetwork(a.id()), 409, "is still used by peerings " + p.id());
        as("owner1").peerings().delete(p.id());
        as("owner1").freeNetwork(a.id());
        assertApiError(() -> as("owner1").networks().get(a.id()), 404);
    }

    @Test
    void optimisticLockOnChanged() {
        V1Network a = net("p1"), b = net("p1");
        V1Peering p = as("owner1").peerings().create(peering(a.id(), b.id()));
        V1Peering first = as("owner1").peerings().update(PeeringRequest.update(p).name("renamed").description("d")
                .labels(Map.of("k", "v")).build());
        assertThat(first.name()).isEqualTo("renamed");
        assertThat(first.labels()).containsEntry("k", "v");
        assertApiError(() -> as("owner1").peerings().update(PeeringRequest.update(p).name("stale").build()), 409,
                "peering " + p.id() + " was changed at");
        assertApiError(() -> as("owner1").peerings().update(PeeringRequest.update(first).name("x").network2("internet").build()), 422,
                "network1, network2, peeringtype and bgp cannot change");
    }

    @Test
    void errorsForBadJsonAndUnknownRoutesHaveTheErrorShape() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> bad = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/v1/network/peering"))
                .header("Authorization", "Bearer " + ADMIN).PUT(HttpRequest.BodyPublishers.ofString("{nope")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).startsWith("{\"statuscode\":400,\"message\":\"request body is not valid JSON for V1Peering");
        assertApiError(() -> admin().peerings().find(Map.of("color", "red")), 400, "find field \"color\" is unknown");
        HttpResponse<String> unknown = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/v1/nothing"))
                .header("Authorization", "Bearer " + ADMIN).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).isEqualTo("{\"statuscode\":404,\"message\":\"no route GET /v1/nothing: see /openapi.json for the routes\"}");
        HttpResponse<String> method = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/v1/partition"))
                .header("Authorization", "Bearer " + ADMIN).method("PATCH", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(method.statusCode()).isEqualTo(405);
        assertThat(method.body()).contains("\"statuscode\":405");
    }

    @Test
    void openApiDocumentCoversEveryRoute() throws Exception {
        HttpResponse<String> res = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.port() + MetalApiServer.OPENAPI_PATH)).build(), HttpResponse.BodyHandlers.ofString());
        var doc = io.metalstack.peering.api.Json.mapper().readTree(res.body());
        for (Route r : server.routes()) {
            assertThat(doc.path("paths").path(r.path()).has(r.method().name().toLowerCase(java.util.Locale.ROOT)))
                    .as(r.method() + " " + r.path()).isTrue();
        }
        assertThat(doc.path("components").path("schemas").path("V1Peering").path("properties").has("peeringtype")).isTrue();
    }

    @Test
    void findNetworksByProjectTypeAndLabels() {
        V1Network a = allocate("owner1", "p1", "fra", false);
        assertThat(as("owner1").findNetworks(new V1NetworkFindRequest(null, a.name(), "p1", "fra", "child", a.vrf(), null)))
                .extracting(V1Network::id).containsExactly(a.id());
        assertThat(admin().findNetworks(new V1NetworkFindRequest(null, null, null, null, null, null, Map.of("network.metal-stack.io/peerable", "true"))))
                .extracting(V1Network::id).contains("internet").doesNotContain("corp");
    }

    @Test
    void revisionIncreasesWithEveryChangeAndIsInEveryResponse() throws Exception {
        long before = admin().health().revision();
        net("p1");
        long after = admin().health().revision();
        assertThat(after).isGreaterThan(before);
        HttpResponse<String> res = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/v1/partition"))
                .header("Authorization", "Bearer " + ADMIN).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(Long.parseLong(res.headers().firstValue(MetalApiClient.REVISION_HEADER).orElseThrow())).isGreaterThanOrEqualTo(after);
    }

    // ---------------------------------------------------------------- concurrency and persistence (issue 2 §6)

    @Test
    void concurrentCreatesOfTheSamePairLeaveExactlyOne() throws Exception {
        V1Network a = net("p1"), b = net("p1");
        List<Object> outcomes = race(24, i -> as("owner1").peerings().create(peering(i % 2 == 0 ? a.id() : b.id(), i % 2 == 0 ? b.id() : a.id())));
        assertThat(outcomes).filteredOn(o -> o instanceof V1Peering).hasSize(1);
        assertThat(outcomes).filteredOn(o -> o instanceof ApiException).hasSize(23)
                .allSatisfy(o -> {
                    ApiException e = (ApiException) o;
                    assertThat(e.statuscode()).isEqualTo(409);
                    assertThat(e.getMessage()).contains("already peered");
                });
        assertThat(as("owner1").findPeerings(new V1PeeringFindRequest(null, a.id(), null, null))).hasSize(1);
    }

    @Test
    void concurrentCreatesThatWouldOverlapInOneVrfLeaveExactlyOne() throws Exception {
        V1Network a = net("p1");
        List<V1Network> externals = new ArrayList<>();
        for (int i = 0; i < 22; i++) {
            externals.add(external("race-" + SEQ.incrementAndGet(), 300000 + SEQ.incrementAndGet(), false, "198.51.100.0/24"));
        }
        List<Object> outcomes = race(externals.size(), i -> as("owner1").peerings().create(peering(a.id(), externals.get(i).id())));
        assertThat(outcomes).filteredOn(o -> o instanceof V1Peering).hasSize(1);
        assertThat(outcomes).filteredOn(o -> o instanceof ApiException).hasSize(21)
                .allSatisfy(o -> {
                    ApiException e = (ApiException) o;
                    assertThat(e.statuscode()).isEqualTo(409);
                    assertThat(e.getMessage()).contains("overlaps prefix 198.51.100.0/24");
                });
        assertThat(as("owner1").findPeerings(new V1PeeringFindRequest(null, a.id(), null, null))).hasSize(1);
    }

    /** Runs {@code n} calls at once; each outcome is the result or the thrown exception. */
    private static List<Object> race(int n, java.util.function.IntFunction<Object> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Object>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int k = i;
                futures.add(pool.submit(() -> {
                    go.await();
                    try {
                        return call.apply(k);
                    } catch (ApiException e) {
                        return e;
                    }
                }));
            }
            go.countDown();
            List<Object> outcomes = new ArrayList<>();
            for (Future<Object> f : futures) {
                outcomes.add(f.get());
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void restartKeepsAllData() {
        V1Network a = net("p1"), b = net("p1");
        V1Peering p = as("owner1").peerings().create(peering(a.id(), b.id()));
        long revision = admin().health().revision();
        server.close();
        db.close();
        start();
        assertThat(as("owner1").peerings().get(p.id())).isEqualTo(p);
        assertThat(as("owner1").networks().get(a.id())).isEqualTo(a);
        assertThat(admin().health().revision()).isEqualTo(revision);
        assertThat(admin().partitions().list()).extracting(V1Partition::id).contains("fra", "ber");
        assertThatThrownBy(() -> as("owner1").peerings().create(peering(a.id(), b.id()))).isInstanceOf(ApiException.class);
    }
}
