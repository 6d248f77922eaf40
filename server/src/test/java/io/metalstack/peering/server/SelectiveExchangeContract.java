package io.metalstack.peering.server;

import io.metalstack.peering.api.V1Bgp;
import io.metalstack.peering.api.V1Network;
import io.metalstack.peering.api.V1ObservedPrefixes;
import io.metalstack.peering.api.V1Peering;
import io.metalstack.peering.api.V1PeeringExchange;
import io.metalstack.peering.api.V1VrfImport;
import io.metalstack.peering.api.V1VrfIntent;
import io.metalstack.peering.api.fixture.NetworkRequest;
import io.metalstack.peering.api.fixture.NotifyRequest;
import io.metalstack.peering.api.fixture.PeeringRequest;
import io.metalstack.peering.model.IpPrefix;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Selective exchange (issue 15, item 4): per side of a local peering, what the other side may reach. The switches'
 * imports carry exactly the selection, the status compares with it, and neither a bad selection nor a network update
 * that would leave one outside its network gets in.
 */
abstract class SelectiveExchangeContract extends MetalApiContract {

    SelectiveExchangeContract(MetalApiFixture api) {
        super(api);
    }

    private static String v4(V1Network n) {
        return n.prefixes().stream().filter(p -> p.contains(".")).findFirst().orElseThrow();
    }

    /** The first ({@code upper} false) or second half of {@code prefix}. */
    private static String half(String prefix, boolean upper) {
        IpPrefix p = IpPrefix.parse(prefix);
        var block = upper ? p.block().getUpper() : p.block().getLower();
        return IpPrefix.of(block.setPrefixLength(p.length() + 1, false).toPrefixBlock()).toString();
    }

    /** What VRF {@code importer} imports from {@code peer} on {@code leaf}. */
    private V1VrfImport imported(String leaf, V1Network importer, V1Network peer) {
        V1VrfIntent vrf = intentOf(leaf).vrfs().stream().filter(v -> v.vni().equals(importer.vrf())).findFirst().orElseThrow();
        return vrf.imports().stream().filter(i -> i.from().equals(peer.vrf())).findFirst().orElseThrow();
    }

    private static V1ObservedPrefixes observed(List<String> prefixes) {
        return new V1ObservedPrefixes(prefixes.stream().filter(p -> p.contains(".")).toList(),
                prefixes.stream().filter(p -> p.contains(":")).toList());
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return Stream.concat(a.stream(), b.stream()).toList();
    }

    @Test
    void switchesImportExactlyIt() {
        V1Network a = net("p1"), b = net("p1");
        String leaf = leafWith(4200000051L, "10.255.0.51", a, b);
        String part = half(v4(a), false), rest = half(v4(a), true);
        V1Peering p = as("editor1").peerings().create(PeeringRequest.local(a.id(), b.id()).name(name("pe"))
                .exchange(List.of(part), null).build());
        assertThat(p.exchange()).isEqualTo(new V1PeeringExchange(List.of(part), null));
        assertThat(as("viewer1").peerings().get(p.id()).exchange()).isEqualTo(p.exchange());
        // b reaches only the selected part of a (not a's other half, not its IPv6); a reaches all of b
        assertThat(imported(leaf, b, a).prefixes()).containsExactly(part);
        assertThat(imported(leaf, a, b).prefixes()).containsExactlyInAnyOrderElementsOf(b.prefixes());

        // the status compares with the selection: exactly it is active, a's other half in b is a leak
        long rev = admin().switchIntent(leaf, null, null).revision();
        as("infra").notifySwitch(leaf, NotifyRequest.applied(rev, 10L).vrfs(Map.of(
                "Vrf" + a.vrf(), observed(concat(a.prefixes(), b.prefixes())),
                "Vrf" + b.vrf(), observed(concat(b.prefixes(), List.of(part))))).sessions(List.of()).build());
        assertThat(as("viewer1").peerings().get(p.id()).status().phase()).isEqualTo("active");
        as("infra").notifySwitch(leaf, NotifyRequest.applied(rev, 10L).vrfs(Map.of(
                "Vrf" + a.vrf(), observed(concat(a.prefixes(), b.prefixes())),
                "Vrf" + b.vrf(), observed(concat(b.prefixes(), List.of(part, rest))))).sessions(List.of()).build());
        V1Peering leaking = as("viewer1").peerings().get(p.id());
        assertThat(leaking.status().phase()).isEqualTo("degraded");
        assertThat(leaking.status().switches()).singleElement().satisfies(s -> assertThat(s.unexpected()).contains(rest));

        // an update without exchange keeps it; {} exchanges everything again; a new selection replaces it
        V1Peering renamed = as("editor1").peerings().update(PeeringRequest.update(p).name("renamed").build());
        assertThat(renamed.exchange()).isEqualTo(p.exchange());
        V1Peering all = as("editor1").peerings().update(PeeringRequest.update(renamed).name("renamed").exchange(null, null).build());
        assertThat(all.exchange()).isNull();
        assertThat(imported(leaf, b, a).prefixes()).containsExactlyInAnyOrderElementsOf(a.prefixes());
        V1Peering other = as("editor1").peerings().update(PeeringRequest.update(all).name("renamed").exchange(null, List.of(v4(b))).build());
        assertThat(other.exchange()).isEqualTo(new V1PeeringExchange(null, List.of(v4(b))));
        assertThat(imported(leaf, a, b).prefixes()).containsExactly(v4(b));
        assertThat(imported(leaf, b, a).prefixes()).containsExactlyInAnyOrderElementsOf(a.prefixes());
        giveBack(List.of(p), a, b);
    }

    @Test
    void aBadSelectionIsRefusedNamingTheValueAndWhatIsAllowed() {
        V1Network a = net("p1"), b = net("p1");
        String outside = half(v4(b), false);
        assertApiError(() -> as("owner1").peerings().create(PeeringRequest.local(a.id(), b.id()).exchange(List.of(outside), null).build()), 422,
                "exchange.network1: " + outside + " is not inside the address space of network \"" + a.name() + "\"", v4(a));
        assertApiError(() -> as("owner1").peerings().create(PeeringRequest.local(a.id(), b.id()).exchange(List.of("10.0.0.1/24"), null).build()), 400,
                "exchange.network1: prefix \"10.0.0.1/24\" has host bits set");
        assertApiError(() -> as("owner1").peerings().create(PeeringRequest.local(a.id(), b.id()).exchange(null, List.of()).build()), 400,
                "exchange.network2 is empty");
        assertApiError(() -> as("owner1").peerings().create(PeeringRequest.local(a.id(), b.id())
                .exchange(List.of(v4(a), half(v4(a), true)), null).build()), 400, "lies inside " + v4(a) + ", also listed");
        List<String> many = new ArrayList<>();
        IpPrefix whole = IpPrefix.parse(v4(a));
        for (int i = 0; i < 33; i++) {
            many.add(IpPrefix.of(whole.block().getLower().increment(i * 4L).setPrefixLength(30, false).toPrefixBlock()).toString());
        }
        assertApiError(() -> as("owner1").peerings().create(PeeringRequest.local(a.id(), b.id()).exchange(many, null).build()), 400,
                "exchange.network1 lists 33 prefixes: at most 32 are allowed");
        // an external peering selects nothing: its bgp block has export and import prefixes
        String exit = exitSwitch(41, "Ethernet0");
        V1Bgp bgp = new V1Bgp(new V1Bgp.Local(65000L, "2001:db8:fe::1", "Ethernet0@" + exit), new V1Bgp.Remote(65001L, "2001:db8:fe::2"));
        assertApiError(() -> admin().peerings().create(PeeringRequest.external("internet", a.id(), bgp).exchange(null, List.of(v4(a))).build()), 422,
                "exchange selects prefixes of a local peering only", "exportprefixes");
        // nothing was stored; a bad update keeps the stored selection
        assertThat(as("owner1").peerings().list()).noneMatch(x -> a.id().equals(x.network1()) || a.id().equals(x.network2()));
        V1Peering p = as("owner1").peerings().create(PeeringRequest.local(a.id(), b.id()).name(name("pe")).exchange(List.of(v4(a)), null).build());
        assertApiError(() -> as("owner1").peerings().update(PeeringRequest.update(p).name(p.name()).exchange(List.of(outside), null).build()), 422,
                "exchange.network1: " + outside);
        assertThat(as("owner1").peerings().get(p.id())).isEqualTo(p);
        giveBack(List.of(p), a, b);
    }

    @Test
    void aNetworkUpdateThatWouldLeaveASelectionOutsideIsRefused() {
        V1Network a = net("p1"), b = net("p1");
        String part = half(v4(a), true);
        V1Peering p = as("owner1").peerings().create(PeeringRequest.local(a.id(), b.id()).name(name("pe")).exchange(List.of(part), null).build());
        List<String> shrunk = a.prefixes().stream().map(x -> x.equals(v4(a)) ? half(v4(a), false) : x).toList();
        assertApiError(() -> admin().networks().update(NetworkRequest.update(a).prefixes(shrunk).build()), 422,
                "would break peering " + p.id(), "exchange.network1: " + part + " is not inside");
        assertThat(admin().networks().get(a.id()).prefixes()).isEqualTo(a.prefixes());
        giveBack(List.of(p), a, b);
    }
}
