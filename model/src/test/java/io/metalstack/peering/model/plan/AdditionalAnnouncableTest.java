package io.metalstack.peering.model.plan;

import io.metalstack.peering.model.DomainException;
import io.metalstack.peering.model.IpPrefix;
import io.metalstack.peering.model.Network;
import io.metalstack.peering.model.NetworkId;
import io.metalstack.peering.model.NetworkType;
import io.metalstack.peering.model.Vni;
import io.metalstack.peering.model.rules.PeeringGraph;
import io.metalstack.peering.model.rules.PeeringRules;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import static io.metalstack.peering.model.plan.Fabric.net;
import static io.metalstack.peering.model.plan.Fabric.prefixes;
import static io.metalstack.peering.model.plan.Fabric.sw;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Additional announcable CIDRs (a Kubernetes cluster's pod and service CIDRs): a network's own cross a peering like
 * its prefixes; its super network's hold in every child's VRF but are never exchanged; a private-use one stays out of
 * a NAT-ing external network.
 */
class AdditionalAnnouncableTest {

    private static Fabric fabric() {
        Fabric f = new Fabric().partition("p1").project("p-a");
        f.network(new Network(net("super"), "super", "", Optional.of(new io.metalstack.peering.model.PartitionId("p1")),
                Optional.empty(), Optional.empty(), NetworkType.SUPER, prefixes("10.0.0.0/16"), List.of(), Optional.empty(),
                Map.of(), false, null, Fabric.T, Fabric.T, prefixes("10.96.0.0/12")));
        f.network(child("a", 100, "10.0.8.0/22", "10.240.0.0/16", "2001:db8:a::/64"));
        f.network(child("b", 200, "10.0.16.0/22", "10.241.0.0/16"));
        f.network(child("c", 300, "10.0.24.0/22"));
        return f.leaf("leaf01", "z1", "swp1", "swp2", "swp3")
                .leaf("leaf02", "z1", "swp1", "swp2", "swp3")
                .machine("ma", "p-a", "a", "leaf01:swp1")
                .machine("mb", "p-a", "b", "leaf02:swp1")
                .machine("mc", "p-a", "c", "leaf02:swp2");
    }

    private static Network child(String id, int vrf, String prefix, String... additional) {
        return new Network(net(id), id, "", Optional.of(new io.metalstack.peering.model.PartitionId("p1")),
                Optional.of(new io.metalstack.peering.model.ProjectId("p-a")), Optional.of(net("super")), NetworkType.CHILD,
                prefixes(prefix), List.of(), Optional.of(Vni.of(vrf)), Map.of(), false, null, Fabric.T, Fabric.T,
                prefixes(additional));
    }

    private static Map<Integer, VrfIntent> vrfs(Plan plan, String leaf) {
        return plan.intent(sw(leaf)).orElseThrow().vrfs().stream().collect(Collectors.toMap(v -> v.vni().value(), Function.identity()));
    }

    @Test
    void aVrfAdmitsItsOwnAndItsSuperNetworksAdditionalPrefixesInTheFamiliesItServes() {
        Plan plan = Planner.plan(fabric().build());

        VrfIntent a = vrfs(plan, "leaf01").get(100);
        // a is IPv4 only: its IPv6 pod CIDR has no family to live in
        assertThat(a.additionalPrefixes()).containsExactlyElementsOf(prefixes("10.96.0.0/12", "10.240.0.0/16"));
        assertThat(a.requiredPrefixes()).containsExactlyElementsOf(prefixes("10.0.8.0/22"));
        assertThat(vrfs(plan, "leaf02").get(300).additionalPrefixes()).containsExactlyElementsOf(prefixes("10.96.0.0/12"));
    }

    @Test
    void aPeeringExchangesTheNetworksOwnAdditionalPrefixesButNotTheSuperNetworksAndNotTransitively() {
        Plan plan = Planner.plan(fabric().peering("ab", "a", "b").peering("bc", "b", "c").build());

        VrfImport aFromB = vrfs(plan, "leaf01").get(100).imports().get(0);
        assertThat(aFromB.from()).isEqualTo(Vni.of(200));
        assertThat(aFromB.prefixes()).containsExactlyElementsOf(prefixes("10.0.16.0/22"));
        assertThat(aFromB.additionalPrefixes()).containsExactlyElementsOf(prefixes("10.241.0.0/16"));

        Map<Integer, VrfIntent> leaf02 = vrfs(plan, "leaf02");
        VrfImport bFromA = leaf02.get(200).imports().stream().filter(i -> i.from().value() == 100).findFirst().orElseThrow();
        assertThat(bFromA.additionalPrefixes()).containsExactlyElementsOf(prefixes("10.240.0.0/16"));
        // c peers with b only: a's pod CIDR never reaches c
        VrfIntent c = leaf02.get(300);
        assertThat(c.imports()).extracting(i -> i.from().value()).containsExactly(200);
        assertThat(c.allowedPrefixes()).doesNotContain(IpPrefix.parse("10.240.0.0/16"))
                .contains(IpPrefix.parse("10.241.0.0/16")).contains(IpPrefix.parse("10.96.0.0/12"));
        assertThat(c.requiredPrefixes()).doesNotContain(IpPrefix.parse("10.241.0.0/16"));
    }

    @Test
    void aPrivateUseAdditionalPrefixStaysOutOfANatingExternalNetwork() {
        Inventory inv = fabric()
                .external("internet", 104009, true, true, List.of("185.1.2.0/24", "2001:db8:ff::/48"), List.of("0.0.0.0/0", "::/0"))
                .network(child("pub", 400, "2001:db8:4::/64", "2001:db8:400::/56", "fd00:10::/64"))
                .machine("mp", "p-a", "pub", "leaf01:swp3")
                .peering("pi", "pub", "internet").build();

        VrfIntent internet = vrfs(Planner.plan(inv), "leaf01").get(104009);
        VrfImport fromPub = internet.imports().get(0);
        assertThat(fromPub.additionalPrefixes()).containsExactlyElementsOf(prefixes("2001:db8:400::/56"));
    }

    @Test
    void additionalPrefixesThatOverlapThePeersAreRefusedAtAdmission() {
        Inventory inv = fabric().build();
        Map<NetworkId, Network> networks = inv.networks().stream().collect(Collectors.toMap(Network::id, Function.identity()));
        Network a = networks.get(net("a"));
        Network clash = child("d", 500, "10.0.32.0/22", "10.240.128.0/17");
        PeeringGraph graph = new PeeringGraph() {
            @Override
            public Network network(NetworkId id) {
                return id.equals(clash.id()) ? clash : networks.get(id);
            }

            @Override
            public List<io.metalstack.peering.model.Peering> peeringsOf(NetworkId network) {
                return List.of();
            }
        };
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new PeeringRules(50).admit(a, clash,
                        io.metalstack.peering.model.PeeringType.LOCAL, graph))
                .isInstanceOf(DomainException.Conflict.class)
                .hasMessageContaining("10.240.128.0/17").hasMessageContaining("10.240.0.0/16");
        assertThat(a.additionalAnnouncable()).containsExactlyElementsOf(prefixes("2001:db8:a::/64", "10.240.0.0/16").stream().sorted().toList());
    }
}
