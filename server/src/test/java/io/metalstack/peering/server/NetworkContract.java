package io.metalstack.peering.server;

import io.metalstack.peering.api.V1Machine;
import io.metalstack.peering.api.V1MachineAllocation;
import io.metalstack.peering.api.V1Network;
import io.metalstack.peering.api.V1NetworkFindRequest;
import io.metalstack.peering.api.V1Peering;
import io.metalstack.peering.api.V1Switch;
import io.metalstack.peering.api.V1SwitchPort;
import io.metalstack.peering.api.fixture.FindRequest;
import io.metalstack.peering.api.fixture.MachineRequest;
import io.metalstack.peering.api.fixture.NetworkRequest;
import io.metalstack.peering.api.fixture.SwitchRequest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Networks: create and update by the admin, allocate and free by the tenant, find; machines and the VRF on their switch ports. */
abstract class NetworkContract extends MetalApiContract {

    NetworkContract(MetalApiFixture api) {
        super(api);
    }

    @Test
    void additionalAnnouncableCidrsAreSetByTheAdminOnPrivateAndSuperNetworksAndCountForOverlap() {
        V1Network a = net("p1"), b = net("p1");
        V1Network withPods = copyWithAdditional(a, List.of("10.240.0.0/16", "10.250.0.0/20"));
        // a tenant may not widen what its machines may announce
        assertApiError(() -> as("owner1").networks().update(withPods), 403, "additionalannouncablecidrs", "needs the admin role");
        V1Network updated = admin().networks().update(withPods);
        assertThat(updated.additionalannouncablecidrs()).containsExactly("10.240.0.0/16", "10.250.0.0/20");
        // metal-api's spelling is read too, and the tenant sees the field
        assertThat(as("viewer1").networks().get(a.id()).additionalannouncablecidrs()).containsExactly("10.240.0.0/16", "10.250.0.0/20");
        // not on an external network, never a default route, a valid prefix
        V1Network internet = admin().networks().get("internet");
        assertApiError(() -> admin().networks().update(copyWithAdditional(internet, List.of("10.240.0.0/16"))), 400,
                "additionalannouncablecidrs are allowed on super, child and child-shared networks only");
        V1Network current = admin().networks().get(b.id());
        assertApiError(() -> admin().networks().update(copyWithAdditional(current, List.of("0.0.0.0/0"))), 400,
                "0.0.0.0/0 is a default route");
        assertApiError(() -> admin().networks().update(copyWithAdditional(current, List.of("10.240.0.0/33"))), 400, "10.240.0.0/33");
        // b's pods would overlap a's in the peered VRFs: the peering is refused, naming both
        admin().networks().update(copyWithAdditional(current, List.of("10.240.128.0/17")));
        assertApiError(() -> as("owner1").peerings().create(peering(a.id(), b.id())), 409,
                "prefix 10.240.128.0/17 of network \"" + b.name() + "\"", "overlaps prefix 10.240.0.0/16 of network \"" + a.name() + "\"");
        // with disjoint pod CIDRs they peer, and a change that would overlap again is refused
        V1Network b2 = admin().networks().update(copyWithAdditional(admin().networks().get(b.id()), List.of("10.241.0.0/16")));
        as("owner1").peerings().create(peering(a.id(), b.id()));
        assertApiError(() -> admin().networks().update(copyWithAdditional(b2, List.of("10.240.7.0/24"))), 409,
                "would break peering", "10.240.7.0/24");
    }

    @Test
    void recheckRefusesANetworkChangeThatWouldBreakAPeering() {
        V1Network mine = net("p1");
        V1Network storage = allocate("owner2", "p2", "fra", true);
        V1Peering p = as("owner1").peerings().create(peering(mine.id(), storage.id()));
        V1Network unshared = NetworkRequest.update(storage).type("child").childLengths(null).shared(false).build();
        assertApiError(() -> as("owner2").networks().update(unshared), 422,
                "would break peering " + p.id(), "peering across projects is allowed only into a shared network");
        // a harmless change passes
        V1Network renamed = NetworkRequest.update(storage).name("storage-renamed").childLengths(null).shared(true).build();
        assertThat(as("owner2").networks().update(renamed).name()).isEqualTo("storage-renamed");
    }

    @Test
    void machinesCarryTheirNetworksVrfOnTheirSwitchPorts() {
        String leaf = name("leaf");
        admin().switches().create(SwitchRequest.of(leaf, "fra", "leaf", "Cumulus").place("r1", "room1").bgp(4200000011L, "10.255.0.11")
                .ports("swp1", "swp2").uplinks("swp31").build());
        String m = name("m"), fw = name("fw");
        admin().machines().create(MachineRequest.machine(m, "fra").name("m").connectedTo(leaf, "swp1").build());
        admin().machines().create(MachineRequest.firewall(fw, "fra").name("fw").connectedTo(leaf, "swp2").build());
        assertApiError(() -> admin().machines().create(MachineRequest.machine(name("m-dup"), "fra").connectedTo(leaf, "swp1").build()),
                409, "port swp1@" + leaf + " is already connected to machine " + m);
        V1Network a = net("p1");
        V1Network storage = allocate("owner2", "p2", "fra", true);
        assertApiError(() -> as("owner1").allocateMachine(m, new V1MachineAllocation("p1", List.of(a.id(), storage.id()))), 422,
                "joins exactly one private network; only a firewall also joins shared and external networks");
        V1Machine allocated = as("owner1").allocateMachine(m, new V1MachineAllocation("p1", List.of(a.id())));
        assertThat(allocated.allocation().networks()).containsExactly(a.id());
        as("owner1").allocateMachine(fw, new V1MachineAllocation("p1", List.of(a.id(), storage.id(), "internet")));
        assertApiError(() -> as("owner2").machines().get(m), 404, "machine " + m + " not found");
        assertThat(as("owner1").machines().list()).extracting(V1Machine::id).contains(m, fw);
        V1Switch sw = as("infra").switches().get(leaf);
        assertThat(sw.ports()).extracting(V1SwitchPort::name, V1SwitchPort::vrf)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("swp1", a.vrf()), org.assertj.core.groups.Tuple.tuple("swp2", null),
                        org.assertj.core.groups.Tuple.tuple("swp31", null));
        assertApiError(() -> as("owner1").freeNetwork(a.id()), 409, "is still used by machines " + fw + ", " + m);
        as("owner1").freeMachine(m);
        as("owner1").freeMachine(fw);
        assertThat(as("owner1").freeNetwork(a.id()).id()).isEqualTo(a.id());
        assertThat(as("infra").switches().get(leaf).ports()).extracting(V1SwitchPort::vrf).containsOnlyNulls();
    }

    @Test
    void freeingANetworkWithPeeringsIsRefusedNamingThem() {
        V1Network a = net("p1"), b = net("p1");
        V1Peering p = as("owner1").peerings().create(peering(a.id(), b.id()));
        assertApiError(() -> as("owner1").freeNetwork(a.id()), 409, "is still used by peerings " + p.id());
        as("owner1").peerings().delete(p.id());
        as("owner1").freeNetwork(a.id());
        assertApiError(() -> as("owner1").networks().get(a.id()), 404);
    }

    @Test
    void findNetworksByProjectTypeAndLabels() {
        V1Network a = allocate("owner1", "p1", "fra", false);
        assertThat(as("owner1").findNetworks(new V1NetworkFindRequest(null, a.name(), "p1", "fra", "child", a.vrf(), null)))
                .extracting(V1Network::id).containsExactly(a.id());
        assertThat(admin().findNetworks(FindRequest.networksLabelled(Map.of(NetworkRequest.PEERABLE, "true"))))
                .extracting(V1Network::id).contains("internet").doesNotContain("corp");
    }

    private static V1Network copyWithAdditional(V1Network n, List<String> additional) {
        return NetworkRequest.update(n).additionalannouncablecidrs(additional).build();
    }
}
