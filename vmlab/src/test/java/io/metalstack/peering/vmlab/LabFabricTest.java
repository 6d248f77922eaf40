package io.metalstack.peering.vmlab;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class LabFabricTest {
    @Test
    void addressesOfAPrefixAreWrittenAsIproute2PrintsThem() {
        assertThat(LabFabric.nth("10.64.4.0/22", 100)).isEqualTo("10.64.4.100");
        assertThat(LabFabric.nth("10.64.4.0/22", 300)).isEqualTo("10.64.5.44");
        assertThat(LabFabric.nth("2001:db8:0:1::/64", 100)).isEqualTo("2001:db8:0:1::64");
        assertThat(LabFabric.nth("2001:db8::/64", 1)).isEqualTo("2001:db8::1");
        assertThat(LabFabric.canonicalIpv6("2001:db8:0:0:1:0:0:1")).isEqualTo("2001:db8::1:0:0:1");
        assertThat(LabFabric.canonicalIpv6("2001:db8:1:2:3:4:5:6")).isEqualTo("2001:db8:1:2:3:4:5:6");
    }

    @Test
    void theOracleKeepsUnpeeredNetworksAndTheRogueApart() {
        LabFabric.Host a1 = LabFabric.host("a1");
        LabFabric.Host b3 = LabFabric.host("b3");
        LabFabric.Host c1 = LabFabric.host("c1");
        LabFabric.Host r2 = LabFabric.host("r2");
        LabFabric.Host d2 = LabFabric.host("d2");
        Set<Set<LabFabric.Net>> peered = Set.of(Set.of(LabFabric.Net.A, LabFabric.Net.B), Set.of(LabFabric.Net.A, LabFabric.Net.D));
        assertThat(LabFabric.reachable(a1, b3, peered, Set.of())).isTrue();
        assertThat(LabFabric.reachable(b3, a1, peered, Set.of())).isTrue();
        assertThat(LabFabric.reachable(c1, a1, peered, Set.of())).isFalse();
        assertThat(LabFabric.reachable(b3, d2, peered, Set.of())).as("not transitive through A").isFalse();
        assertThat(LabFabric.reachable(a1, r2, peered, Set.of())).as("the rogue is D's only").isFalse();
        assertThat(LabFabric.reachable(d2, r2, peered, Set.of())).isTrue();
        assertThat(LabFabric.reachable(a1, b3, peered, Set.of("b3"))).as("b3 offline").isFalse();
    }

    @Test
    void onlyTheMachinesOfANetworkPeeredWithTheInternetReachItAndOnlyOverIpv6() {
        Set<LabFabric.Net> peers = Set.of(LabFabric.Net.A);
        assertThat(LabFabric.reachesInternet(LabFabric.host("a1"), 6, peers, Set.of())).isTrue();
        assertThat(LabFabric.reachesInternet(LabFabric.host("a1"), 4, peers, Set.of())).as("private-use IPv4, the internet NATs").isFalse();
        assertThat(LabFabric.reachesInternet(LabFabric.host("d2"), 6, peers, Set.of())).as("D is not peered with the internet").isFalse();
        assertThat(LabFabric.reachesInternet(LabFabric.host("a1"), 6, peers, Set.of("a1"))).as("a1 offline").isFalse();
    }
}
