package io.metalstack.peering.frr;

import io.metalstack.peering.frr.AddressFamilyConfig.Afi;
import io.metalstack.peering.frr.AddressFamilyConfig.Direction;
import io.metalstack.peering.frr.AddressFamilyConfig.Source;
import io.metalstack.peering.frr.AddressFamilyConfig.Statement;
import io.metalstack.peering.frr.RouteMap.Match;
import io.metalstack.peering.model.AddressFamily;
import io.metalstack.peering.model.Asn;
import io.metalstack.peering.model.IpPrefix;
import io.metalstack.peering.model.Ipv4Address;
import io.metalstack.peering.model.PortName;
import io.metalstack.peering.model.Vni;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The second pipeline step on its own: a hand-built model to text. */
class FrrPrinterTest {
    private static final FrrName A = FrrName.of("vrf10");
    private static final FrrName B = FrrName.of("vrf20");

    @Test
    void printsAHandBuiltModelInRunningConfigOrder() {
        FrrConfig config = new FrrConfig(FrrName.of("leaf09"), CUMULUS_GLOBALS, List.of(),
                List.of(new FrrConfig.VrfDef(A, Vni.of(10))),
                List.of(new FrrConfig.InterfaceDef(PortName.parse("swp1"), Optional.of(A))),
                List.of(new BgpInstance(Asn.of(4200000009L), Optional.of(A), Ipv4Address.parse("10.0.0.9"),
                        List.of(new BgpInstance.PeerGroup(FrrName.of("MACHINE"), 2, 8)),
                        List.of(new BgpInstance.Neighbor(PortName.parse("swp1"), FrrName.of("MACHINE"))),
                        List.of(new BgpInstance.RemoteNeighbor(FrrName.of("2001:db8:ff::1"), Asn.of(65002), Optional.of(Asn.of(65000)), true)),
                        List.of(new AddressFamilyConfig(Afi.IPV6_UNICAST, List.of(
                                        new Statement.Redistribute(Source.CONNECTED, Optional.empty()),
                                        new Statement.NeighborRouteMap(FrrName.of("MACHINE"), FrrName.of("vrf10-in6"), Direction.IN),
                                        new Statement.Activate(FrrName.of("2001:db8:ff::1")),
                                        new Statement.ImportVrfRouteMap(FrrName.of("vrf10-import-map")),
                                        new Statement.ImportVrf(B))),
                                new AddressFamilyConfig(Afi.L2VPN_EVPN, List.of(new Statement.Advertise(AddressFamily.IPV6)))))),
                List.of(new LargeCommunityList(FrrName.of("vrf20-origin"), List.of(new LargeCommunity(4200000000L, 1, 20)))),
                List.of(new PrefixList(FrrName.of("vrf10-import-from-vrf20-ipv6"), AddressFamily.IPV6, List.of(
                                new PrefixList.Entry(10, Action.PERMIT, IpPrefix.parse("::/0"), Optional.empty()),
                                new PrefixList.Entry(20, Action.PERMIT, IpPrefix.parse("2001:db8:20::/64"), Optional.of(128)))),
                        new PrefixList(FrrName.of("v4"), AddressFamily.IPV4, List.of(
                                new PrefixList.Entry(5, Action.DENY, IpPrefix.parse("10.0.0.0/8"), Optional.of(24))))),
                List.of(new RouteMap(FrrName.of("vrf10-import-map"), List.of(
                        new RouteMap.Entry(Action.DENY, 20, List.of(), List.of()),
                        new RouteMap.Entry(Action.PERMIT, 10, List.of(
                                new Match.PrefixListMatch(AddressFamily.IPV6, FrrName.of("vrf10-import-from-vrf20-ipv6")),
                                new Match.LargeCommunityMatch(FrrName.of("vrf20-origin")),
                                new Match.SourceVrf(B)),
                                List.of(new RouteMap.Set.LocalPreference(150)))))), Optional.empty());

        assertThat(new FrrPrinter().print(config)).isEqualTo("""
                frr defaults datacenter
                hostname leaf09
                username cumulus nopassword
                log syslog warnings
                service integrated-vtysh-config
                !
                debug bgp nht
                debug bgp updates in
                !
                vrf vrf10
                 vni 10
                exit-vrf
                !
                interface swp1 vrf vrf10
                 ipv6 nd ra-interval 6
                 no ipv6 nd suppress-ra
                exit
                !
                router bgp 4200000009 vrf vrf10
                 bgp router-id 10.0.0.9
                 bgp bestpath as-path multipath-relax
                 neighbor MACHINE peer-group
                 neighbor MACHINE remote-as external
                 neighbor MACHINE timers 2 8
                 neighbor swp1 interface peer-group MACHINE
                 neighbor 2001:db8:ff::1 remote-as 65002
                 neighbor 2001:db8:ff::1 local-as 65000 no-prepend replace-as
                 neighbor 2001:db8:ff::1 bfd
                 !
                 address-family ipv6 unicast
                  redistribute connected
                  neighbor MACHINE route-map vrf10-in6 in
                  neighbor 2001:db8:ff::1 activate
                  import vrf route-map vrf10-import-map
                  import vrf vrf20
                 exit-address-family
                 !
                 address-family l2vpn evpn
                  advertise ipv6 unicast
                 exit-address-family
                exit
                !
                ip prefix-list v4 seq 5 deny 10.0.0.0/8 le 24
                !
                ipv6 prefix-list vrf10-import-from-vrf20-ipv6 seq 10 permit ::/0
                ipv6 prefix-list vrf10-import-from-vrf20-ipv6 seq 20 permit 2001:db8:20::/64 le 128
                !
                bgp large-community-list standard vrf20-origin seq 5 permit 4200000000:1:20
                !
                route-map vrf10-import-map permit 10
                 match ipv6 address prefix-list vrf10-import-from-vrf20-ipv6
                 match large-community vrf20-origin
                 match source-vrf vrf20
                 set local-preference 150
                exit
                !
                route-map vrf10-import-map deny 20
                exit
                !
                line vty
                !
                end
                """);
    }

    private static final FrrConfig.Globals CUMULUS_GLOBALS = new FrrConfig.Globals(SyslogLevel.WARNINGS, false, false, true,
            EnumSet.of(FrrConfig.Debug.BGP_UPDATES_IN, FrrConfig.Debug.BGP_NHT), false, true);

    /** SONiC's header lines, the management routes and the source-address policy, in FRR 8.4's running-config order. */
    @Test
    void printsTheGlobalLinesManagementRoutesAndSourcePolicyWhereFrrShowsThem() {
        FrrName setSrc = FrrName.of("RM_SET_SRC");
        FrrConfig config = new FrrConfig(FrrName.of("leaf01"),
                new FrrConfig.Globals(SyslogLevel.DEBUGGING, true, true, false, EnumSet.allOf(FrrConfig.Debug.class), true, false),
                List.of(new FrrConfig.StaticRoute(IpPrefix.parse("0.0.0.0/0"), Ipv4Address.parse("192.0.2.1"), FrrName.of("mgmt")),
                        new FrrConfig.StaticRoute(IpPrefix.parse("198.51.100.0/24"), Ipv4Address.parse("192.0.2.1"), FrrName.of("mgmt"))),
                List.of(), List.of(), List.of(), List.of(), List.of(),
                List.of(new RouteMap(setSrc, List.of(new RouteMap.Entry(Action.PERMIT, 10, List.of(),
                        List.of(new RouteMap.Set.Src(Ipv4Address.parse("10.0.0.9"))))))),
                Optional.of(setSrc));
        assertThat(new FrrPrinter().print(config)).isEqualTo("""
                frr defaults datacenter
                hostname leaf01
                log syslog debugging
                log facility local4
                agentx
                !
                debug zebra events
                debug zebra rib detailed
                debug zebra nht detailed
                debug zebra nexthop detail
                debug bgp nht
                debug bgp update-groups
                debug bgp updates in
                debug bgp updates out
                debug bgp zebra
                !
                password zebra
                enable password zebra
                !
                ip route 0.0.0.0/0 192.0.2.1 nexthop-vrf mgmt
                ip route 198.51.100.0/24 192.0.2.1 nexthop-vrf mgmt
                !
                route-map RM_SET_SRC permit 10
                 set src 10.0.0.9
                exit
                !
                ip protocol bgp route-map RM_SET_SRC
                !
                line vty
                !
                end
                """);
        assertThatThrownBy(() -> new FrrConfig.StaticRoute(IpPrefix.parse("2001:db8::/32"), Ipv4Address.parse("192.0.2.1"), FrrName.of("mgmt")))
                .hasMessageContaining("IPv4");
    }

    @Test
    void theModelRejectsWhatFrrWouldReject() {
        assertThatThrownBy(() -> new AddressFamilyConfig(Afi.IPV4_UNICAST, List.of(
                new Statement.ImportVrfRouteMap(FrrName.of("x")), new Statement.ImportVrfRouteMap(FrrName.of("y")))))
                .hasMessageContaining("one import vrf route-map per address family");
        assertThatThrownBy(() -> new PrefixList.Entry(10, Action.PERMIT, IpPrefix.parse("10.0.0.0/24"), Optional.of(16)))
                .hasMessageContaining("le 16 outside 24..32");
        assertThatThrownBy(() -> new PrefixList(FrrName.of("p"), AddressFamily.IPV4, List.of(
                new PrefixList.Entry(10, Action.PERMIT, IpPrefix.parse("2001:db8::/64"), Optional.empty()))))
                .hasMessageContaining("is IPv4 but has 2001:db8::/64");
        assertThatThrownBy(() -> new RouteMap(FrrName.of("m"), List.of(
                new RouteMap.Entry(Action.PERMIT, 10, List.of(), List.of()), new RouteMap.Entry(Action.DENY, 10, List.of(), List.of()))))
                .hasMessageContaining("duplicate sequence numbers");
        assertThatThrownBy(() -> new RouteMap.Entry(Action.DENY, 10, List.of(), List.of(new RouteMap.Set.LocalPreference(1))))
                .hasMessageContaining("deny entry cannot set");
    }

    /** Names are built from ids only; the pattern is a second guard against anything that could break out of a line. */
    @Test
    void namesCannotCarryWhitespaceOrFrrSyntax() {
        for (String hostile : List.of("a b", "x\n!", "vrf10\nrouter bgp 1", "!", "", " lead", "a;b", "a|b", "${x}")) {
            assertThatThrownBy(() -> FrrName.of(hostile)).as(hostile).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(FrrName.of("fw-Ethernet112-in6").value()).isEqualTo("fw-Ethernet112-in6");
    }
}
