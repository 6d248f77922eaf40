package io.metalstack.peering.frr.external;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.metalstack.peering.frr.BgpPath;
import io.metalstack.peering.frr.FrrRenderer;
import io.metalstack.peering.frr.RenderedConfig;
import io.metalstack.peering.frr.lab.FrrInstance;
import io.metalstack.peering.frr.lab.FrrLab;
import io.metalstack.peering.frr.lab.Poll;
import io.metalstack.peering.frr.lab.StrictLoad;
import io.metalstack.peering.model.Allocation;
import io.metalstack.peering.model.Asn;
import io.metalstack.peering.model.BgpPeer;
import io.metalstack.peering.model.InterfaceAddress;
import io.metalstack.peering.model.IpPrefix;
import io.metalstack.peering.model.Ipv4Address;
import io.metalstack.peering.model.Labels;
import io.metalstack.peering.model.Machine;
import io.metalstack.peering.model.MachineConnection;
import io.metalstack.peering.model.MachineId;
import io.metalstack.peering.model.MachineRole;
import io.metalstack.peering.model.Network;
import io.metalstack.peering.model.NetworkId;
import io.metalstack.peering.model.NetworkType;
import io.metalstack.peering.model.PartitionId;
import io.metalstack.peering.model.Peering;
import io.metalstack.peering.model.PeeringId;
import io.metalstack.peering.model.PeeringOrigin;
import io.metalstack.peering.model.PeeringType;
import io.metalstack.peering.model.PortName;
import io.metalstack.peering.model.ProjectId;
import io.metalstack.peering.model.Switch;
import io.metalstack.peering.model.SwitchId;
import io.metalstack.peering.model.SwitchOs;
import io.metalstack.peering.model.SwitchPort;
import io.metalstack.peering.model.SwitchRole;
import io.metalstack.peering.model.Vni;
import io.metalstack.peering.model.plan.Inventory;
import io.metalstack.peering.model.plan.Planner;
import io.metalstack.peering.model.plan.SwitchIntent;
import io.metalstack.peering.model.rules.ExternalPeeringRules;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real eBGP session between an exit switch and an ISP. The exit's config is what {@link FrrRenderer}
 * renders from the intent the {@link Planner} computes for an inventory whose external peerings passed
 * {@link ExternalPeeringRules} (in the MEP's bare-address form); it runs in one FRR instance with the netns VRF backend
 * ({@code zebra -n}), the VRF namespace {@code Vrf130} holding the ports. The ISP is a hand-written FRR config in
 * another namespace, across veth pairs.
 *
 * <p>Three sessions of network {@code pub} (185.10.0.0/24 and 2a02:c00:10::/64, VRF 130) to the same ISP (AS 65001), each on its own port:
 * <ul>
 *   <li>{@code isp} on Ethernet0: the real one, with a password both sides agree on;</li>
 *   <li>{@code isp-badkey} on Ethernet12: the ISP has another password, so TCP MD5 drops every segment;</li>
 *   <li>{@code isp-maxpfx} on Ethernet16: lists two more import prefixes but allows at most 1 prefix, so the ISP's
 *       three accepted routes overflow it.</li>
 * </ul>
 * {@code pub} is locally peered with {@code other} (185.20.0.0/24, VRF 140) on the same switch, so Vrf130 holds
 * other's prefix (leaked): the export filter must keep it from the ISP. The ISP announces a default route, 203.0.113.0/24
 * (connected, with 203.0.113.1 to ping) and 198.51.100.0/24, and accepts anything.
 */
class ExternalSessionIT {
    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");
    private static final PartitionId PARTITION = PartitionId.parse("fra-equ01");
    private static final ProjectId PROJECT = ProjectId.parse("p1");
    private static final SwitchId EXIT = SwitchId.parse("exit01");
    /** Every kind of character a password may hold (see BgpPeer.Password), to prove FRR takes it verbatim. */
    private static final String SECRET = "s3cr3t-Md5_key;$\"'\\|`~^=+*&%@(){}[]<>,./:";
    private static final Duration CONVERGE = Duration.ofSeconds(25);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Dual-stack, like the internet below: the IPv4 session's filters must hold IPv4 only (no render warning). */
    private static final Network PUB = network("pub", NetworkType.CHILD, 130, List.of("185.10.0.0/24", "2a02:c00:10::/64"), List.of(), false);
    private static final Network OTHER = network("other", NetworkType.CHILD, 140, List.of("185.20.0.0/24"), List.of(), false);
    private static final Network INTERNET = network("internet", NetworkType.EXTERNAL, 104009, List.of("185.1.2.0/24"),
            List.of("0.0.0.0/0", "::/0"), true);

    /** One session of the exit: port, the exit's and the ISP's address (bare, as in the MEP), the ISP's interface. */
    private record Link(String peering, String port, String exitAddress, String ispAddress, String ispInterface) {}

    private static final Link GOOD = new Link("isp", "Ethernet0", "172.16.0.1", "172.16.0.2", "isp0");
    private static final Link BAD_KEY = new Link("isp-badkey", "Ethernet12", "172.16.0.5", "172.16.0.6", "isp12");
    private static final Link MAX_PFX = new Link("isp-maxpfx", "Ethernet16", "172.16.0.9", "172.16.0.10", "isp16");

    private static FrrLab lab;
    private static FrrInstance exit;
    private static FrrInstance isp;
    private static String exitConfig;

    @BeforeAll
    static void connectTheExitToTheIsp() {
        long t0 = System.nanoTime();
        Inventory inventory = inventory();
        SwitchIntent intent = Planner.plan(inventory).intent(EXIT).orElseThrow();
        RenderedConfig rendered = new FrrRenderer().render(intent);
        assertThat(rendered.warnings()).as("render warnings").isEmpty();
        exitConfig = rendered.frrConf();

        lab = FrrLab.start("external");
        lab.addNamespace("core");
        lab.addNamespace("Vrf130");
        lab.addNamespace("Vrf140");
        lab.addNamespace("isp");
        // machine ports with the networks' connected prefixes, like LeakControlPlaneIT
        lab.addVeth("Vrf130", "Ethernet4", "Vrf130", "h4");
        lab.addAddress("Vrf130", "h4", "185.10.0.1/24");
        lab.addAddress("Vrf130", "h4", "2a02:c00:10::1/64");
        lab.addVeth("Vrf140", "Ethernet8", "Vrf140", "h8");
        lab.addAddress("Vrf140", "h8", "185.20.0.1/24");
        for (Link l : List.of(GOOD, BAD_KEY, MAX_PFX)) {
            lab.addVeth("Vrf130", l.port(), "isp", l.ispInterface());
            lab.addAddress("isp", l.ispInterface(), l.ispAddress() + "/30");
        }
        // the OS side of the exit: the port addresses as the rendered CONFIG_DB gives them (INTERFACE|port|cidr)
        portAddresses(rendered.file(FrrRenderer.CONFIG_DB)).forEach((port, cidr) -> lab.addAddress("Vrf130", port, cidr));
        lab.addVeth("isp", "lan0", "isp", "lan1");
        lab.addAddress("isp", "lan1", "203.0.113.1/24");

        exit = lab.startFrr("exit", "core", true);
        exit.fastRouteMapUpdates();
        assertThat(StrictLoad.problems(exit.loadText("exit.conf", exitConfig))).as("loading the rendered exit config:\n%s", exitConfig)
                .isEmpty();
        isp = lab.startFrr("isp", "isp", false);
        assertThat(StrictLoad.problems(isp.loadText("isp.conf", ispConfig()))).as("loading the ISP config").isEmpty();
        long t1 = System.nanoTime();
        JsonNode established = Poll.until(CONVERGE, () -> peer(exit, "Vrf130", GOOD.ispAddress()),
                p -> p.path("state").asText().equals("Established"));
        long t2 = System.nanoTime();
        System.out.printf("external session: lab and daemons %d ms, Established after %d ms (%s)%n",
                (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, established.path("state").asText());
    }

    @AfterAll
    static void closeLab() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void theSessionReachesEstablishedAndOnlyTheAllowedPrefixesCrossBothWays() {
        assertThat(peer(exit, "Vrf130", GOOD.ispAddress()).path("state").asText()).as("exit side, config:\n%s", exitConfig)
                .isEqualTo("Established");
        // FRR stores the secret verbatim: what it runs is what was rendered
        assertThat(exit.show("show running-config")).contains("neighbor 172.16.0.2 password " + SECRET + "\n");
        assertThat(exitConfig).contains("neighbor 172.16.0.2 password " + SECRET, "neighbor 172.16.0.2 local-as 65000 no-prepend replace-as",
                "neighbor 172.16.0.2 maximum-prefix 1000", "neighbor 172.16.0.10 maximum-prefix 1");

        // the ISP offers its routes on the good session; the exit keeps the default route only
        Set<String> offered = Poll.until(CONVERGE, () -> routes(isp, "", GOOD.exitAddress(), "advertised-routes"), r -> r.size() >= 3);
        assertThat(offered).contains("0.0.0.0/0", "198.51.100.0/24", "203.0.113.0/24");
        Set<String> fromIsp = Poll.until(CONVERGE, () -> routesFrom(exit, "vrf Vrf130", GOOD.ispAddress()), r -> !r.isEmpty());
        assertThat(fromIsp).containsExactly("0.0.0.0/0");
        // the ISP gets network1's own prefix, not the one Vrf130 leaked from Vrf140, nor the connected link subnets
        Set<String> toIsp = Poll.until(CONVERGE, () -> routesFrom(isp, "", GOOD.exitAddress()), r -> !r.isEmpty());
        assertThat(toIsp).containsExactly("185.10.0.0/24");

        // precondition of the export check: Vrf130 does hold other's prefix, leaked from Vrf140
        List<BgpPath> vrf130 = Poll.until(CONVERGE, () -> exit.unicastTables().getOrDefault("Vrf130", List.of()),
                t -> t.stream().anyMatch(p -> p.prefix().equals(IpPrefix.parse("185.20.0.0/24")) && p.valid()));
        assertThat(vrf130).anyMatch(p -> p.prefix().equals(IpPrefix.parse("185.20.0.0/24")) && p.valid()
                && p.nhVrfName().equals(Optional.of("Vrf140")));
        assertThat(vrf130).anyMatch(p -> p.prefix().equals(IpPrefix.parse("0.0.0.0/0")) && p.valid() && p.best());
        // nothing else of the ISP's, once the over-full session is down
        awaitMaxPrefixOverflow();
        assertThat(exit.unicastTables().getOrDefault("Vrf130", List.of())).extracting(p -> p.prefix().toString())
                .doesNotContain("203.0.113.0/24", "198.51.100.0/24");
        Set<String> ispKnows = exitRoutesAtIsp();
        assertThat(ispKnows).contains("185.10.0.0/24").doesNotContain("185.20.0.0/24");
    }

    @Test
    void aPingCrossesFromInsideTheVrfToTheIsp() {
        Poll.until(CONVERGE, () -> lab.sh("ip", "-n", "Vrf130", "route", "show", "default"), r -> String.join("\n", r).contains("172.16.0.2"));
        Poll.until(CONVERGE, () -> lab.sh("ip", "-n", "isp", "route", "show", "185.10.0.0/24"), r -> String.join("\n", r).contains("172.16.0.1"));
        List<String> ping = lab.sh("ip", "netns", "exec", "Vrf130", "ping", "-c", "2", "-W", "2", "-I", "185.10.0.1", "203.0.113.1");
        System.out.println("external session ping: " + ping.stream().filter(l -> l.contains("transmitted")).collect(Collectors.joining()));
        assertThat(ping).anyMatch(l -> l.contains("2 packets transmitted, 2 received"));
    }

    @Test
    void maximumPrefixTearsDownTheSessionThatReceivesTooMany() {
        JsonNode neighbor = awaitMaxPrefixOverflow();
        assertThat(neighbor.path("bgpState").asText()).as("neighbor %s", neighbor).isNotEqualTo("Established");
        assertThat(neighbor.path("prefixesConfigExceedMax").asBoolean()).as("neighbor %s", neighbor).isTrue();
        assertThat(neighbor.path("lastNotificationReason").asText()).as("neighbor %s", neighbor)
                .isEqualTo("Cease/Maximum Number of Prefixes Reached");
    }

    @Test
    void aWrongPasswordKeepsTheSessionDown() {
        // evidence that the exit tried and TCP MD5 refused it, not merely that nothing happened yet
        long failures = Poll.until(CONVERGE, ExternalSessionIT::md5Failures, n -> n > 0);
        assertThat(failures).as("TcpExtTCPMD5Failure in the ISP's namespace").isPositive();
        // by now the good session is up (see @BeforeAll): the same config, another key, no session
        assertThat(peer(exit, "Vrf130", GOOD.ispAddress()).path("state").asText()).isEqualTo("Established");
        assertThat(peer(exit, "Vrf130", BAD_KEY.ispAddress()).path("state").asText()).isNotEqualTo("Established");
        assertThat(peer(isp, "default", BAD_KEY.exitAddress()).path("state").asText()).isNotEqualTo("Established");
    }

    private static JsonNode awaitMaxPrefixOverflow() {
        return Poll.until(CONVERGE, () -> exit.json("show bgp vrf Vrf130 neighbors " + MAX_PFX.ispAddress() + " json").path(MAX_PFX.ispAddress()),
                n -> n.path("prefixesConfigExceedMax").asBoolean() && !n.path("bgpState").asText().equals("Established"));
    }

    /** The exit's routes the ISP accepted from the good session and the max-prefix one. */
    private static Set<String> exitRoutesAtIsp() {
        Set<String> all = new TreeSet<>(routesFrom(isp, "", GOOD.exitAddress()));
        all.addAll(routesFrom(isp, "", MAX_PFX.exitAddress()));
        return all;
    }

    private static Inventory inventory() {
        Switch sw = new Switch(EXIT, PARTITION, "r1", "z1", SwitchRole.EXIT, SwitchOs.SONIC, Asn.of(4200000031L),
                Ipv4Address.parse("10.0.0.31"), List.of(port("Ethernet0", false), port("Ethernet4", false), port("Ethernet8", false),
                port("Ethernet12", false), port("Ethernet16", false), port("Ethernet120", true)), T, T);
        List<Machine> machines = List.of(machine("m1", PUB, "Ethernet4"), machine("m2", OTHER, "Ethernet8"));
        List<Peering> peerings = new ArrayList<>();
        peerings.add(new Peering(PeeringId.parse("pub-other"), "", "", Optional.of(PROJECT), Optional.of(PARTITION), PUB.id(),
                OTHER.id(), PeeringType.LOCAL, Optional.empty(), PeeringOrigin.MANUAL, Labels.EMPTY, T, T));
        for (Link l : List.of(GOOD, BAD_KEY, MAX_PFX)) {
            boolean overfull = l == MAX_PFX;
            BgpPeer requested = new BgpPeer(Asn.of(65000), InterfaceAddress.parse(l.exitAddress()), EXIT, PortName.parse(l.port()),
                    Asn.of(65001), InterfaceAddress.parse(l.ispAddress()), overfull ? 1 : BgpPeer.DEFAULT_MAX_PREFIXES, false,
                    Optional.of(BgpPeer.Password.of(SECRET)),
                    overfull ? List.of(IpPrefix.parse("203.0.113.0/24"), IpPrefix.parse("198.51.100.0/24")) : List.of(), List.of());
            PeeringId id = PeeringId.parse(l.peering());
            BgpPeer admitted = ExternalPeeringRules.check(id, PUB, Optional.of(INTERNET), requested,
                    ExternalPeeringRules.Fabric.of(List.of(sw), machines, peerings));
            peerings.add(new Peering(id, "", "", Optional.of(PROJECT), Optional.of(PARTITION), PUB.id(), INTERNET.id(),
                    PeeringType.EXTERNAL, Optional.of(admitted), PeeringOrigin.MANUAL, Labels.EMPTY, T, T));
        }
        return new Inventory(List.of(), List.of(), List.of(PUB, OTHER, INTERNET), List.of(sw), machines, peerings);
    }

    private static String ispConfig() {
        StringBuilder c = new StringBuilder("""
                router bgp 65001
                 bgp router-id 172.16.0.2
                 no bgp ebgp-requires-policy
                 no bgp network import-check
                """);
        for (Link l : List.of(GOOD, BAD_KEY, MAX_PFX)) {
            c.append(" neighbor ").append(l.exitAddress()).append(" remote-as 65000\n");
            c.append(" neighbor ").append(l.exitAddress()).append(" password ").append(l == BAD_KEY ? "not-the-" + SECRET : SECRET).append('\n');
            c.append(" neighbor ").append(l.exitAddress()).append(" timers connect 1\n");
        }
        c.append("""
                 !
                 address-family ipv4 unicast
                  network 0.0.0.0/0
                  network 198.51.100.0/24
                  redistribute connected
                 exit-address-family
                exit
                """);
        return c.toString();
    }

    /** {@code Ethernet0 -> 172.16.0.1/30} from the rendered CONFIG_DB's {@code INTERFACE|port|cidr} keys. */
    private static Map<String, String> portAddresses(String configDb) {
        try {
            Map<String, String> out = new java.util.TreeMap<>();
            Iterator<String> keys = JSON.readTree(configDb).path("INTERFACE").fieldNames();
            while (keys.hasNext()) {
                String[] parts = keys.next().split("\\|");
                if (parts.length == 2) {
                    out.put(parts[0], parts[1]);
                }
            }
            assertThat(out).as("port addresses in CONFIG_DB").containsOnlyKeys(GOOD.port(), BAD_KEY.port(), MAX_PFX.port());
            return out;
        } catch (java.io.IOException e) {
            throw new IllegalStateException("the rendered CONFIG_DB is not JSON", e);
        }
    }

    /** A peer of {@code show bgp [vrf V] summary json} ({@code state}, {@code pfxRcd}, ...); missing node when absent. */
    private static JsonNode peer(FrrInstance frr, String vrf, String address) {
        return frr.json("show bgp vrf " + vrf + " ipv4 unicast summary json").path("peers").path(address);
    }

    /** Prefixes accepted from a neighbour (after inbound policy). */
    private static Set<String> routesFrom(FrrInstance frr, String vrf, String neighbor) {
        return routes(frr, vrf, neighbor, "routes");
    }

    /** {@code routes} (accepted from) or {@code advertised-routes} (sent to) a neighbour. */
    private static Set<String> routes(FrrInstance frr, String vrf, String neighbor, String which) {
        JsonNode json = frr.json("show bgp " + (vrf.isEmpty() ? "" : vrf + " ") + "ipv4 unicast neighbors " + neighbor + " " + which + " json");
        JsonNode routes = json.has("advertisedRoutes") ? json.path("advertisedRoutes") : json.path("routes");
        Set<String> prefixes = new TreeSet<>();
        routes.fieldNames().forEachRemaining(prefixes::add);
        return prefixes;
    }

    /** The ISP namespace's count of TCP segments dropped for a wrong MD5 signature. */
    private static long md5Failures() {
        return lab.sh("ip", "netns", "exec", "isp", "nstat", "-asz", "TcpExtTCPMD5Failure").stream()
                .filter(l -> l.startsWith("TcpExtTCPMD5Failure"))
                .mapToLong(l -> Long.parseLong(l.trim().split("\\s+")[1])).findFirst().orElse(0);
    }

    private static SwitchPort port(String name, boolean uplink) {
        return new SwitchPort(PortName.parse(name), uplink);
    }

    private static Machine machine(String id, Network n, String port) {
        return new Machine(MachineId.parse(id), id, PARTITION, MachineRole.MACHINE, List.of(new MachineConnection(EXIT, PortName.parse(port))),
                Optional.of(new Allocation(PROJECT, List.of(n.id()))), T, T);
    }

    private static Network network(String id, NetworkType type, int vrf, List<String> prefixes, List<String> destinations, boolean nat) {
        boolean external = type == NetworkType.EXTERNAL;
        return new Network(NetworkId.parse(id), id, "", external ? Optional.empty() : Optional.of(PARTITION),
                external ? Optional.empty() : Optional.of(PROJECT), Optional.empty(), type,
                prefixes.stream().map(IpPrefix::parse).toList(), destinations.stream().map(IpPrefix::parse).toList(),
                Optional.of(Vni.of(vrf)), Map.of(), nat, external ? Labels.of(Map.of(Labels.PEERABLE, "true")) : Labels.EMPTY, T, T);
    }
}
