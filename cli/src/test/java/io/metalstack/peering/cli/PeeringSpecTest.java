package io.metalstack.peering.cli;

import io.metalstack.peering.api.V1Bgp;
import io.metalstack.peering.api.V1Network;
import io.metalstack.peering.api.V1Peering;
import io.metalstack.peering.api.V1PeeringExchange;
import io.metalstack.peering.api.fixture.NetworkRequest;
import io.metalstack.peering.api.fixture.PeeringRequest;
import io.metalstack.peering.model.Asn;
import io.metalstack.peering.model.BgpPeer;
import io.metalstack.peering.model.InterfaceAddress;
import io.metalstack.peering.model.Labels;
import io.metalstack.peering.model.PeeringType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** What {@code apply} decides from a spec and the peering that exists: same connection, unchanged, the update body. */
class PeeringSpecTest {
    private static final V1Network PRIVNET1 = network("n-1", "privnet1");
    private static final V1Network STORAGE = network("n-2", "storage");
    private static final V1Network INTERNET = network("internet", "internet");
    private static final PeeringManifest.Bgp BGP = new PeeringManifest.Bgp(Asn.of(65000), InterfaceAddress.parse("172.16.0.1"),
            BgpPeer.parsePort("Ethernet0@exit01"), Asn.of(65001), InterfaceAddress.parse("172.16.0.2/30"));

    private static V1Network network(String id, String name) {
        return NetworkRequest.of(id, "child").name(name).partition("fra").project("p").prefixes().destinationprefixes().vrf(7).nat(false)
                .shared(false).labels(Map.of()).build();
    }

    private static V1Peering existing(String name, String n1, String n2, String type, V1Bgp bgp, Map<String, String> labels) {
        return PeeringRequest.stored("id-1", "p", "fra", n1, n2).name(name).description("").type(type).bgp(bgp).labels(labels).build();
    }

    @Test
    void defaultNameFollowsTheMep() {
        assertThat(new PeeringSpec(null, null, PRIVNET1, Optional.of(STORAGE), PeeringType.LOCAL, Optional.empty(), null, null).name())
                .isEqualTo("privnet1-to-storage");
        assertThat(new PeeringSpec(" ", null, INTERNET, Optional.empty(), PeeringType.EXTERNAL, Optional.of(BGP), null, null).name())
                .isEqualTo("internet-to-as65001");
    }

    @Test
    void requestCarriesIdsAndTheMepBgpBlock() {
        V1Peering r = new PeeringSpec("x", "d", INTERNET, Optional.of(PRIVNET1), PeeringType.EXTERNAL, Optional.of(BGP),
                Labels.of(Map.of("a", "b")), null).request();
        assertThat(r.id()).isNull();
        assertThat(r.network1()).isEqualTo("internet");
        assertThat(r.network2()).isEqualTo("n-1");
        assertThat(r.peeringtype()).isEqualTo("external");
        assertThat(r.bgp()).isEqualTo(new V1Bgp(new V1Bgp.Local(65000L, "172.16.0.1", "Ethernet0@exit01"),
                new V1Bgp.Remote(65001L, "172.16.0.2/30")));
        assertThat(r.labels()).isEqualTo(Map.of("a", "b"));
    }

    @Test
    void sameConnectionIgnoresNetworkOrderAndTheLengthTheServerDerived() {
        PeeringSpec local = new PeeringSpec("a", null, PRIVNET1, Optional.of(STORAGE), PeeringType.LOCAL, Optional.empty(), null, null);
        assertThat(local.sameConnection(existing("a", "n-2", "n-1", "local", null, null))).isTrue();
        assertThat(local.sameConnection(existing("a", "n-1", "internet", "local", null, null))).isFalse();
        assertThat(local.sameConnection(existing("a", "n-1", "n-2", "external", null, null))).isFalse();

        PeeringSpec ext = new PeeringSpec("b", null, PRIVNET1, Optional.of(INTERNET), PeeringType.EXTERNAL, Optional.of(BGP), null, null);
        V1Bgp stored = new V1Bgp(new V1Bgp.Local(65000L, "172.16.0.1/30", "Ethernet0@exit01"), new V1Bgp.Remote(65001L, "172.16.0.2/30"));
        assertThat(ext.sameConnection(existing("b", "n-1", "internet", "external", stored, null))).isTrue();
        V1Bgp otherPort = new V1Bgp(new V1Bgp.Local(65000L, "172.16.0.1/30", "Ethernet4@exit01"), stored.remote());
        assertThat(ext.sameConnection(existing("b", "n-1", "internet", "external", otherPort, null))).isFalse();
        V1Bgp otherAs = new V1Bgp(stored.local(), new V1Bgp.Remote(65002L, "172.16.0.2/30"));
        assertThat(ext.sameConnection(existing("b", "n-1", "internet", "external", otherAs, null))).isFalse();
        assertThat(ext.sameConnection(existing("b", "n-1", "internet", "external", null, null))).isFalse();
    }

    @Test
    void unchangedComparesNameAndLabelsAndTheUpdateKeepsTheRest() {
        PeeringSpec spec = new PeeringSpec("a", null, PRIVNET1, Optional.of(STORAGE), PeeringType.LOCAL, Optional.empty(),
                Labels.of(Map.of("team", "storage")), null);
        assertThat(spec.unchanged(existing("a", "n-1", "n-2", "local", null, Map.of("team", "storage")))).isTrue();
        assertThat(spec.unchanged(existing("a", "n-1", "n-2", "local", null, null))).isFalse();
        assertThat(spec.unchanged(existing("b", "n-1", "n-2", "local", null, Map.of("team", "storage")))).isFalse();
        V1Peering have = existing("old", "n-2", "n-1", "local", null, null);
        V1Peering update = spec.updateOf(have);
        assertThat(update.id()).isEqualTo("id-1");
        assertThat(update.name()).isEqualTo("a");
        assertThat(update.labels()).isEqualTo(Map.of("team", "storage"));
        assertThat(update.network1()).isEqualTo("n-2");
        assertThat(update.changed()).isEqualTo(have.changed());
        assertThat(update.exchange()).as("a manifest without exchange asks for all prefixes again").isEqualTo(new V1PeeringExchange(null, null));
    }

    @Test
    void exchangeTravelsAndCountsAsAChangeRegardlessOfOrderAndSpelling() {
        PeeringSpec spec = new PeeringSpec("a", null, PRIVNET1, Optional.of(STORAGE), PeeringType.LOCAL, Optional.empty(), null,
                new V1PeeringExchange(null, List.of("10.0.8.0/24", "10.0.9.0/24")));
        assertThat(spec.request().exchange()).isEqualTo(new V1PeeringExchange(null, List.of("10.0.8.0/24", "10.0.9.0/24")));
        assertThat(spec.unchanged(existing("a", "n-1", "n-2", "local", null, null)
                .withExchange(new V1PeeringExchange(null, List.of("10.0.9.0/24", "10.0.8.0/24"))))).isTrue();
        assertThat(spec.unchanged(existing("a", "n-1", "n-2", "local", null, null)
                .withExchange(new V1PeeringExchange(null, List.of("10.0.8.0/24"))))).isFalse();
        assertThat(spec.unchanged(existing("a", "n-1", "n-2", "local", null, null))).isFalse();
        assertThat(spec.unchanged(existing("a", "n-1", "n-2", "local", null, null)
                .withExchange(new V1PeeringExchange(List.of("10.0.8.0/24", "10.0.9.0/24"), null)))).as("the side counts").isFalse();
        assertThat(spec.updateOf(existing("a", "n-1", "n-2", "local", null, null)).exchange()).isEqualTo(spec.exchange());

        PeeringSpec all = new PeeringSpec("a", null, PRIVNET1, Optional.of(STORAGE), PeeringType.LOCAL, Optional.empty(), null, null);
        assertThat(all.unchanged(existing("a", "n-1", "n-2", "local", null, null).withExchange(new V1PeeringExchange(null, null)))).isTrue();
        assertThat(all.unchanged(existing("a", "n-1", "n-2", "local", null, null)
                .withExchange(new V1PeeringExchange(List.of("10.0.8.0/24"), null)))).isFalse();
    }

    @Test
    void tableViewShowsWideOnlyColumnsInWideModeAndBlanksForAbsentValues() {
        TableView<V1Network> view = TableView.of(TableView.Column.of("ID", V1Network::id),
                TableView.Column.wideOnly("DESCRIPTION", V1Network::description), TableView.Column.of("NAME", V1Network::name));
        assertThat(view.headers(false)).containsExactly("ID", "NAME");
        assertThat(view.headers(true)).containsExactly("ID", "DESCRIPTION", "NAME");
        assertThat(view.row(PRIVNET1, true)).containsExactly("n-1", "", "privnet1");
        assertThat(view.row(PRIVNET1, false)).containsExactly("n-1", "privnet1");
    }
}
