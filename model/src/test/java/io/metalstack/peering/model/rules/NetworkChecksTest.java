package io.metalstack.peering.model.rules;

import io.metalstack.peering.model.AddressFamily;
import io.metalstack.peering.model.DomainException;
import io.metalstack.peering.model.IpPrefix;
import io.metalstack.peering.model.Labels;
import io.metalstack.peering.model.Network;
import io.metalstack.peering.model.NetworkId;
import io.metalstack.peering.model.NetworkType;
import io.metalstack.peering.model.PartitionId;
import io.metalstack.peering.model.ProjectId;
import io.metalstack.peering.model.Vni;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NetworkChecksTest {

    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");
    private static final Optional<PartitionId> FRA = Optional.of(PartitionId.parse("fra"));

    private static Network net(NetworkType type, Optional<PartitionId> partition, Optional<ProjectId> project, Optional<Vni> vrf,
                               Map<AddressFamily, Integer> lengths, String... prefixes) {
        return new Network(NetworkId.parse("n"), "", "", partition, project, Optional.empty(), type,
                Arrays.stream(prefixes).map(IpPrefix::parse).toList(), List.of(), vrf, lengths, false, Labels.EMPTY, T, T);
    }

    private static Network superNet(String... prefixes) {
        return net(NetworkType.SUPER, FRA, Optional.empty(), Optional.empty(), Map.of(AddressFamily.IPV4, 22), prefixes);
    }

    private static Network child(String project, String... prefixes) {
        return net(NetworkType.CHILD, FRA, Optional.of(ProjectId.parse(project)), Optional.of(Vni.of(20)), Map.of(), prefixes);
    }

    @Test
    void aCompleteSuperUnderlayOrExternalNetworkIsCreated() {
        assertThatCode(() -> NetworkChecks.checkCreate(superNet("10.0.0.0/16"))).doesNotThrowAnyException();
        assertThatCode(() -> NetworkChecks.checkCreate(net(NetworkType.UNDERLAY, FRA, Optional.empty(), Optional.empty(), Map.of(),
                "10.255.0.0/24"))).doesNotThrowAnyException();
        assertThatCode(() -> NetworkChecks.checkCreate(net(NetworkType.EXTERNAL, Optional.empty(), Optional.empty(), Optional.of(Vni.of(104009)),
                Map.of(), "185.1.0.0/24"))).doesNotThrowAnyException();
    }

    @Test
    void childrenAreAllocatedNotCreated() {
        assertThatThrownBy(() -> NetworkChecks.checkCreate(child("p1", "10.0.0.0/22")))
                .isInstanceOf(DomainException.Unprocessable.class).hasMessageContaining("use POST /v1/network/allocate");
    }

    @Test
    void aSuperNetworkNeedsPrefixesADefaultLengthPerFamilyAndNoVrf() {
        assertThatThrownBy(() -> NetworkChecks.checkCreate(superNet()))
                .hasMessage("super network n needs partitionid and prefixes");
        assertThatThrownBy(() -> NetworkChecks.checkCreate(superNet("10.0.0.0/16", "2001:db8::/48")))
                .hasMessage("super network n has IPv6 prefixes but no defaultchildprefixlength for IPv6: add e.g. {\"IPv6\": 64}");
        assertThatThrownBy(() -> NetworkChecks.checkCreate(net(NetworkType.SUPER, FRA, Optional.empty(), Optional.of(Vni.of(10)),
                Map.of(AddressFamily.IPV4, 22), "10.0.0.0/16")))
                .hasMessage("super network n must not have a vrf: its children get theirs from the pool");
    }

    @Test
    void anUnderlayNeedsAPartitionAndAnExternalNetworkAVrfAndPrefixes() {
        assertThatThrownBy(() -> NetworkChecks.checkCreate(net(NetworkType.UNDERLAY, Optional.empty(), Optional.empty(), Optional.empty(),
                Map.of(), "10.255.0.0/24"))).hasMessage("underlay network n needs partitionid and prefixes");
        assertThatThrownBy(() -> NetworkChecks.checkCreate(net(NetworkType.EXTERNAL, Optional.empty(), Optional.empty(), Optional.empty(),
                Map.of(), "185.1.0.0/24"))).hasMessageContaining("external network n needs an explicit vrf");
        assertThatThrownBy(() -> NetworkChecks.checkCreate(net(NetworkType.EXTERNAL, Optional.empty(), Optional.empty(),
                Optional.of(Vni.of(104009)), Map.of()))).hasMessage("external network n needs prefixes or destinationprefixes");
    }

    @Test
    void anAdminNetworkBelongsToNoProject() {
        assertThatThrownBy(() -> NetworkChecks.checkCreate(net(NetworkType.UNDERLAY, FRA, Optional.of(ProjectId.parse("p1")), Optional.empty(),
                Map.of(), "10.255.0.0/24"))).hasMessage("underlay network n must not belong to a project");
    }

    @Test
    void additionalAnnouncableCidrsOnlyOnSuperAndPrivateNetworksAtMost32AndNoDefaultRoute() {
        assertThatCode(() -> NetworkChecks.checkAdditionalAnnouncable(child("p1", "10.0.0.0/22")
                .withAdditionalAnnouncable(List.of(IpPrefix.parse("10.240.0.0/12"))))).doesNotThrowAnyException();
        assertThatThrownBy(() -> NetworkChecks.checkCreate(net(NetworkType.UNDERLAY, FRA, Optional.empty(), Optional.empty(), Map.of(),
                "10.255.0.0/24").withAdditionalAnnouncable(List.of(IpPrefix.parse("10.240.0.0/12")))))
                .hasMessageContaining("additionalannouncablecidrs are allowed on super, child and child-shared networks only");
        List<IpPrefix> many = IntStream.range(0, NetworkChecks.MAX_ADDITIONAL_ANNOUNCABLE + 1)
                .mapToObj(i -> IpPrefix.parse("10." + (100 + i) + ".0.0/16")).toList();
        assertThatCode(() -> NetworkChecks.checkAdditionalAnnouncable(child("p1").withAdditionalAnnouncable(many.subList(0, 32))))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> NetworkChecks.checkAdditionalAnnouncable(child("p1").withAdditionalAnnouncable(many)))
                .hasMessage("network n has 33 additionalannouncablecidrs: at most 32 are allowed");
        assertThatThrownBy(() -> NetworkChecks.checkAdditionalAnnouncable(superNet("10.0.0.0/16")
                .withAdditionalAnnouncable(List.of(IpPrefix.parse("0.0.0.0/0")))))
                .hasMessageContaining("0.0.0.0/0 is a default route");
    }

    @Test
    void anUpdateKeepsPlaceAndVrfAndMayOnlyFlipSharing() {
        Network old = child("p1", "10.0.0.0/22");
        Network shared = new Network(old.id(), old.name(), old.description(), old.partition(), old.project(), old.parent(),
                NetworkType.CHILD_SHARED, old.prefixes(), old.destinationPrefixes(), old.vrf(), old.defaultChildPrefixLength(), old.nat(),
                old.labels(), T, T);
        assertThatCode(() -> NetworkChecks.checkFixed(old, shared)).doesNotThrowAnyException();
        assertThatThrownBy(() -> NetworkChecks.checkFixed(old, child("p2", "10.0.0.0/22")))
                .isInstanceOf(DomainException.Unprocessable.class).hasMessageContaining("cannot change");
        Network otherVrf = net(NetworkType.CHILD, FRA, old.project(), Optional.of(Vni.of(21)), Map.of(), "10.0.0.0/22");
        assertThatThrownBy(() -> NetworkChecks.checkFixed(old, otherVrf)).isInstanceOf(DomainException.Unprocessable.class);
        Network external = net(NetworkType.EXTERNAL, FRA, old.project(), old.vrf(), Map.of(), "10.0.0.0/22");
        assertThatThrownBy(() -> NetworkChecks.checkFixed(old, external)).isInstanceOf(DomainException.Unprocessable.class);
    }

    @Test
    void addressSpaceAndThePeerableLabelAreAdminFieldsNameAndOtherLabelsAreNot() {
        Network old = child("p1", "10.0.0.0/22");
        assertThat(NetworkChecks.changesAdminFields(old, old)).isFalse();
        Network renamed = new Network(old.id(), "new name", "new description", old.partition(), old.project(), old.parent(), old.type(),
                old.prefixes(), old.destinationPrefixes(), old.vrf(), old.defaultChildPrefixLength(), old.nat(),
                Labels.of(Map.of("team", "a")), T, T);
        assertThat(NetworkChecks.changesAdminFields(old, renamed)).isFalse();
        assertThat(NetworkChecks.changesAdminFields(old, child("p1", "10.0.4.0/22"))).isTrue();
        assertThat(NetworkChecks.changesAdminFields(old, old.withAdditionalAnnouncable(List.of(IpPrefix.parse("10.240.0.0/12"))))).isTrue();
        Network peerable = new Network(old.id(), old.name(), old.description(), old.partition(), old.project(), old.parent(), old.type(),
                old.prefixes(), old.destinationPrefixes(), old.vrf(), old.defaultChildPrefixLength(), old.nat(),
                Labels.of(Map.of(Labels.PEERABLE, "true")), T, T);
        assertThat(NetworkChecks.changesAdminFields(old, peerable)).isTrue();
        Network nat = new Network(old.id(), old.name(), old.description(), old.partition(), old.project(), old.parent(), old.type(),
                old.prefixes(), old.destinationPrefixes(), old.vrf(), old.defaultChildPrefixLength(), true, old.labels(), T, T);
        assertThat(NetworkChecks.changesAdminFields(old, nat)).isTrue();
    }
}
