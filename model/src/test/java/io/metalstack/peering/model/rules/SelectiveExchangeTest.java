package io.metalstack.peering.model.rules;

import io.metalstack.peering.model.AddressFamily;
import io.metalstack.peering.model.DomainException;
import io.metalstack.peering.model.ExchangedPrefixes;
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
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

import static io.metalstack.peering.model.PeeringType.EXTERNAL;
import static io.metalstack.peering.model.PeeringType.LOCAL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Selective exchange: what a side of a local peering may select, and that an import carries exactly the selection. */
class SelectiveExchangeTest {

    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    private static Network net(String id, NetworkType type, String... prefixes) {
        return new Network(NetworkId.parse(id), id, "", Optional.of(PartitionId.parse("fra")), Optional.of(ProjectId.parse("p1")),
                Optional.empty(), type, Arrays.stream(prefixes).map(IpPrefix::parse).toList(), List.of(),
                Optional.of(Vni.of(id.hashCode() & 0xffff | 1)), Map.of(), false, Labels.EMPTY, T, T);
    }

    private static final Network A = net("a", NetworkType.CHILD, "10.0.0.0/22", "2001:db8::/64")
            .withAdditionalAnnouncable(List.of(IpPrefix.parse("10.240.0.0/16")));
    private static final Network B = net("b", NetworkType.CHILD, "10.0.4.0/22");
    private static final Network INTERNET = new Network(NetworkId.parse("internet"), "internet", "", Optional.empty(), Optional.empty(),
            Optional.empty(), NetworkType.EXTERNAL, List.of(IpPrefix.parse("185.1.2.0/24")),
            List.of(IpPrefix.parse("0.0.0.0/0"), IpPrefix.parse("::/0")), Optional.of(Vni.of(104009)), Map.of(), true,
            Labels.of(Map.of(Labels.PEERABLE, "true")), T, T);

    private static Optional<List<IpPrefix>> list(String... prefixes) {
        return Optional.of(Arrays.stream(prefixes).map(IpPrefix::parse).toList());
    }

    private static ExchangedPrefixes of1(String... prefixes) {
        return new ExchangedPrefixes(list(prefixes), Optional.empty());
    }

    private static void check(Network n1, Network n2, PeeringType type, ExchangedPrefixes e) {
        SelectiveExchange.check(n1, Optional.of(n2), type, e);
    }

    @Test
    void aSelectionInsideTheOwnPrefixesOrAdditionalPrefixesIsAdmitted() {
        assertThatCode(() -> check(A, B, LOCAL, new ExchangedPrefixes(list("10.0.1.0/24", "10.0.0.0/24", "10.240.7.0/24"),
                list("10.0.4.0/22")))).doesNotThrowAnyException();
        assertThatCode(() -> check(A, B, LOCAL, ExchangedPrefixes.ALL)).doesNotThrowAnyException();
    }

    @Test
    void aPrefixOutsideTheNetworkIsRefusedNamingItAndTheSpace() {
        assertThatThrownBy(() -> check(A, B, LOCAL, of1("10.0.4.0/24")))
                .isInstanceOf(DomainException.Unprocessable.class)
                .hasMessage("exchange.network1: 10.0.4.0/24 is not inside the address space of network \"a\" (a) (10.0.0.0/22, "
                        + "10.240.0.0/16): list only parts of the network's own prefixes and additional announcable prefixes");
        // a supernet of the network's prefix is not inside it
        assertThatThrownBy(() -> check(A, B, LOCAL, new ExchangedPrefixes(Optional.empty(), list("10.0.0.0/21"))))
                .isInstanceOf(DomainException.Unprocessable.class).hasMessageContaining("exchange.network2: 10.0.0.0/21 is not inside");
    }

    @Test
    void aPrefixOfAFamilyThePeeringDoesNotExchangeIsRefusedWithTheReason() {
        assertThatThrownBy(() -> check(A, B, LOCAL, of1("2001:db8::/80")))
                .isInstanceOf(DomainException.Unprocessable.class)
                .hasMessage("exchange.network1: 2001:db8::/80 is IPv6, which network \"a\" (a) and network \"b\" (b) do not exchange "
                        + "(network \"b\" (b) has no IPv6 prefix): list prefixes of IPv4 only");
        // rule 6: private-use IPv4 never goes to an external network that needs NAT
        assertThatThrownBy(() -> check(A, INTERNET, LOCAL, of1("10.0.0.0/24")))
                .isInstanceOf(DomainException.Unprocessable.class)
                .hasMessageContaining("10.0.0.0/24 is IPv4, which").hasMessageContaining("needs NAT");
    }

    @Test
    void anExternalSideSelectsOnlyItsOwnPrefixesNeverItsDestinations() {
        Network routable = net("c", NetworkType.CHILD, "185.9.0.0/24");
        assertThatCode(() -> check(routable, INTERNET, LOCAL, new ExchangedPrefixes(Optional.empty(), list("185.1.2.0/25"))))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> check(routable, INTERNET, LOCAL, new ExchangedPrefixes(Optional.empty(), list("0.0.0.0/0"))))
                .isInstanceOf(DomainException.Unprocessable.class)
                .hasMessageContaining("exchange.network2: 0.0.0.0/0 is not inside the address space of network \"internet\" (internet) (185.1.2.0/24)");
    }

    @Test
    void anExternalPeeringSelectsNothing() {
        assertThatThrownBy(() -> check(A, INTERNET, EXTERNAL, of1("2001:db8::/80")))
                .isInstanceOf(DomainException.Unprocessable.class)
                .hasMessageStartingWith("exchange selects prefixes of a local peering only: an external peering announces what its bgp "
                        + "block's exportprefixes list");
        assertThatThrownBy(() -> SelectiveExchange.check(A, Optional.empty(), EXTERNAL, of1("2001:db8::/80")))
                .isInstanceOf(DomainException.Unprocessable.class);
        assertThatCode(() -> SelectiveExchange.check(A, Optional.empty(), EXTERNAL, ExchangedPrefixes.ALL)).doesNotThrowAnyException();
    }

    @Test
    void theListsMustBeNonEmptyShortAndWithoutRepeats() {
        assertThatThrownBy(() -> check(A, B, LOCAL, new ExchangedPrefixes(Optional.of(List.of()), Optional.empty())))
                .isInstanceOf(DomainException.Invalid.class)
                .hasMessage("exchange.network1 is empty: list at least one prefix network1 may reach, or leave exchange.network1 out for all of its prefixes");
        assertThatThrownBy(() -> check(A, B, LOCAL, of1("10.0.0.0/24", "10.0.0.0/24")))
                .isInstanceOf(DomainException.Invalid.class).hasMessage("exchange.network1 lists 10.0.0.0/24 twice: list each prefix once");
        assertThatThrownBy(() -> check(A, B, LOCAL, of1("10.0.0.128/25", "10.0.0.0/24")))
                .isInstanceOf(DomainException.Invalid.class)
                .hasMessage("exchange.network1 lists 10.0.0.128/25, which lies inside 10.0.0.0/24, also listed: list each address range once");
        String[] many = IntStream.range(0, SelectiveExchange.MAX_PREFIXES + 1).mapToObj(i -> "10.0.0." + (i * 4) + "/30").toArray(String[]::new);
        assertThatThrownBy(() -> check(A, B, LOCAL, of1(many)))
                .isInstanceOf(DomainException.Invalid.class).hasMessage("exchange.network1 lists 33 prefixes: at most 32 are allowed, use shorter prefixes that cover them");
        assertThatCode(() -> check(A, B, LOCAL, of1(Arrays.copyOf(many, SelectiveExchange.MAX_PREFIXES)))).doesNotThrowAnyException();
    }

    @Test
    void theImportCarriesExactlyTheSelectionSplitIntoRoutesAndAdditionalPrefixes() {
        var families = java.util.Set.of(AddressFamily.IPV4);
        Exchange.Imported all = Exchange.imported(A, B, families, Optional.empty());
        assertThat(all.routes()).containsExactly(IpPrefix.parse("10.0.0.0/22"));
        assertThat(all.additional()).containsExactly(IpPrefix.parse("10.240.0.0/16"));
        Exchange.Imported some = Exchange.imported(A, B, families, list("10.240.7.0/24", "10.0.1.0/24", "10.9.0.0/24"));
        // outside (never admitted) is dropped, never widened
        assertThat(some.routes()).containsExactly(IpPrefix.parse("10.0.1.0/24"));
        assertThat(some.additional()).containsExactly(IpPrefix.parse("10.240.7.0/24"));
    }

    @Test
    void aNetworkChangeThatLeavesASelectionOutsideBreaksThePeering() {
        Peering p = new Peering(PeeringId.parse("a-b"), "a-b", "", A.project(), A.partition(), A.id(), Optional.of(B.id()), LOCAL,
                Optional.empty(), PeeringOrigin.MANUAL, Labels.EMPTY, T, T, true, of1("10.0.1.0/24"));
        Network shrunk = net("a", NetworkType.CHILD, "10.0.0.0/24", "2001:db8::/64");
        List<PeeringRules.Violation> broken = new PeeringRules(PeeringRules.DEFAULT_QUOTA).recheck(A.id(), graph(p, shrunk, B));
        assertThat(broken).hasSize(1);
        assertThat(broken.get(0).reason()).isInstanceOf(DomainException.Unprocessable.class)
                .hasMessageContaining("exchange.network1: 10.0.1.0/24 is not inside the address space of network \"a\" (a) (10.0.0.0/24)");
        assertThat(new PeeringRules(PeeringRules.DEFAULT_QUOTA).recheck(A.id(), graph(p, A, B))).isEmpty();
    }

    private static PeeringGraph graph(Peering p, Network... ns) {
        Map<NetworkId, Network> networks = new java.util.HashMap<>();
        Arrays.stream(ns).forEach(n -> networks.put(n.id(), n));
        return new PeeringGraph() {
            @Override
            public Network network(NetworkId id) {
                return networks.get(id);
            }

            @Override
            public List<Peering> peeringsOf(NetworkId network) {
                return p.involves(network) ? List.of(p) : List.of();
            }
        };
    }
}
