package io.metalstack.peering.frr.lab;

import io.metalstack.peering.frr.BgpPath;
import io.metalstack.peering.frr.BgpTableParser;
import io.metalstack.peering.frr.FrrRenderer;
import io.metalstack.peering.model.Asn;
import io.metalstack.peering.model.ExchangedPrefixes;
import io.metalstack.peering.model.IpPrefix;
import io.metalstack.peering.model.Ipv4Address;
import io.metalstack.peering.model.Labels;
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
import io.metalstack.peering.model.SwitchId;
import io.metalstack.peering.model.SwitchOs;
import io.metalstack.peering.model.SwitchRole;
import io.metalstack.peering.model.Vni;
import io.metalstack.peering.model.rules.ImportReason;
import io.metalstack.peering.model.plan.SwitchIntent;
import io.metalstack.peering.model.plan.VrfImport;
import io.metalstack.peering.model.plan.VrfIntent;
import io.metalstack.peering.model.rules.Exchange;
import io.metalstack.peering.model.rules.SelectiveExchange;
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
 * Selective exchange (issue 15, item 4) in FRR's control plane: the exact prefix sets. A leaf (Cumulus dialect, zebra
 * with the netns VRF backend) carries networks A (10.10.0.0/22) and B (10.20.0.0/22) of one project, peered so that B
 * may reach only {@code 10.10.1.0/24} and {@code 10.10.2.0/23} of A, while A reaches all of B. A has three subnets on
 * the leaf: 10.10.0.0/24 (not selected), 10.10.1.0/24 (selected as it is) and 10.10.2.0/25 (inside the selected /23:
 * the prefix-list keeps the {@code le 32} of a whole network). B has 10.20.0.0/24 and 10.20.1.0/24.
 *
 * <p>Expected: B's VRF holds exactly its own two routes, 10.10.1.0/24 and 10.10.2.0/25 (leaked from A), and not
 * 10.10.0.0/24; A's VRF holds its three routes and both of B's.
 */
class SelectiveExchangeIT {
    private static final PartitionId PARTITION = PartitionId.parse("fra-equ01");
    private static final ProjectId PROJECT = ProjectId.parse("p1");
    private static final Duration CONVERGE = Duration.ofSeconds(40);

    private static final Network A = network("net-a", 10, "10.10.0.0/22");
    private static final Network B = network("net-b", 20, "10.20.0.0/22");
    private static final IpPrefix A_HIDDEN = IpPrefix.parse("10.10.0.0/24");
    private static final IpPrefix A_SELECTED = IpPrefix.parse("10.10.1.0/24");
    private static final IpPrefix A_INSIDE_SELECTED = IpPrefix.parse("10.10.2.0/25");
    private static final List<IpPrefix> B_ROUTES = List.of(IpPrefix.parse("10.20.0.0/24"), IpPrefix.parse("10.20.1.0/24"));
    /** B may reach 10.10.1.0/24 and 10.10.2.0/23 of A; A reaches all of B. */
    private static final Peering PEERING = new Peering(PeeringId.parse("a-b"), "a-b", "", Optional.of(PROJECT), Optional.of(PARTITION),
            A.id(), Optional.of(B.id()), PeeringType.LOCAL, Optional.empty(), PeeringOrigin.MANUAL, Labels.EMPTY,
            Instant.EPOCH, Instant.EPOCH, true,
            new ExchangedPrefixes(Optional.of(List.of(A_SELECTED, IpPrefix.parse("10.10.2.0/23"))), Optional.empty()));

    private static FrrLab lab;
    private static FrrInstance leaf;
    private static SortedMap<String, List<BgpPath>> tables;

    @BeforeAll
    static void leafWithTwoPeeredNetworks() {
        // the selection is one admission lets in
        SelectiveExchange.check(A, Optional.of(B), PEERING.type(), PEERING.exchange());
        lab = FrrLab.start("select");
        lab.addNamespace("core");
        subnets(A, List.of(A_HIDDEN, A_SELECTED, A_INSIDE_SELECTED), 1);
        subnets(B, B_ROUTES, 5);

        leaf = lab.startFrr("leaf", "core", true);
        leaf.fastRouteMapUpdates();
        String config = new FrrRenderer().render(intent()).frrConf();
        assertThat(StrictLoad.problems(leaf.loadText("leaf.conf", config))).as("loading the rendered leaf config:\n%s", config).isEmpty();

        tables = Poll.until(CONVERGE, leaf::unicastTables,
                t -> valid(t, vrf(B)).containsAll(List.of(A_SELECTED, A_INSIDE_SELECTED)) && valid(t, vrf(A)).containsAll(B_ROUTES));
        // what should never come must have had the time to come
        Poll.sleep(Duration.ofSeconds(3));
        tables = leaf.unicastTables();
    }

    /** One veth per subnet in the network's VRF namespace: its address makes a connected route there. */
    private static void subnets(Network n, List<IpPrefix> subnets, int firstPort) {
        String vrf = vrf(n);
        lab.addNamespace(vrf);
        int port = firstPort;
        for (IpPrefix s : subnets) {
            lab.addVeth(vrf, "swp" + port, vrf, "h" + port);
            lab.addAddress(vrf, "h" + port, s.toString().replaceFirst("\\.0/", ".1/"));
            port++;
        }
    }

    @AfterAll
    static void closeLab() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void thePeerHoldsExactlyTheSelectedRoutesAndNotTheRest() {
        List<IpPrefix> expected = new ArrayList<>(B_ROUTES);
        expected.addAll(List.of(A_SELECTED, A_INSIDE_SELECTED));
        assertThat(valid(tables, vrf(B))).as("vrf B: its own routes and exactly the selected part of A")
                .containsExactlyInAnyOrderElementsOf(expected);
        assertThat(tables.get(vrf(B)).stream().filter(p -> p.valid() && A.prefixes().get(0).contains(p.prefix()))
                .map(p -> p.nhVrfName().orElse("")).toList()).as("A's routes in B are leaked from A").containsOnly(vrf(A));
    }

    @Test
    void theSideWithoutASelectionReachesAllOfThePeer() {
        List<IpPrefix> expected = new ArrayList<>(List.of(A_HIDDEN, A_SELECTED, A_INSIDE_SELECTED));
        expected.addAll(B_ROUTES);
        assertThat(valid(tables, vrf(A))).as("vrf A: its own routes and all of B").containsExactlyInAnyOrderElementsOf(expected);
        assertThat(valid(tables, "default")).doesNotContain(A_HIDDEN, A_SELECTED, A_INSIDE_SELECTED);
    }

    private static SortedSet<IpPrefix> valid(SortedMap<String, List<BgpPath>> t, String vrf) {
        return BgpTableParser.validPrefixes(t, vrf);
    }

    private static String vrf(Network n) {
        return n.vrf().orElseThrow().cumulusName();
    }

    /** The leaf's intent with the imports the planner computes for this peering ({@link Exchange#imported}). */
    private static SwitchIntent intent() {
        List<VrfIntent> vrfs = new ArrayList<>();
        int vlan = 1001;
        for (Network n : List.of(A, B)) {
            Network peer = n == A ? B : A;
            var families = Exchange.families(n, peer).families();
            Exchange.Imported in = Exchange.imported(peer, n, families, PEERING.reachableOf(peer.id()));
            List<VrfImport> imports = List.of(new VrfImport(peer.vrf().orElseThrow(), peer.id(), ImportReason.SAME_PROJECT,
                    in.routes(), in.additional()));
            List<PortName> ports = n == A ? List.of(PortName.parse("swp1"), PortName.parse("swp2"), PortName.parse("swp3"))
                    : List.of(PortName.parse("swp5"), PortName.parse("swp6"));
            vrfs.add(new VrfIntent(n.vrf().orElseThrow(), n.id(), vlan++, ports, n.families(), n.prefixes(), imports, List.of()));
        }
        return new SwitchIntent(SwitchId.parse("leaf01"), PARTITION, SwitchRole.LEAF, SwitchOs.CUMULUS, Asn.of(4200000011L),
                Ipv4Address.parse("10.0.0.11"), 1, List.of(PortName.parse("swp31")), List.of(), List.of(), vrfs, List.of());
    }

    private static Network network(String id, int vni, String prefix) {
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        return new Network(NetworkId.parse(id), id, "", Optional.of(PARTITION), Optional.of(PROJECT),
                Optional.of(NetworkId.parse("tenant-super")), NetworkType.CHILD, List.of(IpPrefix.parse(prefix)), List.of(),
                Optional.of(Vni.of(vni)), Map.of(), false, Labels.EMPTY, t0, t0);
    }
}
