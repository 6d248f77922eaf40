package io.metalstack.peering.frr;

import io.metalstack.peering.model.IpPrefix;
import io.metalstack.peering.model.Ipv4Address;
import io.metalstack.peering.model.SwitchOs;
import io.metalstack.peering.model.rules.ImportReason;
import io.metalstack.peering.model.plan.SwitchIntent;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.TreeMap;

import static io.metalstack.peering.frr.Fixtures.PRIVATE_A;
import static io.metalstack.peering.frr.Fixtures.PRIVATE_B;
import static io.metalstack.peering.frr.Fixtures.PUBLIC;
import static io.metalstack.peering.frr.Fixtures.leaf;
import static org.assertj.core.api.Assertions.assertThat;

/** The commands between two rendered configs, exactly; ImportMapReloadIT loads them into FRR line by line. */
class FrrDeltaTest {
    private static final FrrRenderer RENDERER = new FrrRenderer();
    private static final SwitchOs OS = SwitchOs.CUMULUS;
    private static final SwitchIntent UNPEERED = leaf(OS).local(PRIVATE_A, 0, 1).local(PRIVATE_B, 2).build();
    private static final SwitchIntent PEERED = leaf(OS).local(PRIVATE_A, 0, 1).local(PRIVATE_B, 2)
            .peer(PRIVATE_A, PRIVATE_B, ImportReason.SAME_PROJECT).build();

    /** What a peering of vrf100 and vrf200 adds first: the prefix-lists, community lists and vrf100's import map. */
    private static final List<String> PEERING_POLICIES = List.of(
                "ip prefix-list vrf100-import-from-vrf200 seq 10 permit 10.0.16.0/22 le 32",
                "ip prefix-list vrf200-import-from-vrf100 seq 10 permit 10.0.8.0/22 le 32",
                "bgp large-community-list standard vrf100-origin seq 5 permit 4200000000:1:100",
                "bgp large-community-list standard vrf200-origin seq 5 permit 4200000000:1:200",
                "route-map vrf100-import-map deny 10",
                " match ip address prefix-list vrf100-import-from-vrf200",
                " match large-community vrf200-origin",
                " match source-vrf vrf200",
                "exit",
                "route-map vrf100-import-map permit 10",
                "exit",
                "route-map vrf100-import-map deny 20",
                "exit");
    private static final List<String> VRF200_IMPORT_MAP = List.of(
                "route-map vrf200-import-map deny 10",
                " match ip address prefix-list vrf200-import-from-vrf100",
                " match large-community vrf100-origin",
                " match source-vrf vrf100",
                "exit",
                "route-map vrf200-import-map permit 10",
                "exit",
                "route-map vrf200-import-map deny 20",
                "exit");
    private static final List<String> VRF100_IMPORTS = List.of(
                " address-family ipv4 unicast",
                "  import vrf route-map vrf100-import-map",
                "  import vrf vrf200",
                " exit-address-family",
                "exit");

    @SafeVarargs
    private static List<String> concat(List<String>... parts) {
        return java.util.Arrays.stream(parts).flatMap(List::stream).toList();
    }

    private static List<String> commands(SwitchIntent from, SwitchIntent to) {
        return FrrDelta.between(RENDERER.render(from), RENDERER.render(to)).orElseThrow().commands();
    }

    private static Fixtures.LeafBuilder leaf02() {
        return leaf(OS, "leaf02", 4200000012L, "10.0.0.12", 2);
    }

    private static Fixtures.LeafBuilder exit01() {
        return leaf(OS, "exit01", 4200000031L, "10.0.0.31", 1).exit().instantiated(PUBLIC)
                .session(OS, "isp-v4", 40, "172.16.0.1/30", 65000, "172.16.0.2/30", 65001, true, "0.0.0.0/0");
    }

    @Test
    void noChangeNoCommands() {
        assertThat(commands(PEERED, PEERED)).isEmpty();
        assertThat(FrrDelta.between(RENDERER.render(PEERED), RENDERER.render(PEERED)).orElseThrow().isEmpty()).isTrue();
    }

    @Test
    void addingAPeeringCreatesItsPermitEntriesAsDeniesFirstAndImportsLast() {
        assertThat(commands(UNPEERED, PEERED)).containsExactlyElementsOf(concat(PEERING_POLICIES, VRF200_IMPORT_MAP, List.of(
                "router bgp 4200000011 vrf vrf100"), VRF100_IMPORTS, List.of(
                "router bgp 4200000011 vrf vrf200",
                " address-family ipv4 unicast",
                "  import vrf route-map vrf200-import-map",
                "  import vrf vrf100",
                " exit-address-family",
                "exit")));
    }

    @Test
    void removingAPeeringRemovesTheImportBeforeItsRouteMapAndThePoliciesLast() {
        assertThat(commands(PEERED, UNPEERED)).containsExactly(
                "router bgp 4200000011 vrf vrf100",
                " address-family ipv4 unicast",
                "  no import vrf vrf200",
                "  no import vrf route-map vrf100-import-map",
                " exit-address-family",
                "exit",
                "router bgp 4200000011 vrf vrf200",
                " address-family ipv4 unicast",
                "  no import vrf vrf100",
                "  no import vrf route-map vrf200-import-map",
                " exit-address-family",
                "exit",
                "no route-map vrf100-import-map",
                "no route-map vrf200-import-map",
                "no ip prefix-list vrf100-import-from-vrf200",
                "no ip prefix-list vrf200-import-from-vrf100",
                "no bgp large-community-list standard vrf100-origin",
                "no bgp large-community-list standard vrf200-origin");
    }

    @Test
    void aPeerVrfWithoutPortComesWithItsVniInstanceAndEvpnAdvertisementAndGoesAfterTheImportsOfIt() {
        SwitchIntent alone = leaf02().local(PRIVATE_A, 0).build();
        SwitchIntent withPeerVrf = leaf02().local(PRIVATE_A, 0).instantiated(PRIVATE_B).peer(PRIVATE_A, PRIVATE_B, ImportReason.SAME_PROJECT).build();

        assertThat(commands(alone, withPeerVrf)).containsExactlyElementsOf(concat(List.of(
                "vrf vrf200",
                " vni 200",
                "exit-vrf"), PEERING_POLICIES, List.of(
                "route-map vrf200-connected deny 10",
                " set large-community 4200000000:1:200 4200000000:2:2",
                "exit",
                "route-map vrf200-connected permit 10",
                "exit"), VRF200_IMPORT_MAP, List.of(
                "router bgp 4200000012 vrf vrf100"), VRF100_IMPORTS, List.of(
                "router bgp 4200000012 vrf vrf200",
                " bgp router-id 10.0.0.12",
                " bgp bestpath as-path multipath-relax",
                " address-family ipv4 unicast",
                "  redistribute connected route-map vrf200-connected",
                "  import vrf route-map vrf200-import-map",
                "  import vrf vrf100",
                " exit-address-family",
                " address-family l2vpn evpn",
                "  advertise ipv4 unicast",
                " exit-address-family",
                "exit")));
        assertThat(commands(withPeerVrf, alone)).containsExactly(
                "router bgp 4200000012 vrf vrf100",
                " address-family ipv4 unicast",
                "  no import vrf vrf200",
                "  no import vrf route-map vrf100-import-map",
                " exit-address-family",
                "exit",
                "no router bgp 4200000012 vrf vrf200",
                "no route-map vrf100-import-map",
                "no route-map vrf200-connected",
                "no route-map vrf200-import-map",
                "no ip prefix-list vrf100-import-from-vrf200",
                "no ip prefix-list vrf200-import-from-vrf100",
                "no bgp large-community-list standard vrf100-origin",
                "no bgp large-community-list standard vrf200-origin",
                "no vrf vrf200");
    }

    @Test
    void aPrefixMoreOrLessChangesOnlyThePrefixListEntries() {
        Fixtures.Net grownB = new Fixtures.Net("private-b", 200, "10.0.16.0/22", "10.0.20.0/22");
        SwitchIntent grown = leaf(OS).local(PRIVATE_A, 0, 1).local(grownB, 2).peer(PRIVATE_A, grownB, ImportReason.SAME_PROJECT).build();

        assertThat(commands(PEERED, grown)).containsExactly(
                "ip prefix-list vrf100-import-from-vrf200 seq 20 permit 10.0.20.0/22 le 32",
                "ip prefix-list vrf200-in-prefixes seq 20 permit 10.0.20.0/22 le 32");
        assertThat(commands(grown, PEERED)).containsExactly(
                "no ip prefix-list vrf100-import-from-vrf200 seq 20 permit 10.0.20.0/22 le 32",
                "no ip prefix-list vrf200-in-prefixes seq 20 permit 10.0.20.0/22 le 32");
    }

    @Test
    void anExternalSessionComesWithItsPoliciesAndGoesWithOneNoNeighbor() {
        SwitchIntent one = exit01().build();
        SwitchIntent two = exit01()
                .session(OS, "isp-v6", 44, "2001:db8:ff::/127", 4200000031L, "2001:db8:ff::1/127", 65002, false, "::/0").build();

        assertThat(commands(one, two)).containsExactly(
                "ipv6 prefix-list ext-swp45-in-prefixes seq 10 permit ::/0",
                "ipv6 prefix-list ext-swp45-out-prefixes seq 10 permit 2a02:c00:30::/64 le 128",
                "route-map ext-swp45-in deny 10",
                " match ipv6 address prefix-list ext-swp45-in-prefixes",
                "exit",
                "route-map ext-swp45-in permit 10",
                "exit",
                "route-map ext-swp45-out deny 10",
                " match ipv6 address prefix-list ext-swp45-out-prefixes",
                " set large-community none",
                "exit",
                "route-map ext-swp45-out permit 10",
                "exit",
                "router bgp 4200000031 vrf vrf130",
                " neighbor 2001:db8:ff::1 remote-as 65002",
                " address-family ipv4 unicast",
                "  no neighbor 2001:db8:ff::1 activate",
                " exit-address-family",
                " address-family ipv6 unicast",
                "  neighbor 2001:db8:ff::1 activate",
                "  neighbor 2001:db8:ff::1 maximum-prefix 1000",
                "  neighbor 2001:db8:ff::1 route-map ext-swp45-in in",
                "  neighbor 2001:db8:ff::1 route-map ext-swp45-out out",
                " exit-address-family",
                "exit");
        assertThat(commands(two, one)).containsExactly(
                "router bgp 4200000031 vrf vrf130",
                " no neighbor 2001:db8:ff::1",
                "exit",
                "no route-map ext-swp45-in",
                "no route-map ext-swp45-out",
                "no ipv6 prefix-list ext-swp45-in-prefixes",
                "no ipv6 prefix-list ext-swp45-out-prefixes");
    }

    @Test
    void aPeeringDeletedAmongOthersNarrowsTheRenumberedEntriesBeforeTheyWiden() {
        Fixtures.Net c = Fixtures.PRIVATE_C;
        SwitchIntent three = leaf(OS).local(PRIVATE_A, 0).local(PRIVATE_B, 1).local(c, 2)
                .peer(PRIVATE_A, PRIVATE_B, ImportReason.SAME_PROJECT).peer(PRIVATE_A, c, ImportReason.SAME_PROJECT).build();
        SwitchIntent two = leaf(OS).local(PRIVATE_A, 0).local(PRIVATE_B, 1).local(c, 2)
                .peer(PRIVATE_A, c, ImportReason.SAME_PROJECT).build();

        List<String> commands = commands(three, two);

        assertThat(String.join("\n", commands)).contains("""
                route-map vrf100-import-map deny 10
                 no match ip address prefix-list vrf100-import-from-vrf200
                 no match large-community vrf200-origin
                 no match source-vrf vrf200
                 match ip address prefix-list vrf100-import-from-vrf300
                 match large-community vrf300-origin
                 match source-vrf vrf300
                exit
                route-map vrf100-import-map permit 10
                exit
                route-map vrf100-import-map deny 20
                 no match ip address prefix-list vrf100-import-from-vrf300
                 no match large-community vrf300-origin
                 no match source-vrf vrf300
                exit
                """);
        assertThat(commands.indexOf("  no import vrf vrf200")).isLessThan(commands.indexOf("no route-map vrf100-import-map deny 30"));
        assertThat(commands).last().isEqualTo("no bgp large-community-list standard vrf200-origin");
    }

    @Test
    void aManagementRouteIsNeverDeleted() {
        SwitchLocal withRoute = SwitchLocal.builder().managementGateway(Ipv4Address.parse("192.168.0.1"))
                .managementRoutes(List.of(IpPrefix.parse("10.200.0.0/16"))).build();
        SwitchLocal without = SwitchLocal.builder().managementGateway(Ipv4Address.parse("192.168.0.1")).build();

        List<String> commands = FrrDelta.between(RENDERER.render(PEERED, withRoute), RENDERER.render(PEERED, without)).orElseThrow().commands();

        assertThat(commands).isEmpty();
        assertThat(FrrDelta.between(RENDERER.render(PEERED, without), RENDERER.render(PEERED, withRoute)).orElseThrow().commands())
                .containsExactly("ip route 10.200.0.0/16 192.168.0.1 nexthop-vrf mgmt");
    }

    @Test
    void whatItDoesNotComputeGivesNoDelta() {
        SwitchIntent otherPort = leaf(OS).local(PRIVATE_A, 0).local(PRIVATE_B, 2).build();
        RenderedConfig handMade = new RenderedConfig(new TreeMap<>(RENDERER.render(PEERED).files()), List.of());

        assertThat(FrrDelta.between(RENDERER.render(UNPEERED), RENDERER.render(otherPort))).as("an interface removed").isEmpty();
        assertThat(FrrDelta.between(RENDERER.render(UNPEERED), RENDERER.render(leaf02().local(PRIVATE_A, 0, 1).local(PRIVATE_B, 2).build())))
                .as("another AS and hostname").isEmpty();
        assertThat(FrrDelta.between(handMade, RENDERER.render(PEERED))).as("no typed model").isEmpty();
    }

    @Test
    void theRunningConfigMustShowWhatTheDeltaAddedAndLackWhatItRemoved() {
        FrrDelta.Push push = FrrDelta.between(RENDERER.render(UNPEERED), RENDERER.render(PEERED)).orElseThrow();
        String peered = RENDERER.render(PEERED).frrConf();

        assertThat(push.unmet(peered)).isEmpty();
        assertThat(push.unmet(peered.replace("route-map vrf100-import-map permit 10", "route-map vrf100-import-map deny 10")))
                .containsExactly("missing: route-map vrf100-import-map permit 10",
                        "missing: route-map vrf100-import-map permit 10 / match ip address prefix-list vrf100-import-from-vrf200",
                        "missing: route-map vrf100-import-map permit 10 / match large-community vrf200-origin",
                        "missing: route-map vrf100-import-map permit 10 / match source-vrf vrf200");
        assertThat(FrrDelta.between(RENDERER.render(PEERED), RENDERER.render(UNPEERED)).orElseThrow().unmet(peered))
                .contains("still there: router bgp 4200000011 vrf vrf100 / address-family ipv4 unicast / import vrf vrf200",
                        "still there: route-map vrf100-import-map permit 10");
    }

    @Test
    void thePoliciesOfAFullReloadPushAPermitEntryNotRunningAsSuchAsADenyFirst() {
        RenderedConfig peered = RENDERER.render(PEERED);

        String cold = String.join("\n", FrrDelta.policies(peered, Set.of()));
        String warm = String.join("\n", FrrDelta.policies(peered, Set.of("route-map vrf100-import-map permit 10")));

        assertThat(cold).startsWith("ip prefix-list ")
                .contains(String.join("\n", PEERING_POLICIES.subList(4, PEERING_POLICIES.size())));
        assertThat(warm).contains("""
                route-map vrf100-import-map permit 10
                 match ip address prefix-list vrf100-import-from-vrf200
                 match large-community vrf200-origin
                 match source-vrf vrf200
                exit
                route-map vrf100-import-map deny 20
                """).doesNotContain("route-map vrf100-import-map deny 10");
        assertThat(cold.lines()).noneMatch(l -> l.startsWith("vrf ") || l.startsWith("router bgp ") || l.startsWith("interface "));
        assertThat(FrrDelta.policies(new RenderedConfig(new TreeMap<>(peered.files()), List.of()), Set.of())).isEmpty();
    }
}
