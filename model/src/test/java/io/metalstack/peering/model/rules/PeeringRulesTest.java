package io.metalstack.peering.model.rules;

import io.metalstack.peering.model.AddressFamily;
import io.metalstack.peering.model.DomainException;
import io.metalstack.peering.model.IpPrefix;
import io.metalstack.peering.model.Labels;
import io.metalstack.peering.model.Network;
import io.metalstack.peering.model.NetworkId;
import io.metalstack.peering.model.NetworkType;
import io.metalstack.peering.model.PartitionId;
import io.metalstack.peering.model.Peering;
import io.metalstack.peering.model.PeeringId;
import io.metalstack.peering.model.PeeringOrigin;
import io.metalstack.peering.model.PeeringType;
import io.metalstack.peering.model.ProjectId;
import io.metalstack.peering.model.Vni;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.metalstack.peering.model.PeeringType.EXTERNAL;
import static io.metalstack.peering.model.PeeringType.LOCAL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PeeringRulesTest {

    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");
    private final Map<NetworkId, Network> networks = new HashMap<>();
    private final List<Peering> peerings = new ArrayList<>();
    private final PeeringGraph graph = new PeeringGraph() {
        @Override
        public Network network(NetworkId id) {
            Network n = networks.get(id);
            if (n == null) {
                throw new DomainException.NotFound("network " + id + " not found");
            }
            return n;
        }

        @Override
        public List<Peering> peeringsOf(NetworkId network) {
            return peerings.stream().filter(p -> p.involves(network)).toList();
        }
    };
    private final PeeringRules rules = new PeeringRules(PeeringRules.DEFAULT_QUOTA);

    private Network net(String id, NetworkType type, String project, String partition, int vrf, String... prefixes) {
        return put(new Network(NetworkId.parse(id), id, "", Optional.ofNullable(partition).map(PartitionId::parse),
                Optional.ofNullable(project).map(ProjectId::parse), Optional.empty(), type,
                Arrays.stream(prefixes).map(IpPrefix::parse).toList(), List.of(),
                vrf == 0 ? Optional.empty() : Optional.of(Vni.of(vrf)), Map.of(), false, Labels.EMPTY, T, T));
    }

    private Network put(Network n) {
        networks.put(n.id(), n);
        return n;
    }

    private Network internet(boolean peerable, String... destinations) {
        return put(new Network(NetworkId.parse("internet"), "internet", "", Optional.empty(), Optional.empty(), Optional.empty(),
                NetworkType.EXTERNAL, List.of(), Arrays.stream(destinations).map(IpPrefix::parse).toList(),
                Optional.of(Vni.of(104009)), Map.of(), true,
                peerable ? Labels.of(Map.of(Labels.PEERABLE, "true")) : Labels.EMPTY, T, T));
    }

    private Peering peer(String id, Network a, Network b) {
        Peering p = new Peering(PeeringId.parse(id), id, "", a.project(), a.partition(), a.id(), b.id(), LOCAL,
                Optional.empty(), PeeringOrigin.MANUAL, Labels.EMPTY, T, T);
        peerings.add(p);
        return p;
    }

    @Test
    void admitsTwoPrivateNetworksOfOneProject() {
        Network a = net("a", NetworkType.CHILD, "p1", "fra", 10, "10.0.0.0/22", "2001:db8::/64");
        Network b = net("b", NetworkType.CHILD, "p1", "fra", 11, "10.0.4.0/22");
        Exchange.Result r = rules.admit(a, b, LOCAL, graph);
        assertThat(r.families()).containsExactly(AddressFamily.IPV4);
        assertThat(r.omitted()).containsEntry(AddressFamily.IPV6, Exchange.Omission.NOT_ON_BOTH_SIDES);
    }

    @Test
    void rule1SameNetwork() {
        Network a = net("a", NetworkType.CHILD, "p1", "fra", 10, "10.0.0.0/22");
        assertThatThrownBy(() -> rules.admit(a, a, LOCAL, graph)).isInstanceOf(DomainException.Unprocessable.class)
                .hasMessageContaining("network \"a\" (a) cannot peer with itself");
    }

    @Test
    void rule1WrongTypeAndMissingVrf() {
        Network a = net("a", NetworkType.CHILD, "p1", "fra", 10, "10.0.0.0/22");
        Network sup = net("super", NetworkType.SUPER, null, "fra", 0, "10.0.0.0/16");
        Network novrf = net("novrf", NetworkType.CHILD, "p1", "fra", 0, "10.1.0.0/22");
        assertThatThrownBy(() -> rules.admit(a, sup, LOCAL, graph)).isInstanceOf(DomainException.Unprocessable.class)
                .hasMessageContaining("network \"super\" (super) is of type super: only child, child-shared and external networks can peer");
        assertThatThrownBy(() -> rules.admit(a, novrf, LOCAL, graph)).isInstanceOf(DomainException.Unprocessable.class)
                .hasMessageContaining("network \"novrf\" (novrf) has no vrf");
    }

    @Test
    void rule2CrossProjectRefusedUnlessShared() {
        Network a = net("a", NetworkType.CHILD, "p1", "fra", 10, "10.0.0.0/22");
        Network b = net("b", NetworkType.CHILD, "p2", "fra", 11, "10.0.4.0/22");
        assertThatThrownBy(() -> rules.admit(a, b, LOCAL, graph)).isInstanceOf(DomainException.Unprocessable.class)
                .hasMessage("network \"a\" (a) belongs to project p1, network \"b\" (b) to project p2: peering across projects"
                        + " is allowed only into a shared network or a peerable external network");
        Network storage = net("storage", NetworkType.CHILD_SHARED, "p2", "fra", 12, "10.0.8.0/22");
        assertThat(rules.admit(a, storage, LOCAL, graph).families()).containsExactly(AddressFamily.IPV4);
    }

    @Test
    void rule2ExternalMustBePeerable() {
        Network a = net("a", NetworkType.CHILD, "p1", "fra", 10, "2001:db8::/64");
        Network inet = internet(false, "::/0");
        assertThatThrownBy(() -> rules.admit(a, inet, EXTERNAL, graph)).isInstanceOf(DomainException.Unprocessable.class)
                .hasMessageContaining("network \"internet\" (internet) is an external network that is not marked peerable");
        Network peerable = internet(true, "::/0");
        assertThat(rules.admit(a, peerable, EXTERNAL, graph).families()).containsExactly(AddressFamily.IPV6);
    }

    @Test
    void rule3PrivatePairsInOnePartition() {
        Network a = net("a", NetworkType.CHILD, "p1", "fra", 10, "10.0.0.0/22");
        Network b = net("b", NetworkType.CHILD, "p1", "ber", 11, "10.0.4.0/22");
        assertThatThrownBy(() -> rules.admit(a, b, LOCAL, graph)).isInstanceOf(DomainException.Unprocessable.class)
                .hasMessageContaining("network \"a\" (a) is in partition fra, network \"b\" (b) in partition ber");
    }

    @Test
    void rule4OverlapOfTheTwoSides() {
        Network a = net("a", NetworkType.CHILD, "p1", "fra", 10, "10.0.0.0/22");
        Network b = net("b", NetworkType.CHILD, "p1", "fra", 11, "10.0.1.0/24");
        assertThatThrownBy(() -> rules.admit(a, b, LOCAL, graph)).isInstanceOf(DomainException.Conflict.class)
                .hasMessageContaining("prefix 10.0.1.0/24 of network \"b\" (b) overlaps prefix 10.0.0.0/22 of network \"a\" (a) in the vrf 10");
    }

    @Test
    void rule4OverlapWithAPeerOfEitherSideAndInIpv6() {
        Network a = net("a", NetworkType.CHILD, "p1", "fra", 10, "10.0.0.0/22", "2001:db8:1::/64");
        Network c = net("c", NetworkType.CHILD, "p1", "fra", 12, "10.0.8.0/22", "2001:db8:2::/64");
        peer("a-c", a, c);
        // b overlaps c in IPv6 only: in a's vrf c's and b's prefixes would collide
        Network b = net("b", NetworkType.CHILD, "p1", "fra", 11, "10.0.4.0/22", "2001:db8:2::/80");
        assertThatThrownBy(() -> rules.admit(b, a, LOCAL, graph)).isInstanceOf(DomainException.Conflict.class)
                .hasMessageContaining("prefix 2001:db8:2::/80 of network \"b\" (b) overlaps prefix 2001:db8:2::/64 of network \"c\" (c) in the vrf 10 of network \"a\" (a)");
        // the other direction: d peers with a and overlaps c's peer's prefix in c's vrf? no: only direct peers count
        Network d = net("d", NetworkType.CHILD, "p1", "fra", 13, "10.0.12.0/22");
        Network e = net("e", NetworkType.CHILD, "p1", "fra", 14, "10.0.12.0/24");
        peer("c-e", c, e);
        // in c's vrf, a (existing peer) and e are imported; admitting c-d puts d next to e
        assertThatThrownBy(() -> rules.admit(d, c, LOCAL, graph)).isInstanceOf(DomainException.Conflict.class)
                .hasMessageContaining("prefix 10.0.12.0/22 of network \"d\" (d) overlaps prefix 10.0.12.0/24 of network \"e\" (e) in the vrf 12 of network \"c\" (c)");
        // non-transitive: d may peer with a although a's peer c peers with e
        assertThat(rules.admit(d, a, LOCAL, graph).families()).containsExactly(AddressFamily.IPV4);
    }

    @Test
    void rule4DestinationPrefixesAreRoutesNotSpace() {
        Network a = net("a", NetworkType.CHILD, "p1", "fra", 10, "10.0.0.0/22", "2001:db8::/64");
        Network inet = internet(true, "0.0.0.0/0", "::/0");
        assertThat(rules.admit(a, inet, EXTERNAL, graph).families()).containsExactly(AddressFamily.IPV6);
    }

    @Test
    void rule5DuplicatePairInEitherOrder() {
        Network a = net("a", NetworkType.CHILD, "p1", "fra", 10, "10.0.0.0/22");
        Network b = net("b", NetworkType.CHILD, "p1", "fra", 11, "10.0.4.0/22");
        peer("a-b", a, b);
        assertThatThrownBy(() -> rules.admit(b, a, LOCAL, graph)).isInstanceOf(DomainException.Conflict.class)
                .hasMessageContaining("already peered by peering a-b");
    }

    @Test
    void rule5Quota() {
        PeeringRules two = new PeeringRules(2);
        Network a = net("a", NetworkType.CHILD, "p1", "fra", 10, "10.0.0.0/22");
        peer("a-b", a, net("b", NetworkType.CHILD, "p1", "fra", 11, "10.0.4.0/22"));
        peer("a-c", a, net("c", NetworkType.CHILD, "p1", "fra", 12, "10.0.8.0/22"));
        Network d = net("d", NetworkType.CHILD, "p1", "fra", 13, "10.0.12.0/22");
        assertThatThrownBy(() -> two.admit(d, a, LOCAL, graph)).isInstanceOf(DomainException.Conflict.class)
                .hasMessageContaining("network \"a\" (a) already has 2 peerings, the quota per network is 2");
        assertThatThrownBy(() -> new PeeringRules(0)).isInstanceOf(DomainException.Invalid.class);
    }

    @Test
    void rule6NoFamilyQualifies() {
        Network a = net("a", NetworkType.CHILD, "p1", "fra", 10, "10.0.0.0/22");
        Network inet = internet(true, "0.0.0.0/0", "::/0");
        assertThatThrownBy(() -> rules.admit(a, inet, EXTERNAL, graph)).isInstanceOf(DomainException.Unprocessable.class)
                .hasMessageContaining("have no address family to exchange")
                .hasMessageContaining("IPv4: network \"a\" (a) has private-use IPv4 prefixes and network \"internet\" (internet) needs NAT")
                .hasMessageContaining("IPv6: network \"a\" (a) has no IPv6 prefix");
    }

    @Test
    void externalPeeringNeedsAnExternalSideAndTwoExternalsNeverPeer() {
        Network a = net("a", NetworkType.CHILD, "p1", "fra", 10, "10.0.0.0/22");
        Network b = net("b", NetworkType.CHILD, "p1", "fra", 11, "10.0.4.0/22");
        assertThatThrownBy(() -> rules.admit(a, b, EXTERNAL, graph)).isInstanceOf(DomainException.Unprocessable.class)
                .hasMessageContaining("use peeringtype local");
        Network x = internet(true, "0.0.0.0/0");
        Network y = put(new Network(NetworkId.parse("mpls"), "mpls", "", Optional.empty(), Optional.empty(), Optional.empty(),
                NetworkType.EXTERNAL, List.of(IpPrefix.parse("100.0.0.0/24")), List.of(), Optional.of(Vni.of(200000)), Map.of(), false,
                Labels.of(Map.of(Labels.PEERABLE, "true")), T, T));
        assertThatThrownBy(() -> rules.admit(x, y, EXTERNAL, graph)).isInstanceOf(DomainException.Unprocessable.class)
                .hasMessageContaining("are both external");
    }

    @Test
    void recheckFindsPeeringsBrokenByANetworkChange() {
        Network a = net("a", NetworkType.CHILD, "p1", "fra", 10, "10.0.0.0/22");
        Network s = net("s", NetworkType.CHILD_SHARED, "p2", "fra", 11, "10.0.4.0/22");
        Network c = net("c", NetworkType.CHILD, "p1", "fra", 12, "10.0.8.0/22");
        Peering as = peer("a-s", a, s);
        peer("a-c", a, c);
        assertThat(rules.recheck(a.id(), graph)).isEmpty();
        // s is no longer shared: the cross-project peering a-s breaks, a-c stays fine
        net("s", NetworkType.CHILD, "p2", "fra", 11, "10.0.4.0/22");
        List<PeeringRules.Violation> v = rules.recheck(s.id(), graph);
        assertThat(v).extracting(PeeringRules.Violation::peering).containsExactly(as);
        assertThat(v.get(0).reason()).isInstanceOf(DomainException.Unprocessable.class).hasMessageContaining("peering across projects");
        // c grows into a's space
        net("c", NetworkType.CHILD, "p1", "fra", 12, "10.0.8.0/22", "10.0.0.0/24");
        assertThat(rules.recheck(c.id(), graph)).extracting(x -> x.peering().id().value()).containsExactly("a-c");
    }
}
