package io.metalstack.peering.e2e;

import io.metalstack.peering.agent.LabLeaf;
import io.metalstack.peering.agent.Main;
import io.metalstack.peering.api.MetalApiClient;
import io.metalstack.peering.api.V1Condition;
import io.metalstack.peering.api.V1Network;
import io.metalstack.peering.api.V1Peering;
import io.metalstack.peering.api.V1Switch;
import io.metalstack.peering.cli.MetalctlInProcess;
import io.metalstack.peering.frr.BgpTableParser;
import io.metalstack.peering.frr.lab.Poll;
import io.metalstack.peering.model.IpPrefix;
import io.metalstack.peering.server.launch.EmbeddedMetalApi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A peering end to end: metal-api (embedded, H2), two leaf agents (metal-core) each driving its own
 * FRR in its own lab (netns VRF backend: each leaf's VRFs are namespaces with the machine port and the network's
 * prefix behind it), and metalctl in-process. leaf01 is Cumulus (vrfN), leaf02 SONiC (VrfN); each hosts a machine of
 * privnet1 and one of privnet2, both of project p1. The tests run in order and build on each other.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PeeringE2EIT {
    private static final String ADMIN = "e2e-admin-token";
    private static final Duration CONVERGE = Duration.ofSeconds(40);
    private static final String FOREIGN = "10.99.0.1/24";

    private static Path data;
    private static EmbeddedMetalApi api;
    private static MetalApiClient admin;
    private static Fabric fabric;
    private static V1Network net1, net2;
    private static LabLeaf leaf1, leaf2;
    private static final List<Main.Running> agents = new ArrayList<>();
    /** While this file exists, each leaf's vtysh also pushes a line bgpd refuses with every new config (see {@link #rejectingVtysh}). */
    private static Path rejectMarker;
    private static boolean apiClosed;

    @BeforeAll
    static void startEverything() throws IOException {
        data = Files.createTempDirectory("e2e-");
        api = EmbeddedMetalApi.start(EmbeddedMetalApi.h2Url(data), ADMIN, 50);
        admin = new MetalApiClient(api.url(), ADMIN);
        fabric = new Fabric(admin).base();
        fabric.leaf("leaf01", "Cumulus", 4200000011L, "10.0.0.11", List.of("swp1", "swp2"), "swp31");
        fabric.leaf("leaf02", "SONiC", 4200000012L, "10.0.0.12", List.of("Ethernet0", "Ethernet1"), "Ethernet120");
        net1 = fabric.network("privnet1");
        net2 = fabric.network("privnet2");
        fabric.machine("m11", "leaf01", "swp1", net1);
        fabric.machine("m12", "leaf01", "swp2", net2);
        fabric.machine("m21", "leaf02", "Ethernet0", net1);
        fabric.machine("m22", "leaf02", "Ethernet1", net2);

        leaf1 = LabLeaf.start("e2e-leaf01");
        leaf1.addVrf(vrf1(net1), "swp1", List.of(Fabric.host(net1)));
        leaf1.addVrf(vrf1(net2), "swp2", List.of(Fabric.host(net2)));
        leaf2 = LabLeaf.start("e2e-leaf02");
        leaf2.addVrf(vrf2(net1), "Ethernet0", List.of(Fabric.host(net1)));
        leaf2.addVrf(vrf2(net2), "Ethernet1", List.of(Fabric.host(net2)));

        // lab tuning, not config: route-map changes take effect after 1 s instead of 5 s (the agent leaves this line alone)
        leaf1.frr().fastRouteMapUpdates();
        leaf2.frr().fastRouteMapUpdates();

        String infra = fabric.infraToken();
        rejectMarker = data.resolve("reject-next-apply");
        agents.add(Main.start(agentArgs("leaf01", infra, leaf1, "--vtysh", rejectingVtysh(leaf1, 4200000011L, vrf1(net1)).toString())));
        agents.add(Main.start(agentArgs("leaf02", infra, leaf2, "--vtysh", rejectingVtysh(leaf2, 4200000012L, vrf2(net1)).toString())));
        for (String leaf : List.of("leaf01", "leaf02")) {
            V1Switch synced = Poll.until(CONVERGE, () -> admin.switches().get(leaf),
                    s -> s.lastsync() != null && s.lastsync().revision() >= s.revision() && s.lastsync().error() == null);
            assertThat(synced.lastsync()).as("first sync of %s", leaf).isNotNull();
            assertThat(synced.lastsync().error()).isNull();
        }
    }

    @AfterAll
    static void stopEverything() {
        agents.forEach(Main.Running::close);
        if (!apiClosed) {
            api.close();
        }
        leaf1.close();
        leaf2.close();
    }

    private static String[] agentArgs(String leaf, String token, LabLeaf lab, String... more) {
        List<String> args = new ArrayList<>(List.of("--switch", leaf, "--api-url", api.url().toString(), "--token", token,
                "--observe-interval", "1s", "--retry-interval", "2s", "--backoff-max", "2s"));
        args.addAll(lab.agentArgs());
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    /**
     * vtysh for a leaf's agent: the real one, except that while {@link #rejectMarker} exists, loading the agent's
     * config file (a full reload) or pushing its delta (a delta push, {@code -c configure terminal} first) also loads a line bgpd refuses ({@code import vrf} of a VRF into itself, which {@code vtysh -C}
     * cannot see). The rejection comes from FRR itself; only its trigger is ours.
     */
    private static Path rejectingVtysh(LabLeaf lab, long asn, String vrf) throws IOException {
        Path bad = lab.lab().dir().resolve("self-import.conf");
        Files.writeString(bad, "router bgp " + asn + " vrf " + vrf + "\n address-family ipv4 unicast\n  import vrf " + vrf + "\n");
        Path script = lab.lab().dir().resolve("vtysh-rejecting");
        Files.writeString(script, String.join("\n",
                "#!/bin/sh",
                "if [ -e '" + rejectMarker + "' ] && { { [ \"$3\" = \"-f\" ] && [ \"$4\" = '" + lab.configFile() + "' ]; } || "
                        + "{ [ \"$3\" = \"-c\" ] && [ \"$4\" = \"configure terminal\" ]; }; }; then",
                "  vtysh \"$@\"",
                "  exec vtysh \"$1\" \"$2\" -f '" + bad + "'",
                "fi",
                "exec vtysh \"$@\"", ""));
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }

    private static String vrf1(V1Network n) {
        return "vrf" + n.vrf();
    }

    private static String vrf2(V1Network n) {
        return "Vrf" + n.vrf();
    }

    private static MetalctlInProcess.Result metalctl(String... args) {
        List<String> all = new ArrayList<>(List.of("--api-url", api.url().toString(), "--api-token", ADMIN));
        all.addAll(List.of(args));
        return MetalctlInProcess.run(data, all.toArray(String[]::new));
    }

    private static SortedSet<IpPrefix> valid(LabLeaf leaf, String vrf) {
        return BgpTableParser.validPrefixes(leaf.frr().unicastTables(), vrf);
    }

    private static boolean leaked(LabLeaf leaf, String vrfA, String vrfB) {
        SortedSet<IpPrefix> a = valid(leaf, vrfA), b = valid(leaf, vrfB);
        return a.contains(IpPrefix.parse(net2.prefixes().get(0))) && b.contains(IpPrefix.parse(net1.prefixes().get(0)));
    }

    private static boolean withdrawn(LabLeaf leaf, String vrfA, String vrfB) {
        SortedSet<IpPrefix> a = valid(leaf, vrfA), b = valid(leaf, vrfB);
        return !a.contains(IpPrefix.parse(net2.prefixes().get(0))) && !b.contains(IpPrefix.parse(net1.prefixes().get(0)))
                && a.contains(IpPrefix.parse(net1.prefixes().get(0))) && b.contains(IpPrefix.parse(net2.prefixes().get(0)));
    }

    private static V1Peering thePeering() {
        List<V1Peering> all = fabric.peeringsOf(net1);
        assertThat(all).hasSize(1);
        return all.get(0);
    }

    private static V1Peering peeringUntil(Predicate<V1Peering> done) {
        return Poll.until(CONVERGE, PeeringE2EIT::thePeering, done);
    }

    private static boolean hasLeak(V1Peering p) {
        return p.status().conditions() != null && p.status().conditions().stream().map(V1Condition::type).anyMatch("leak"::equals);
    }

    @Test
    @Order(1)
    void peeringCreateWaitReturnsWithTheRoutesLeakedOnBothSwitches() {
        long t0 = System.nanoTime();
        MetalctlInProcess.Result r = metalctl("network", "peering", "create", "--network1", net1.id(), "--network2", net2.id(),
                "--wait", "--timeout", "60s");
        long ms = (System.nanoTime() - t0) / 1_000_000;

        assertThat(r.exit()).as("%s", r).isZero();
        System.out.printf("e2e: metalctl network peering create --wait returned after %d ms%n", ms);
        assertThat(thePeering().status().phase()).isEqualTo("active");
        assertThat(leaked(leaf1, vrf1(net1), vrf1(net2))).as("leaf01 tables: %s", leaf1.frr().unicastTables()).isTrue();
        assertThat(leaked(leaf2, vrf2(net1), vrf2(net2))).as("leaf02 tables: %s", leaf2.frr().unicastTables()).isTrue();
        assertThat(leaf1.runningConfig()).contains("import vrf " + vrf1(net2));
        assertThat(leaf2.runningConfig()).contains("import vrf " + vrf2(net2));
    }

    @Test
    @Order(2)
    void aForeignRouteInAVrfRaisesTheLeakCondition() {
        long t0 = System.nanoTime();
        leaf1.addForeignAddress(vrf1(net1), "swp1", FOREIGN);
        try {
            V1Peering p = peeringUntil(PeeringE2EIT::hasLeak);
            System.out.printf("e2e: leak condition after %d ms%n", (System.nanoTime() - t0) / 1_000_000);
            assertThat(p.status().conditions()).filteredOn(c -> c.type().equals("leak")).singleElement()
                    .satisfies(c -> assertThat(c.message()).contains("leaf01", "10.99.0.0/24"));
            assertThat(admin.switches().get("leaf01").conditions()).extracting(V1Condition::type).contains("leak");
        } finally {
            leaf1.removeForeignAddress(vrf1(net1), "swp1", FOREIGN);
        }
        assertThat(peeringUntil(p -> !hasLeak(p) && p.status().phase().equals("active")).status().phase()).isEqualTo("active");
    }

    @Test
    @Order(3)
    void deletingThePeeringWithdrawsTheRoutesOnBothSwitches() {
        MetalctlInProcess.Result r = metalctl("network", "peering", "delete", thePeering().id(), "--yes-i-really-mean-it",
                "--wait", "--timeout", "60s");

        assertThat(r.exit()).as("%s", r).isZero();
        assertThat(fabric.peeringsOf(net1)).isEmpty();
        assertThat(Poll.until(CONVERGE, () -> withdrawn(leaf1, vrf1(net1), vrf1(net2)), Boolean::booleanValue))
                .as("leaf01 tables: %s", leaf1.frr().unicastTables()).isTrue();
        assertThat(Poll.until(CONVERGE, () -> withdrawn(leaf2, vrf2(net1), vrf2(net2)), Boolean::booleanValue))
                .as("leaf02 tables: %s", leaf2.frr().unicastTables()).isTrue();
        assertThat(leaf1.runningConfig()).doesNotContain("import vrf " + vrf1(net2));
    }

    @Test
    @Order(4)
    void anApplyFrrRejectsIsRolledBackAndThePeeringFails() throws IOException {
        String runningBefore = leaf1.runningConfig();
        String fileBefore = Files.readString(leaf1.configFile());
        Files.writeString(rejectMarker, "");
        try {
            MetalctlInProcess.Result r = metalctl("network", "peering", "create", "--network1", net1.id(), "--network2", net2.id());
            assertThat(r.exit()).as("%s", r).isZero();

            // a peering is failed when it failed on every switch it is on (on some: degraded)
            V1Peering failed = peeringUntil(p -> p.status().phase().equals("failed"));
            assertThat(failed.status().phase()).as("%s", failed.status()).isEqualTo("failed");
            assertThat(failed.status().switches()).hasSize(2).allSatisfy(s -> {
                assertThat(s.phase()).isEqualTo("failed");
                assertThat(s.error()).contains("Cannot import vrf", "the last good config was restored");
            });
            assertThat(admin.switches().get("leaf01").lastsync().error()).contains("FRR rejected the config at apply");
            assertThat(leaf1.runningConfig()).as("rolled back").isEqualTo(runningBefore).doesNotContain("import vrf " + vrf1(net2));
            assertThat(Files.readString(leaf1.configFile())).isEqualTo(fileBefore);
            assertThat(leaf2.runningConfig()).doesNotContain("import vrf " + vrf2(net2));
            // the restored config withdraws what the refused push leaked; bgpd takes its time, the agent's report does not wait
            assertThat(Poll.until(CONVERGE, () -> withdrawn(leaf1, vrf1(net1), vrf1(net2)), Boolean::booleanValue))
                    .as("leaf01 tables: %s", leaf1.frr().unicastTables()).isTrue();
        } finally {
            Files.deleteIfExists(rejectMarker);
        }
        // the agent retries the failed apply; without the trigger it goes through
        assertThat(peeringUntil(p -> p.status().phase().equals("active")).status().phase()).isEqualTo("active");
        assertThat(leaked(leaf1, vrf1(net1), vrf1(net2))).isTrue();
    }

    @Test
    @Order(5)
    void withTheServerStoppedTheAgentsKeepTheirConfig() throws InterruptedException {
        String config1 = leaf1.runningConfig(), config2 = leaf2.runningConfig();
        api.close();
        apiClosed = true;
        // long enough for several failed long-polls, backoffs and the fallback to polling (backoff capped at 2 s)
        Thread.sleep(Duration.ofSeconds(8).toMillis());

        assertThat(leaf1.runningConfig()).isEqualTo(config1);
        assertThat(leaf2.runningConfig()).isEqualTo(config2);
        assertThat(leaked(leaf1, vrf1(net1), vrf1(net2))).isTrue();
        assertThat(leaked(leaf2, vrf2(net1), vrf2(net2))).isTrue();
    }
}
