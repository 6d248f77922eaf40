package io.metalstack.peering.frr;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ShownConfigTest {
    /** With VRF-lite (Cumulus, SONiC) FRR shows a port in a VRF as "interface swp1": the file's "vrf" must not look missing. */
    @Test
    void aPortInAVrfComparesAsTheDaemonsShowItWithTheKernelVrfBackend() {
        assertThat(ShownConfig.comparable("interface swp1 vrf vrf101\n ipv6 nd ra-interval 6\nexit\nvrf vrf101\n vni 101\nexit-vrf\n"))
                .isEqualTo("interface swp1\n ipv6 nd ra-interval 6\nexit\nvrf vrf101\n vni 101\nexit-vrf\n");
        assertThat(ShownConfig.comparable("interface swp31\n")).isEqualTo("interface swp31\n");
        assertThat(ShownConfig.comparable("interface swp1 vrf vrf101")).isEqualTo("interface swp1");
    }
}
