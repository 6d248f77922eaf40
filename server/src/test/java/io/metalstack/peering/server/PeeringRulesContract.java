package io.metalstack.peering.server;

import io.metalstack.peering.api.V1Network;
import io.metalstack.peering.api.V1Peering;
import io.metalstack.peering.api.fixture.FindRequest;
import io.metalstack.peering.api.fixture.PeeringRequest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The rules of a local peering, each asserted with status code and message; its update. */
abstract class PeeringRulesContract extends MetalApiContract {

    PeeringRulesContract(MetalApiFixture api) {
        super(api);
    }

    @Test
    void createsAPeeringOfTwoNetworksOfOneProject() {
        V1Network a = net("p1"), b = net("p1");
        V1Peering p = as("editor1").peerings().create(peering(a.id(), b.id()));
        assertThat(p.projectid()).isEqualTo("p1");
        assertThat(p.partitionid()).isEqualTo("fra");
        assertThat(p.origin()).isEqualTo("manual");
        // no machine on either network: no switch to wait for
        assertThat(p.status().phase()).isEqualTo("active");
        assertThat(p.status().families()).containsExactly("IPv4", "IPv6");
        assertThat(as("viewer1").peerings().get(p.id())).isEqualTo(p);
        // by unique name as well as by id
        V1Network c = net("p1");
        assertThat(as("owner1").peerings().create(peering(a.name(), c.name())).network2()).isEqualTo(c.id());
    }

    @Test
    void rule1SameNetworkWrongTypeAndUnknownNetwork() {
        V1Network a = net("p1");
        assertApiError(() -> as("owner1").peerings().create(peering(a.id(), a.id())), 422,
                "network \"" + a.name() + "\" (" + a.id() + ") cannot peer with itself");
        assertApiError(() -> as("owner1").peerings().create(peering(a.id(), "super-fra")), 422,
                "network \"super-fra\" (super-fra) is of type super: only child, child-shared and external networks can peer");
        assertApiError(() -> as("owner1").peerings().create(peering(a.id(), "no-such-network")), 404, "network no-such-network not found");
        assertApiError(() -> as("owner1").peerings().create(peering(a.id(), null)), 400, "field network2 is missing");
    }

    @Test
    void rule2CrossProjectRefusedExceptIntoASharedNetwork() {
        V1Network mine = net("p1");
        V1Network theirs = net("p2");
        // p1 cannot even see p2's private network: 404, its existence does not leak
        assertApiError(() -> as("owner1").peerings().create(peering(mine.id(), theirs.id())), 404, "network " + theirs.id() + " not found");
        // the admin sees both and gets the rule's message
        assertApiError(() -> admin().peerings().create(peering(mine.id(), theirs.id())), 422,
                "network \"" + mine.name() + "\" (" + mine.id() + ") belongs to project p1, network \"" + theirs.name() + "\" ("
                        + theirs.id() + ") to project p2: peering across projects is allowed only into a shared network or a peerable external network");
        V1Network storage = allocate("owner2", "p2", "fra", true);
        assertThat(storage.networktype()).isEqualTo("child-shared");
        V1Peering p = as("owner1").peerings().create(peering(mine.id(), storage.id()));
        assertThat(p.projectid()).isEqualTo("p1");
    }

    @Test
    void rule2ExternalMustBePeerable() {
        V1Network mine = net("p1");
        assertApiError(() -> as("owner1").peerings().create(peering(mine.id(), "corp")), 422,
                "network \"corp\" (corp) is an external network that is not marked peerable: an admin must set the label network.metal-stack.io/peerable=true");
    }

    @Test
    void rule3PrivatePairsStayInOnePartition() {
        V1Network fra = net("p1");
        V1Network ber = allocate("owner1", "p1", "ber", false);
        assertApiError(() -> as("owner1").peerings().create(peering(fra.id(), ber.id())), 422,
                "is in partition fra", "in partition ber: a local peering of private networks must stay in one partition");
    }

    @Test
    void rule4NoOverlapInAnyVrf() {
        V1Network a = net("p1");
        external(name("ov"), 200001, false, "192.0.2.0/24");
        V1Network e1 = admin().findNetworks(FindRequest.networksOfType("external")).stream()
                .filter(n -> n.prefixes().contains("192.0.2.0/24")).findFirst().orElseThrow();
        V1Network e2 = external(name("ov"), 200002, false, "192.0.2.128/25");
        as("owner1").peerings().create(peering(a.id(), e1.id()));
        // in a's vrf e1's 192.0.2.0/24 would meet e2's 192.0.2.128/25
        assertApiError(() -> as("owner1").peerings().create(peering(a.id(), e2.id())), 409,
                "prefix 192.0.2.128/25 of network \"" + e2.name() + "\" (" + e2.id() + ") overlaps prefix 192.0.2.0/24 of network \""
                        + e1.name() + "\" (" + e1.id() + ") in the vrf " + a.vrf());
        // a network's own prefixes count too
        V1Network e3 = external(name("ov"), 200003, false, a.prefixes().get(0).replace("/22", "/24"));
        assertApiError(() -> as("owner1").peerings().create(peering(a.id(), e3.id())), 409,
                "overlaps prefix " + a.prefixes().get(0) + " of network \"" + a.name() + "\"");
    }

    @Test
    void rule5OnePeeringPerPairAndAQuota() {
        V1Network a = net("p1"), b = net("p1");
        V1Peering first = as("owner1").peerings().create(peering(a.id(), b.id()));
        assertApiError(() -> as("owner1").peerings().create(peering(b.id(), a.id())), 409,
                "are already peered by peering " + first.id() + ": one peering per pair of networks");
        for (int i = 1; i < QUOTA; i++) {
            as("owner1").peerings().create(peering(a.id(), net("p1").id()));
        }
        V1Network extra = net("p1");
        assertApiError(() -> as("owner1").peerings().create(peering(extra.id(), a.id())), 409,
                "network \"" + a.name() + "\" (" + a.id() + ") already has " + QUOTA + " peerings, the quota per network is " + QUOTA);
    }

    @Test
    void rule6FamiliesThatQualifyAndNoneQualifying() {
        V1Network v4only = allocate("owner1", "p1", "fra", false, "IPv4");
        assertApiError(() -> as("owner1").peerings().create(peering(v4only.id(), "internet")), 422,
                "have no address family to exchange",
                "IPv4: network \"" + v4only.name() + "\" (" + v4only.id() + ") has private-use IPv4 prefixes and network \"internet\" (internet) needs NAT",
                "IPv6: network \"" + v4only.name() + "\" (" + v4only.id() + ") has no IPv6 prefix");
        // dual-stack with public (documentation) IPv6: peers with the internet over IPv6 only
        V1Network dual = net("p1");
        V1Peering p = as("owner1").peerings().create(peering(dual.id(), "internet"));
        assertThat(p.status().families()).containsExactly("IPv6");
        assertThat(p.status().omitted()).containsOnlyKeys("IPv4");
        assertThat(p.status().omitted().get("IPv4")).contains("private-use IPv4 prefixes");
    }

    /** A peering whose networks have no machine anywhere affects no switch: active at once, with a NoSwitch condition. */
    @Test
    void aPeeringThatAffectsNoSwitchIsActive() {
        V1Network a = net("p1"), b = net("p1");
        V1Peering p = as("owner1").peerings().create(peering(a.id(), b.id()));
        assertThat(p.status().phase()).isEqualTo("active");
        assertThat(p.status().conditions()).singleElement().satisfies(c -> {
            assertThat(c.type()).isEqualTo("NoSwitch");
            assertThat(c.message()).contains(a.id()).contains("takes effect when a machine is allocated");
        });
        assertThat(as("owner1").peerings().get(p.id()).status().phase()).isEqualTo("active");
    }

    @Test
    void optimisticLockOnChanged() {
        V1Network a = net("p1"), b = net("p1");
        V1Peering p = as("owner1").peerings().create(peering(a.id(), b.id()));
        V1Peering first = as("owner1").peerings().update(PeeringRequest.update(p).name("renamed").description("d")
                .labels(Map.of("k", "v")).build());
        assertThat(first.name()).isEqualTo("renamed");
        assertThat(first.labels()).containsEntry("k", "v");
        assertApiError(() -> as("owner1").peerings().update(PeeringRequest.update(p).name("stale").build()), 409,
                "peering " + p.id() + " was changed at");
        assertApiError(() -> as("owner1").peerings().update(PeeringRequest.update(first).name("x").network2("internet").build()), 422,
                "network1, network2, peeringtype and bgp cannot change");
    }
}
