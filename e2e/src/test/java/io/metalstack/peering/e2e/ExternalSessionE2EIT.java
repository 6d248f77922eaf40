package io.metalstack.peering.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.metalstack.peering.agent.LabLeaf;
import io.metalstack.peering.agent.Main;
import io.metalstack.peering.api.MetalApiClient;
import io.metalstack.peering.api.V1Condition;
import io.metalstack.peering.api.V1Network;
import io.metalstack.peering.api.V1Peering;
import io.metalstack.peering.api.V1PeeringSession;
import io.metalstack.peering.api.V1Switch;
import io.metalstack.peering.api.fixture.NetworkRequest;
import io.metalstack.peering.api.fixture.PartitionRequest;
import io.metalstack.peering.api.fixture.ProjectRequest;
import io.metalstack.peering.api.fixture.SwitchRequest;
import io.metalstack.peering.cli.MetalctlInProcess;
import io.metalstack.peering.frr.lab.FrrInstance;
import io.metalstack.peering.frr.lab.Poll;
import io.metalstack.peering.frr.lab.StrictLoad;
import io.metalstack.peering.model.Labels;
import io.metalstack.peering.server.launch.EmbeddedMetalApi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End to end: the exit switch's agent (metal-core, FRR target) reports the real state of an external
 * BGP session, and {@code metalctl network peering describe} shows it.
 *
 * <p>metal-api embedded (H2) with the exit switch {@code exit01} (SONiC, AS 4200000099), the peerable internet network
 * (VRF 104009, 185.1.2.0/24, NAT) and the tenant network privnet1 peered with it (over IPv6, as in the demo). The external peering is created with
 * the MEP's one-network command through metalctl in-process. The exit runs in a lab ({@link LabLeaf}: FRR with the
 * netns VRF backend): the namespace {@code Vrf104009} holds the port Ethernet0 (172.16.0.1/30, the address the rendered
 * CONFIG_DB gives it) and, behind {@code nat0}, an address of internet's own prefix (something for the session to
 * export). The other end of Ethernet0 is in namespace {@code isp}, where a second FRR instance runs a hand-written
 * config: AS 65001, announcing a default route. The tests run in order: Established, then the ISP's bgpd stopped.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ExternalSessionE2EIT {
    private static final String ADMIN = "e2e-ext-admin-token";
    private static final Duration CONVERGE = Duration.ofSeconds(30);
    private static final String EXIT = "exit01";
    private static final int INTERNET_VRF = 104009;
    private static final String VRF = "Vrf" + INTERNET_VRF;
    private static final String INTERNET_PREFIX = "185.1.2.0/24";
    private static final String EXIT_ADDRESS = "172.16.0.1";
    private static final String ISP_ADDRESS = "172.16.0.2";

    private static Path data;
    private static EmbeddedMetalApi api;
    private static MetalApiClient admin;
    private static LabLeaf exit;
    private static FrrInstance isp;
    private static Main.Running agent;
    private static long startedAt;
    /** The external peering, set by the first test. */
    private static String peeringId;

    @BeforeAll
    static void startEverything() throws IOException {
        startedAt = System.nanoTime();
        data = Files.createTempDirectory("e2e-ext-");
        api = EmbeddedMetalApi.start(EmbeddedMetalApi.h2Url(data), ADMIN, 50);
        admin = new MetalApiClient(api.url(), ADMIN);
        // as the demo's: dual-stack, with a documentation (not private-use) IPv6 prefix, so that privnet1 peers with the
        // NATed internet over IPv6 (private-use IPv4 needs the firewall's NAT)
        admin.partitions().create(PartitionRequest.of(Fabric.PARTITION).name("Frankfurt").build());
        admin.projects().create(ProjectRequest.of(Fabric.PROJECT, "t1").name("project one").build());
        admin.networks().create(NetworkRequest.superNetwork("super-fra", Fabric.PARTITION, "10.0.0.0/16", "2001:db8::/48").build());
        Fabric fabric = new Fabric(admin);
        admin.switches().create(SwitchRequest.of(EXIT, Fabric.PARTITION, "exit", "SONiC").place("rack-exit", "room1").bgp(4200000099L, "10.0.0.99")
                .ports("Ethernet0", "Ethernet4").uplinks("Ethernet120").build());
        admin.networks().create(NetworkRequest.external("internet", INTERNET_VRF).description("the internet").prefixes(INTERNET_PREFIX)
                .destinationprefixes("0.0.0.0/0", "::/0").nat(true).labels(Map.of(Labels.PEERABLE, "true")).build());
        V1Network privnet1 = fabric.network("privnet1");
        MetalctlInProcess.Result tenant = metalctl("network", "peering", "create", "--network1", privnet1.id(), "--network2", "internet");
        assertThat(tenant.exit()).as("%s", tenant).isZero();

        exit = LabLeaf.start("e2e-exit01");
        exit.lab().addNamespace(VRF);
        exit.lab().addNamespace("isp");
        exit.lab().addVeth(VRF, "Ethernet0", "isp", "isp0");
        exit.lab().addAddress(VRF, "Ethernet0", EXIT_ADDRESS + "/30");
        exit.lab().addAddress("isp", "isp0", ISP_ADDRESS + "/30");
        exit.lab().addVeth(VRF, "nat0", VRF, "nat1");
        exit.lab().addAddress(VRF, "nat1", "185.1.2.1/24");
        exit.frr().fastRouteMapUpdates();
        isp = exit.lab().startFrr("isp", "isp", false);
        assertThat(StrictLoad.problems(isp.loadText("isp.conf", ISP_CONFIG))).as("loading the ISP config").isEmpty();

        agent = Main.start("--switch", EXIT, "--api-url", api.url().toString(), "--token", fabric.infraToken(),
                "--observe-interval", "1s", "--retry-interval", "2s", "--backoff-max", "2s", "--target", "frr", "--os-side", "skip",
                "--frr-config", exit.configFile().toString(), "--vty-socket", exit.socketDir().toString());
        V1Switch synced = Poll.until(CONVERGE, () -> admin.switches().get(EXIT),
                s -> s.lastsync() != null && s.lastsync().revision() >= s.revision() && s.lastsync().error() == null);
        assertThat(synced.lastsync()).as("first sync of %s", EXIT).isNotNull();
        assertThat(synced.lastsync().error()).isNull();
        System.out.printf("e2e external: server, lab, ISP and first sync of %s after %d ms%n", EXIT, ms(startedAt));
    }

    /** The ISP: AS 65001, the exit as neighbour (it speaks as AS 65000, its local-as), a default route announced. */
    private static final String ISP_CONFIG = """
            router bgp 65001
             bgp router-id 172.16.0.2
             no bgp ebgp-requires-policy
             no bgp network import-check
             neighbor 172.16.0.1 remote-as 65000
             neighbor 172.16.0.1 timers connect 1
             !
             address-family ipv4 unicast
              network 0.0.0.0/0
             exit-address-family
            exit
            """;

    @AfterAll
    static void stopEverything() {
        List<RuntimeException> failures = new ArrayList<>();
        for (Runnable r : new Runnable[] {
                () -> { if (agent != null) agent.close(); },
                () -> { if (api != null) api.close(); },
                () -> { if (exit != null) exit.close(); },
                ExternalSessionE2EIT::deleteData}) {
            try {
                r.run();
            } catch (RuntimeException e) {
                failures.add(e);
            }
        }
        System.out.printf("e2e external: whole class %d ms%n", ms(startedAt));
        if (!failures.isEmpty()) {
            failures.subList(1, failures.size()).forEach(failures.get(0)::addSuppressed);
            throw failures.get(0);
        }
    }

    @Test
    @Order(1)
    void theAgentReportsTheSessionEstablishedAndMetalctlShowsIt() {
        long t0 = System.nanoTime();
        MetalctlInProcess.Result r = metalctl("network", "peering", "create", "--network1", "internet", "--localAs", "65000",
                "--localCidr", EXIT_ADDRESS, "--localPort", "Ethernet0@" + EXIT, "--remoteAs", "65001", "--remoteCidr", ISP_ADDRESS);
        assertThat(r.exit()).as("%s", r).isZero();
        peeringId = external().id();

        V1PeeringSession session = sessionUntil(s -> s.state().equals("Established"));
        System.out.printf("e2e external: Established in the peering's status %d ms after metalctl create%n", ms(t0));
        assertThat(session.switchid()).isEqualTo(EXIT);
        assertThat(session.state()).as("%s", admin.peerings().get(peeringId).status()).isEqualTo("Established");
        String summary = exit.frr().show("show bgp vrf all summary json");
        System.out.println("e2e external: exit01 'show bgp vrf all summary json' while Established:\n" + summary);

        // the session is the real one: the ISP's default route arrived in the VRF, internet's own prefix reached the ISP
        assertThat(Poll.until(CONVERGE, () -> routesFrom(exit.frr(), "vrf " + VRF, ISP_ADDRESS), s -> !s.isEmpty()))
                .containsExactly("0.0.0.0/0");
        assertThat(Poll.until(CONVERGE, () -> routesFrom(isp, "", EXIT_ADDRESS), s -> !s.isEmpty())).containsExactly(INTERNET_PREFIX);
        // the agent's count is FRR's (pfxRcd), reported once the default route is in the table
        V1PeeringSession counted = sessionUntil(s -> s.state().equals("Established") && Long.valueOf(1).equals(s.prefixesreceived()));
        assertThat(counted.prefixesreceived()).isEqualTo(1L);
        assertThat(conditionsOfExit()).noneMatch(c -> c.type().equals("session"));

        MetalctlInProcess.Result table = metalctl("network", "peering", "describe", peeringId, "-o", "table");
        assertThat(table.exit()).as("%s", table).isZero();
        assertThat(table.out()).contains("Sessions", EXIT + ": Established, 1 prefixes received");
        MetalctlInProcess.Result yaml = metalctl("network", "peering", "describe", peeringId, "-o", "yaml");
        assertThat(yaml.exit()).as("%s", yaml).isZero();
        assertThat(yaml.out()).contains("sessions:", "switchid: " + EXIT, "state: Established", "prefixesreceived: 1");
        System.out.println("e2e external: metalctl network peering describe (table):\n" + table.out());
    }

    @Test
    @Order(2)
    void stoppingTheIspsBgpdTakesTheSessionDownInTheStatusAndRaisesASessionCondition() {
        assertThat(peeringId).as("the first test created the peering").isNotNull();
        long bgpd = isp.pids().get(1);
        long t0 = System.nanoTime();
        ProcessHandle.of(bgpd).orElseThrow(() -> new AssertionError("the ISP's bgpd (pid " + bgpd + ") does not run")).destroy();

        V1PeeringSession down = sessionUntil(s -> !s.state().equals("Established"));
        System.out.printf("e2e external: state %s in the peering's status %d ms after SIGTERM to the ISP's bgpd%n", down.state(), ms(t0));
        assertThat(down.state()).isNotEqualTo("Established").isNotEmpty();
        assertThat(Poll.until(CONVERGE, () -> ProcessHandle.of(bgpd).map(ProcessHandle::isAlive).orElse(false), alive -> !alive))
                .as("the ISP's bgpd still runs").isFalse();
        System.out.println("e2e external: exit01 'show bgp vrf all summary json' after the ISP's bgpd stopped:\n"
                + exit.frr().show("show bgp vrf all summary json"));

        List<V1Condition> conditions = Poll.until(CONVERGE, ExternalSessionE2EIT::conditionsOfExit,
                cs -> cs.stream().anyMatch(c -> c.type().equals("session")));
        assertThat(conditions).filteredOn(c -> c.type().equals("session")).singleElement()
                .satisfies(c -> assertThat(c.message()).contains(peeringId, EXIT).doesNotContain("Established"));
        MetalctlInProcess.Result table = metalctl("network", "peering", "describe", peeringId, "-o", "table");
        assertThat(table.exit()).as("%s", table).isZero();
        V1PeeringSession now = admin.peerings().get(peeringId).status().sessions().get(0);
        assertThat(table.out()).contains(EXIT + ": ").doesNotContain(EXIT + ": Established");
        assertThat(now.state()).isNotEqualTo("Established");
    }

    /** The server's H2 files and metalctl's home, once the server is closed. */
    private static void deleteData() {
        if (data == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(data)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + data, e);
        }
    }

    /** exit01's conditions (the API leaves the field out when there are none). */
    private static List<V1Condition> conditionsOfExit() {
        return Optional.ofNullable(admin.switches().get(EXIT).conditions()).orElse(List.of());
    }

    private static V1Peering external() {
        List<V1Peering> all = admin.peerings().list().stream().filter(p -> "external".equals(p.peeringtype())).toList();
        assertThat(all).hasSize(1);
        return all.get(0);
    }

    /** Polls the peering's status until its session on exit01 satisfies {@code done}; fails with the last status otherwise. */
    private static V1PeeringSession sessionUntil(java.util.function.Predicate<V1PeeringSession> done) {
        V1Peering p = Poll.until(CONVERGE, () -> admin.peerings().get(peeringId), x -> sessionOf(x).filter(done).isPresent());
        return sessionOf(p).filter(done).orElseThrow(() -> new AssertionError("after " + CONVERGE.toSeconds() + " s the status is " + p.status()
                + "; exit01 summary: " + exit.frr().show("show bgp vrf all summary json")));
    }

    private static Optional<V1PeeringSession> sessionOf(V1Peering p) {
        if (p.status() == null || p.status().sessions() == null) {
            return Optional.empty();
        }
        return p.status().sessions().stream().filter(s -> EXIT.equals(s.switchid()) && s.state() != null).findFirst();
    }

    /** Prefixes accepted from a neighbour (after the inbound policy). */
    private static Set<String> routesFrom(FrrInstance frr, String vrf, String neighbor) {
        JsonNode json = frr.json("show bgp " + (vrf.isEmpty() ? "" : vrf + " ") + "ipv4 unicast neighbors " + neighbor + " routes json");
        Set<String> prefixes = new TreeSet<>();
        json.path("routes").fieldNames().forEachRemaining(prefixes::add);
        return prefixes;
    }

    private static MetalctlInProcess.Result metalctl(String... args) {
        List<String> all = new ArrayList<>(List.of("--api-url", api.url().toString(), "--api-token", ADMIN));
        all.addAll(List.of(args));
        return MetalctlInProcess.run(data, all.toArray(String[]::new));
    }

    private static long ms(long since) {
        return (System.nanoTime() - since) / 1_000_000;
    }
}
