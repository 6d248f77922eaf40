package io.metalstack.peering.server;

import io.metalstack.peering.api.V1Bgp;
import io.metalstack.peering.api.V1Network;
import io.metalstack.peering.api.V1Peering;
import io.metalstack.peering.api.V1SwitchIntent;
import io.metalstack.peering.api.fixture.PeeringRequest;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Disable without delete: {@code enabled} false keeps a peering (and its place in the rules) and withdraws it from every switch. */
abstract class DisabledPeeringContract extends MetalApiContract {

    DisabledPeeringContract(MetalApiFixture api) {
        super(api);
    }

    @Test
    void disableWithdrawsEnableRestores() {
        V1Network a = net("p1"), b = net("p1");
        String leaf = leafWith(4200000031L, "10.255.0.31", a, b);
        V1SwitchIntent alone = intentOf(leaf);
        V1Peering p = as("editor1").peerings().create(peering(a.id(), b.id()));
        assertThat(p.enabled()).isTrue();
        V1SwitchIntent peered = intentOf(leaf);
        assertThat(peered.vrfs()).isNotEqualTo(alone.vrfs());
        assertThat(peered.vrfs()).anySatisfy(v -> assertThat(v.imports()).isNotEmpty());

        // a viewer may not; the update's optimistic lock holds as for any other field
        assertApiError(() -> as("viewer1").peerings().update(PeeringRequest.update(p).enabled(false).build()), 403);
        V1Peering disabled = as("editor1").peerings().update(PeeringRequest.update(p).name(p.name()).enabled(false).build());
        assertThat(disabled.enabled()).isFalse();
        assertThat(disabled.status().phase()).isEqualTo("disabled");
        assertThat(disabled.status().message()).contains("withdrawn from every switch");
        assertThat(disabled.status().switches()).isNullOrEmpty();
        assertThat(intentOf(leaf).vrfs()).isEqualTo(alone.vrfs());
        assertThat(as("viewer1").peerings().get(p.id())).isEqualTo(disabled);
        assertThat(as("viewer1").peerings().list()).filteredOn(x -> x.id().equals(p.id())).singleElement()
                .satisfies(x -> assertThat(x.enabled()).isFalse());
        assertApiError(() -> as("editor1").peerings().update(PeeringRequest.update(p).enabled(true).build()), 409,
                "peering " + p.id() + " was changed at");
        // an update that does not send enabled keeps it
        V1Peering renamed = as("editor1").peerings().update(PeeringRequest.update(disabled).name("renamed").build());
        assertThat(renamed.enabled()).isFalse();
        assertThat(intentOf(leaf).vrfs()).isEqualTo(alone.vrfs());

        // it keeps its place: the pair is still peered
        assertApiError(() -> as("editor1").peerings().create(peering(b.id(), a.id())), 409, "are already peered by peering " + p.id());

        V1Peering enabled = as("editor1").peerings().update(PeeringRequest.update(renamed).name("renamed").enabled(true).build());
        assertThat(enabled.enabled()).isTrue();
        assertThat(enabled.status().phase()).isNotEqualTo("disabled");
        assertThat(enabled.status().switches()).extracting(s -> s.switchid()).containsExactly(leaf);
        assertThat(intentOf(leaf).vrfs()).isEqualTo(peered.vrfs());
        giveBack(List.of(p), a, b);
    }

    @Test
    void createdDisabled() {
        V1Network a = net("p1"), b = net("p1");
        String leaf = leafWith(4200000032L, "10.255.0.32", a, b);
        V1SwitchIntent alone = intentOf(leaf);
        V1Peering p = as("owner1").peerings().create(PeeringRequest.local(a.id(), b.id()).name(name("pe")).enabled(false).build());
        assertThat(p.enabled()).isFalse();
        assertThat(p.status().phase()).isEqualTo("disabled");
        assertThat(p.status().families()).containsExactly("IPv4", "IPv6");
        assertThat(intentOf(leaf).vrfs()).isEqualTo(alone.vrfs());
        V1Peering enabled = as("owner1").peerings().update(PeeringRequest.update(p).name(p.name()).enabled(true).build());
        assertThat(enabled.status().phase()).isEqualTo("pending");
        assertThat(intentOf(leaf).vrfs()).anySatisfy(v -> assertThat(v.imports()).isNotEmpty());
        giveBack(List.of(p), a, b);
    }

    /** Disabled is no way around the rules: refused with the same answer as an enabled one, and it counts toward the quota. */
    @Test
    void rulesHoldWhenDisabled() {
        V1Network mine = net("p1"), theirs = net("p2");
        assertApiError(() -> admin().peerings().create(PeeringRequest.local(mine.id(), theirs.id()).enabled(false).build()), 422,
                "peering across projects is allowed only into a shared network or a peerable external network");
        List<V1Network> nets = new java.util.ArrayList<>(List.of(mine));
        List<V1Peering> peerings = new java.util.ArrayList<>();
        for (int i = 0; i < QUOTA; i++) {
            nets.add(net("p1"));
            peerings.add(as("owner1").peerings().create(PeeringRequest.local(mine.id(), nets.get(i + 1).id()).name(name("pe"))
                    .enabled(i % 2 == 0 ? false : null).build()));
        }
        assertApiError(() -> as("owner1").peerings().create(peering(nets.get(1).id(), mine.id())), 409, "are already peered by peering");
        assertApiError(() -> as("owner1").peerings().create(PeeringRequest.local(mine.id(), "internet").enabled(false).build()), 409,
                "already has " + QUOTA + " peerings, the quota per network is " + QUOTA);
        // the suite's networks share one super network: give the address space back
        peerings.forEach(p -> as("owner1").peerings().delete(p.id()));
        nets.forEach(n -> as("owner1").freeNetwork(n.id()));
        as("owner2").freeNetwork(theirs.id());
    }

    @Test
    void externalDisabled() {
        String exit = exitSwitch(21, "Ethernet0");
        V1Network dual = net("p1");
        V1Bgp bgp = new V1Bgp(new V1Bgp.Local(65000L, "2001:db8:fd::1", "Ethernet0@" + exit), new V1Bgp.Remote(65001L, "2001:db8:fd::2"));
        V1Peering p = admin().peerings().create(PeeringRequest.external("internet", dual.id(), bgp).name(name("ext")).enabled(false).build());
        assertThat(p.status().phase()).isEqualTo("disabled");
        assertThat(intentOf(exit).external()).isEmpty();
        // the port stays taken by the disabled peering
        assertApiError(() -> admin().peerings().create(PeeringRequest.external("internet", null, bgp).build()), 409, "already uses it");
        V1Peering enabled = admin().peerings().update(PeeringRequest.update(p).name(p.name()).enabled(true).build());
        assertThat(enabled.enabled()).isTrue();
        assertThat(intentOf(exit).external()).singleElement().satisfies(x -> assertThat(x.peeringid()).isEqualTo(p.id()));
        admin().peerings().update(PeeringRequest.update(enabled).name(p.name()).enabled(false).build());
        assertThat(intentOf(exit).external()).isEmpty();
        giveBack(List.of(p), dual);
    }
}
