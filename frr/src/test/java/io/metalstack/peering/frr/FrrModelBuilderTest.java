package io.metalstack.peering.frr;

import io.metalstack.peering.model.status.Warning;
import io.metalstack.peering.frr.AddressFamilyConfig.Afi;
import io.metalstack.peering.frr.AddressFamilyConfig.Statement;
import io.metalstack.peering.frr.RouteMap.Match;
import io.metalstack.peering.model.AddressFamily;
import io.metalstack.peering.model.Asn;
import io.metalstack.peering.model.InterfaceAddress;
import io.metalstack.peering.model.IpPrefix;
import io.metalstack.peering.model.NetworkId;
import io.metalstack.peering.model.PeeringId;
import io.metalstack.peering.model.PortName;
import io.metalstack.peering.model.SwitchOs;
import io.metalstack.peering.model.Vni;
import io.metalstack.peering.model.plan.ExternalSession;
import io.metalstack.peering.model.rules.ImportReason;
import io.metalstack.peering.model.plan.SwitchIntent;
import io.metalstack.peering.model.plan.VrfImport;
import io.metalstack.peering.model.plan.VrfIntent;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static io.metalstack.peering.frr.Fixtures.PRIVATE_A;
import static io.metalstack.peering.frr.Fixtures.PRIVATE_B;
import static org.assertj.core.api.Assertions.assertThat;

/** The first pipeline step on its own: intent to typed FRR model, no text. */
class FrrModelBuilderTest {
    private final FrrModelBuilder builder = new FrrModelBuilder();

    private FrrConfig build(String fixture, SwitchOs os) {
        FrrModelBuilder.Built built = builder.build(Fixtures.cases().get(fixture).apply(os));
        assertThat(built.warnings()).isEmpty();
        return built.config();
    }

    private static RouteMap routeMap(FrrConfig c, String name) {
        return c.routeMaps().stream().filter(m -> m.name().value().equals(name)).findFirst().orElseThrow(() -> new AssertionError("no route-map " + name));
    }

    private static PrefixList prefixList(FrrConfig c, String name) {
        return c.prefixLists().stream().filter(m -> m.name().value().equals(name)).findFirst().orElseThrow(() -> new AssertionError("no prefix-list " + name));
    }

    private static BgpInstance instance(FrrConfig c, String vrf) {
        return c.bgp().stream().filter(b -> b.vrf().map(FrrName::value).orElse("default").equals(vrf)).findFirst().orElseThrow();
    }

    private static List<Statement> af(BgpInstance b, Afi afi) {
        return b.families().stream().filter(f -> f.afi() == afi).findFirst().orElseThrow().statements();
    }

    @Test
    void importMapHasOnePermitPerPeerAndFamilyWithAllThreeGuardsThenADeny() {
        FrrConfig c = build("three-peers", SwitchOs.SONIC);
        RouteMap map = routeMap(c, "Vrf100-import-map");
        assertThat(map.entries()).extracting(RouteMap.Entry::action, RouteMap.Entry::seq).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Action.PERMIT, 10), org.assertj.core.groups.Tuple.tuple(Action.PERMIT, 20),
                org.assertj.core.groups.Tuple.tuple(Action.PERMIT, 30), org.assertj.core.groups.Tuple.tuple(Action.DENY, 40));
        assertThat(map.entries().get(0).matches()).containsExactly(
                new Match.PrefixListMatch(AddressFamily.IPV4, FrrName.of("Vrf100-import-from-Vrf200")),
                new Match.LargeCommunityMatch(FrrName.of("Vrf200-origin")),
                new Match.SourceVrf(FrrName.of("Vrf200")));
        assertThat(map.entries().get(3).matches()).isEmpty();
        assertThat(prefixList(c, "Vrf100-import-from-Vrf400").entries()).containsExactly(
                new PrefixList.Entry(10, Action.PERMIT, IpPrefix.parse("10.0.32.0/22"), Optional.of(32)));
        assertThat(c.largeCommunityLists()).contains(new LargeCommunityList(FrrName.of("Vrf300-origin"),
                List.of(new LargeCommunity(Communities.FABRIC, Communities.ORIGIN, 300))));
        assertThat(af(instance(c, "Vrf100"), Afi.IPV4_UNICAST)).containsSubsequence(
                new Statement.ImportVrfRouteMap(FrrName.of("Vrf100-import-map")),
                new Statement.ImportVrf(FrrName.of("Vrf200")), new Statement.ImportVrf(FrrName.of("Vrf300")),
                new Statement.ImportVrf(FrrName.of("Vrf400")));
    }

    @Test
    void dualStackImportsUseIpAndIpv6PrefixListsInOneMap() {
        FrrConfig c = build("dual-stack", SwitchOs.CUMULUS);
        RouteMap map = routeMap(c, "vrf110-import-map");
        assertThat(map.entries()).hasSize(3);
        assertThat(map.entries().get(1).matches()).contains(
                new Match.PrefixListMatch(AddressFamily.IPV6, FrrName.of("vrf110-import-from-vrf210-ipv6")));
        PrefixList v6 = prefixList(c, "vrf110-import-from-vrf210-ipv6");
        assertThat(v6.family()).isEqualTo(AddressFamily.IPV6);
        assertThat(v6.entries().get(0).le()).contains(128);
        for (Afi afi : List.of(Afi.IPV4_UNICAST, Afi.IPV6_UNICAST)) {
            assertThat(af(instance(c, "vrf110"), afi)).contains(new Statement.ImportVrf(FrrName.of("vrf210")),
                    new Statement.ImportVrfRouteMap(FrrName.of("vrf110-import-map")));
        }
        assertThat(af(instance(c, "vrf110"), Afi.L2VPN_EVPN)).containsExactly(
                new Statement.Advertise(AddressFamily.IPV4), new Statement.Advertise(AddressFamily.IPV6));
    }

    @Test
    void externalImportsMatchTheDefaultRouteExactlyAndHaveNoOriginGuard() {
        FrrConfig c = build("private-external", SwitchOs.SONIC);
        assertThat(prefixList(c, "Vrf120-import-from-Vrf104009-ipv6").entries()).containsExactly(
                new PrefixList.Entry(10, Action.PERMIT, IpPrefix.parse("::/0"), Optional.empty()),
                new PrefixList.Entry(20, Action.PERMIT, IpPrefix.parse("2a02:c00:ffff::/48"), Optional.of(128)));
        RouteMap map = routeMap(c, "Vrf120-import-map");
        assertThat(map.entries()).hasSize(2);
        assertThat(map.entries().get(0).matches()).noneMatch(m -> m instanceof Match.LargeCommunityMatch);
        // IPv4 is not exchanged: no IPv4 import, and no IPv4 list at all
        assertThat(af(instance(c, "Vrf120"), Afi.IPV4_UNICAST)).noneMatch(s -> s instanceof Statement.ImportVrf);
        assertThat(c.prefixLists()).noneMatch(p -> p.name().value().equals("Vrf120-import-from-Vrf104009"));
    }

    @Test
    void aPeerVrfWithoutLocalPortsHasNoMachinePeersButImportsAndAdvertises() {
        FrrConfig c = build("peer-vrf-without-port", SwitchOs.SONIC);
        BgpInstance b = instance(c, "Vrf200");
        assertThat(b.peerGroups()).isEmpty();
        assertThat(b.neighbors()).isEmpty();
        assertThat(af(b, Afi.IPV4_UNICAST)).containsExactly(
                new Statement.Redistribute(AddressFamilyConfig.Source.CONNECTED, Optional.of(FrrName.of("Vrf200-connected"))),
                new Statement.ImportVrfRouteMap(FrrName.of("Vrf200-import-map")),
                new Statement.ImportVrf(FrrName.of("Vrf100")));
        assertThat(af(b, Afi.L2VPN_EVPN)).containsExactly(new Statement.Advertise(AddressFamily.IPV4));
        assertThat(c.vrfs()).extracting(FrrConfig.VrfDef::name).containsExactly(FrrName.of("Vrf100"), FrrName.of("Vrf200"));
        assertThat(c.routeMaps()).noneMatch(m -> m.name().value().equals("Vrf200-in"));
    }

    @Test
    void originAndZoneTagsAreSetOnMachineAndConnectedRoutes() {
        FrrConfig c = build("peer-vrf-without-port", SwitchOs.CUMULUS);
        RouteMap.Set tags = new RouteMap.Set.LargeCommunities(List.of(
                new LargeCommunity(4200000000L, 1, 100), new LargeCommunity(4200000000L, 2, 2)));
        assertThat(routeMap(c, "vrf100-in").entries().get(0).sets()).containsExactly(tags);
        assertThat(routeMap(c, "vrf100-connected").entries().get(0).sets()).containsExactly(tags);
    }

    @Test
    void routesOfTheOwnZoneGetAHigherLocalPreferenceFromTheFabric() {
        FrrConfig c = build("peer-vrf-without-port", SwitchOs.SONIC);
        assertThat(c.largeCommunityLists()).contains(new LargeCommunityList(PolicyNames.LOCAL_ZONE, List.of(new LargeCommunity(4200000000L, 2, 2))));
        RouteMap zone = routeMap(c, "FABRIC-evpn-in");
        assertThat(zone.entries().get(0).matches()).containsExactly(new Match.LargeCommunityMatch(PolicyNames.LOCAL_ZONE));
        assertThat(zone.entries().get(0).sets()).containsExactly(new RouteMap.Set.LocalPreference(200));
        assertThat(zone.entries().get(1).action()).isEqualTo(Action.PERMIT);
        assertThat(zone.entries().get(1).matches()).isEmpty();
        assertThat(af(instance(c, "default"), Afi.L2VPN_EVPN)).contains(
                new Statement.NeighborRouteMap(PolicyNames.FABRIC, PolicyNames.FABRIC_EVPN_IN, AddressFamilyConfig.Direction.IN));
    }

    @Test
    void machinesOfAnIpv6OnlyNetworkAreNotActiveInIpv4() {
        Fixtures.Net v6only = new Fixtures.Net("v6-only", 150, "2001:db8:0:150::/64");
        FrrConfig c = builder.build(Fixtures.leaf(SwitchOs.SONIC).local(v6only, 0).build()).config();
        BgpInstance b = instance(c, "Vrf150");
        assertThat(af(b, Afi.IPV4_UNICAST)).containsExactly(new Statement.Deactivate(PolicyNames.MACHINE));
        assertThat(af(b, Afi.IPV6_UNICAST)).contains(new Statement.Activate(PolicyNames.MACHINE),
                new Statement.NeighborRouteMap(PolicyNames.MACHINE, FrrName.of("Vrf150-in6"), AddressFamilyConfig.Direction.IN));
    }

    @Test
    void withoutPeeringsThereIsNoImportAtAll() {
        FrrConfig c = build("no-peering", SwitchOs.SONIC);
        assertThat(c.routeMaps()).noneMatch(m -> m.name().value().endsWith("-import-map"));
        assertThat(c.bgp()).allSatisfy(b -> b.families().forEach(f ->
                assertThat(f.statements()).noneMatch(s -> s instanceof Statement.ImportVrf)));
    }

    @Test
    void sonicAndCumulusDifferInVrfNamesAndManagementFilter() {
        FrrConfig sonic = build("private-private", SwitchOs.SONIC);
        FrrConfig cumulus = build("private-private", SwitchOs.CUMULUS);
        assertThat(sonic.vrfs()).extracting(v -> v.name().value()).containsExactly("Vrf100", "Vrf200");
        assertThat(cumulus.vrfs()).extracting(v -> v.name().value()).containsExactly("vrf100", "vrf200");
        assertThat(routeMap(sonic, "DENY_MGMT").entries().get(0).matches()).containsExactly(new Match.Interface("eth0"));
        assertThat(routeMap(cumulus, "LOOPBACKS").entries().get(0).matches()).containsExactly(new Match.Interface("lo"));
        assertThat(sonic.globals().facilityLocal4()).isTrue();
        assertThat(sonic.globals().agentx()).isTrue();
        assertThat(sonic.globals().vtyPasswords()).isTrue();
        assertThat(sonic.globals().integratedVtyshConfig()).isFalse();
        assertThat(sonic.globals().debugs()).contains(FrrConfig.Debug.ZEBRA_EVENTS);
        assertThat(cumulus.globals().facilityLocal4()).isFalse();
        assertThat(cumulus.globals().agentx()).isFalse();
        assertThat(cumulus.globals().cumulusNoPassword()).isTrue();
        assertThat(cumulus.globals().integratedVtyshConfig()).isTrue();
        assertThat(cumulus.globals().debugs()).doesNotContain(FrrConfig.Debug.ZEBRA_EVENTS).contains(FrrConfig.Debug.BGP_UPDATES_IN);
        assertThat(sonic.globals().syslog()).isEqualTo(cumulus.globals().syslog()).isEqualTo(SyslogLevel.INFORMATIONAL);
    }

    @Test
    void problemsThatDoNotStopRenderingAreReturnedAsWarnings() {
        SwitchIntent base = Fixtures.leaf(SwitchOs.SONIC).local(PRIVATE_A, 0).build();
        VrfIntent a = base.vrfs().get(0);
        List<VrfImport> imports = List.of(
                new VrfImport(a.vni(), a.network(), ImportReason.SAME_PROJECT, a.ownPrefixes()),
                new VrfImport(PRIVATE_B.vniValue(), NetworkId.parse(PRIVATE_B.id()), ImportReason.SAME_PROJECT, PRIVATE_B.ownPrefixes()),
                new VrfImport(Vni.of(500), NetworkId.parse("v6-only"), ImportReason.SAME_PROJECT, List.of(IpPrefix.parse("2001:db8:5::/64"))));
        VrfIntent withImports = new VrfIntent(a.vni(), a.network(), a.vlan(),
                List.of(a.machinePorts().get(0), PortName.parse("Ethernet120")), a.families(), a.ownPrefixes(), imports);
        VrfIntent empty = new VrfIntent(Vni.of(600), NetworkId.parse("empty"), 1010, List.of(), Set.of(), List.of(), List.of());
        ExternalSession session = new ExternalSession(PeeringId.parse("isp"), PortName.parse("Ethernet60"), a.vni(),
                InterfaceAddress.parse("172.16.0.1/30"), Asn.of(65000), InterfaceAddress.parse("172.16.0.2/30"), Asn.of(65001),
                List.of(), List.of(), 100, false, false);
        SwitchIntent intent = Fixtures.with(base, List.of(withImports, empty), List.of(session));

        FrrModelBuilder.Built built = builder.build(intent);

        assertThat(built.warnings()).extracting(Warning::toString).containsExactlyInAnyOrder(
                "port Ethernet120: has more than one role: uplink, vrf 100",
                "vrf 100: imports from itself; the import is left out",
                "vrf 100: imports from vrf 200, which this switch does not instantiate; FRR leaks nothing from a VRF without its L3VNI",
                "vrf 100: imports from vrf 500, which this switch does not instantiate; FRR leaks nothing from a VRF without its L3VNI",
                "vrf 100: import from vrf 500 has prefixes of a family the VRF does not serve; they are left out",
                "vrf 100: import from vrf 500 has no prefixes; the import is left out",
                "vrf 600: has no address family: only its L3VNI is rendered");
        // still rendered: the import from vrf 200 is kept
        RouteMap map = routeMap(built.config(), "Vrf100-import-map");
        assertThat(map.entries()).hasSize(2);
    }

    @Test
    void externalSessionsGetTheirNeighbourFiltersAndOnlyTheirOwnFamily() {
        FrrConfig c = build("external-sessions", SwitchOs.CUMULUS);
        BgpInstance b = instance(c, "vrf130");
        assertThat(b.peerGroups()).isEmpty();
        assertThat(b.remotes()).containsExactly(
                new BgpInstance.RemoteNeighbor(FrrName.of("172.16.0.2"), Asn.of(65001), Optional.of(Asn.of(65000)), true),
                new BgpInstance.RemoteNeighbor(FrrName.of("2001:db8:ff::1"), Asn.of(65002), Optional.empty(), false));
        assertThat(af(b, Afi.IPV4_UNICAST)).contains(
                new Statement.MaximumPrefix(FrrName.of("172.16.0.2"), 1000),
                new Statement.NeighborRouteMap(FrrName.of("172.16.0.2"), FrrName.of("ext-swp41-in"), AddressFamilyConfig.Direction.IN),
                new Statement.NeighborRouteMap(FrrName.of("172.16.0.2"), FrrName.of("ext-swp41-out"), AddressFamilyConfig.Direction.OUT),
                new Statement.Deactivate(FrrName.of("2001:db8:ff::1")));
        assertThat(af(b, Afi.IPV6_UNICAST)).contains(new Statement.Activate(FrrName.of("2001:db8:ff::1")))
                .noneMatch(s -> s.equals(new Statement.Deactivate(FrrName.of("172.16.0.2"))));
        assertThat(prefixList(c, "ext-swp41-in-prefixes").entries()).containsExactly(
                new PrefixList.Entry(10, Action.PERMIT, IpPrefix.parse("0.0.0.0/0"), Optional.empty()));
        assertThat(prefixList(c, "ext-swp45-out-prefixes").entries()).containsExactly(
                new PrefixList.Entry(10, Action.PERMIT, IpPrefix.parse("2a02:c00:30::/64"), Optional.of(128)));
        assertThat(routeMap(c, "ext-swp45-out").entries().get(0).sets()).containsExactly(new RouteMap.Set.NoLargeCommunities());
        assertThat(routeMap(c, "ext-swp45-in").entries().get(0).sets()).isEmpty();
    }

    @Test
    void externalSessionsThatCannotBeRenderedAreWarnedAbout() {
        SwitchIntent base = Fixtures.cases().get("external-sessions").apply(SwitchOs.SONIC);
        ExternalSession ok = base.external().get(0);
        ExternalSession otherVrf = new ExternalSession(PeeringId.parse("elsewhere"), PortName.parse("Ethernet200"), Vni.of(999),
                ok.local(), ok.localAs(), ok.remote(), ok.remoteAs(), List.of(), List.of(), 10, false, false);
        ExternalSession mixed = new ExternalSession(PeeringId.parse("mixed"), PortName.parse("Ethernet204"), ok.vrf(),
                ok.local(), ok.localAs(), InterfaceAddress.parse("2001:db8::1/127"), ok.remoteAs(), List.of(), List.of(), 10, false, false);
        ExternalSession secret = new ExternalSession(PeeringId.parse("secret"), PortName.parse("Ethernet208"), ok.vrf(),
                InterfaceAddress.parse("172.16.1.1"), ok.localAs(), InterfaceAddress.parse("172.16.1.2"), ok.remoteAs(),
                List.of(IpPrefix.parse("2a02:c00:30::/64")), List.of(), 10, false, true);
        SwitchIntent intent = Fixtures.with(base, base.vrfs(), List.of(ok, otherVrf, mixed, secret));

        FrrModelBuilder.Built built = builder.build(intent);

        assertThat(built.warnings()).extracting(Warning::toString).containsExactlyInAnyOrder(
                "peering elsewhere: session on port Ethernet200 is in vrf 999, which this switch does not instantiate; the session is left out",
                "peering mixed: session on port Ethernet204 has local address 172.16.0.1/30 and remote address 2001:db8::1/127 of different families; the session is left out",
                "peering secret: has a password, which the intent does not carry: it is not rendered, set it on the switch",
                "peering secret: local address 172.16.1.1 has no subnet length: 172.16.1.1/30 is rendered",
                "peering secret: export prefixes of another family than the IPv4 session are left out");
        assertThat(instance(built.config(), "Vrf130").remotes()).extracting(r -> r.address().value())
                .containsExactly("172.16.0.2", "172.16.1.2");
        assertThat(routeMap(built.config(), "ext-Ethernet208-out").entries()).extracting(RouteMap.Entry::action).containsExactly(Action.DENY);
        assertThat(new FrrRenderer().render(intent).file(FrrRenderer.CONFIG_DB)).contains("\"Ethernet208|172.16.1.1/30\"").doesNotContain("Ethernet200", "Ethernet204");
    }

    @Test
    void everyCaseBuildsWithoutWarnings() {
        List<String> all = new ArrayList<>();
        Fixtures.cases().forEach((name, f) -> {
            for (SwitchOs os : SwitchOs.values()) {
                builder.build(f.apply(os)).warnings().forEach(w -> all.add(name + ": " + w));
            }
        });
        assertThat(all).isEmpty();
    }
}
