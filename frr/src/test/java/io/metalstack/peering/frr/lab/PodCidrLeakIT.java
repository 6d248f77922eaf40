package io.metalstack.peering.frr.lab;

import io.metalstack.peering.frr.BgpPath;
import io.metalstack.peering.frr.BgpTableParser;
import io.metalstack.peering.frr.FrrRenderer;
import io.metalstack.peering.model.Asn;
import io.metalstack.peering.model.IpPrefix;
import io.metalstack.peering.model.Ipv4Address;
import io.metalstack.peering.model.Labels;
import io.metalstack.peering.model.Network;
import io.metalstack.peering.model.NetworkId;
import io.metalstack.peering.model.NetworkType;
import io.metalstack.peering.model.PartitionId;
import io.metalstack.peering.model.PortName;
import io.metalstack.peering.model.ProjectId;
import io.metalstack.peering.model.SwitchId;
import io.metalstack.peering.model.SwitchOs;
import io.metalstack.peering.model.SwitchRole;
import io.metalstack.peering.model.Vni;
import io.metalstack.peering.model.rules.ImportReason;
import io.metalstack.peering.model.plan.SwitchIntent;
import io.metalstack.peering.model.plan.VrfImport;
import io.metalstack.peering.model.plan.VrfIntent;
import io.metalstack.peering.model.rules.Exchange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Kubernetes node's pod CIDR crossing a peering (the MEP's cluster-to-cluster case), in FRR's control plane. Leaf
 * with networks A, B, C of one project, peered A–B and B–C. A has the additional announcable CIDR 10.240.0.0/16 (its
 * cluster's pods). A machine of A — its own FRR in its own namespace, BGP unnumbered to the leaf's machine port, as
 * a Kubernetes node speaks to metal-stack's leaves — announces 10.240.1.0/24 (inside the pod CIDR) and 10.99.0.0/24
 * (outside everything A may announce). The leaf runs the config {@link FrrRenderer} renders (Cumulus dialect, zebra
 * with the netns VRF backend).
 *
 * <p>Expected: A's {@code <vrf>-in} admits the pod route and drops the other; B imports the pod route from A (B's
 * import prefix-list admits A's additional CIDRs); C, peered with B only, never sees it (non-transitive).
 */
class PodCidrLeakIT {
    private static final PartitionId PARTITION = PartitionId.parse("fra-equ01");
    private static final ProjectId PROJECT = ProjectId.parse("p1");
    private static final Duration CONVERGE = Duration.ofSeconds(40);
    private static final IpPrefix POD_CIDR = IpPrefix.parse("10.240.0.0/16");
    private static final IpPrefix POD_ROUTE = IpPrefix.parse("10.240.1.0/24");
    private static final IpPrefix ROGUE_ROUTE = IpPrefix.parse("10.99.0.0/24");

    private static final Network A = network("net-a", 10, "10.10.0.0/24", List.of(POD_CIDR));
    private static final Network B = network("net-b", 20, "10.20.0.0/24", List.of());
    private static final Network C = network("net-c", 30, "10.30.0.0/24", List.of());

    private static FrrLab lab;
    private static FrrInstance leaf;
    private static FrrInstance machine;
    private static SortedMap<String, List<BgpPath>> tables;

    @BeforeAll
    static void leafAndKubernetesNode() {
        lab = FrrLab.start("podcidr");
        lab.addNamespace("core");
        lab.addNamespace("node");
        for (Network n : List.of(A, B, C)) {
            String vrf = vrf(n);
            lab.addNamespace(vrf);
            if (n == A) {
                // the node's cable: the leaf's machine port in VRF A, the node's eth0 in its own namespace
                lab.addVeth(vrf, "swp1", "node", "eth0");
            } else {
                int port = n == B ? 2 : 3;
                lab.addVeth(vrf, "swp" + port, vrf, "h" + port);
                lab.addAddress(vrf, "h" + port, n.prefixes().get(0).toString().replace(".0/", ".1/"));
            }
        }
        lab.addAddress("node", "eth0", "10.10.0.5/24");
        lab.addAddress(vrf(A), "swp1", "10.10.0.1/24");

        leaf = lab.startFrr("leaf", "core", true);
        leaf.fastRouteMapUpdates();
        String config = new FrrRenderer().render(intent()).frrConf();
        assertThat(StrictLoad.problems(leaf.loadText("leaf.conf", config))).as("loading the rendered leaf config:\n%s", config).isEmpty();

        machine = lab.startFrr("node", "node", false);
        assertThat(StrictLoad.problems(machine.loadText("node.conf", """
                frr defaults datacenter
                interface eth0
                 ipv6 nd ra-interval 6
                 no ipv6 nd suppress-ra
                exit
                ip route %s blackhole
                ip route %s blackhole
                router bgp 4200000100
                 bgp router-id 10.10.0.5
                 neighbor eth0 interface remote-as external
                 address-family ipv4 unicast
                  redistribute static
                 exit-address-family
                exit
                """.formatted(POD_ROUTE, ROGUE_ROUTE)))).as("loading the node's config").isEmpty();

        tables = Poll.until(CONVERGE, leaf::unicastTables,
                t -> valid(t, vrf(B)).contains(POD_ROUTE) && valid(t, vrf(A)).contains(POD_ROUTE));
        Poll.sleep(Duration.ofSeconds(3));
        tables = leaf.unicastTables();
    }

    @AfterAll
    static void closeLab() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void theMachinesPodRouteIsAdmittedIntoItsOwnVrfAndTheRogueRouteIsNot() {
        assertThat(valid(tables, vrf(A))).as("vrf A, with the node's announcements").contains(POD_ROUTE).doesNotContain(ROGUE_ROUTE);
        assertThat(tables.get(vrf(A)).stream().filter(p -> p.prefix().equals(POD_ROUTE) && p.valid()))
                .as("the pod route in A is learned, not leaked").allMatch(p -> p.nhVrfName().isEmpty());
    }

    @Test
    void thePeerImportsThePodRouteFromA() {
        assertThat(valid(tables, vrf(B))).contains(POD_ROUTE).doesNotContain(ROGUE_ROUTE);
        assertThat(tables.get(vrf(B)).stream().filter(p -> p.prefix().equals(POD_ROUTE) && p.valid())
                .map(p -> p.nhVrfName().orElse("")).toList()).as("B's pod route is leaked from A").containsOnly(vrf(A));
    }

    @Test
    void aVrfPeeredOnlyWithThePeerNeverSeesIt() {
        assertThat(valid(tables, vrf(C))).as("vrf C (peered with B, not A)").doesNotContain(POD_ROUTE, ROGUE_ROUTE)
                .contains(B.prefixes().get(0));
        assertThat(valid(tables, "default")).doesNotContain(POD_ROUTE, ROGUE_ROUTE);
    }

    private static SortedSet<IpPrefix> valid(SortedMap<String, List<BgpPath>> t, String vrf) {
        return BgpTableParser.validPrefixes(t, vrf);
    }

    private static String vrf(Network n) {
        return n.vrf().orElseThrow().cumulusName();
    }

    /** The leaf's intent as the planner makes it: A, B and C local, imports both ways with A's pod CIDR. */
    private static SwitchIntent intent() {
        Map<Network, List<Network>> peers = Map.of(A, List.of(B), B, List.of(A, C), C, List.of(B));
        List<VrfIntent> vrfs = new ArrayList<>();
        int vlan = 1001;
        for (Network n : List.of(A, B, C)) {
            List<VrfImport> imports = new ArrayList<>();
            for (Network peer : peers.get(n)) {
                var families = Exchange.families(n, peer).families();
                imports.add(new VrfImport(peer.vrf().orElseThrow(), peer.id(), ImportReason.SAME_PROJECT,
                        Exchange.importedFrom(peer, families), Exchange.additionalFrom(peer, n, families)));
            }
            int port = n == A ? 1 : n == B ? 2 : 3;
            vrfs.add(new VrfIntent(n.vrf().orElseThrow(), n.id(), vlan++, List.of(PortName.parse("swp" + port)), n.families(),
                    n.prefixes(), imports, n.additionalAnnouncable()));
        }
        return new SwitchIntent(SwitchId.parse("leaf01"), PARTITION, SwitchRole.LEAF, SwitchOs.CUMULUS, Asn.of(4200000011L),
                Ipv4Address.parse("10.0.0.11"), 1, List.of(PortName.parse("swp31")), List.of(), List.of(), vrfs, List.of());
    }

    private static Network network(String id, int vni, String prefix, List<IpPrefix> additional) {
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        return new Network(NetworkId.parse(id), id, "", Optional.of(PARTITION), Optional.of(PROJECT),
                Optional.of(NetworkId.parse("tenant-super")), NetworkType.CHILD, List.of(IpPrefix.parse(prefix)), List.of(),
                Optional.of(Vni.of(vni)), Map.of(), false, Labels.EMPTY, t0, t0, additional);
    }
}
