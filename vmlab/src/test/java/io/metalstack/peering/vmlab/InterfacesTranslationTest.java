package io.metalstack.peering.vmlab;

import io.metalstack.peering.frr.FrrRenderer;
import io.metalstack.peering.model.plan.Planner;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InterfacesTranslationTest {
    private static final String ONE_VRF = """
            # rendered
            auto lo
            iface lo inet loopback
                address 10.0.0.11/32
                vxlan-local-tunnelip 10.0.0.11

            auto swp31
            iface swp31
                mtu 9216

            auto swp1
            iface swp1
                mtu 9000
                vrf vrf100

            auto bridge
            iface bridge
                bridge-ports vni100
                bridge-vids 1001
                bridge-vlan-aware yes

            auto vrf100
            iface vrf100
                vrf-table auto

            auto vlan1001
            iface vlan1001
                mtu 9000
                vlan-id 1001
                vlan-raw-device bridge
                vrf vrf100

            auto vni100
            iface vni100
                mtu 9000
                bridge-access 1001
                bridge-arp-nd-suppress on
                bridge-learning off
                mstpctl-bpduguard yes
                mstpctl-portbpdufilter yes
                vxlan-id 100
                vxlan-local-tunnelip 10.0.0.11
            """;

    @Test
    void createsDevicesFirstThenAttachesThenSetsMtusSvisLastThenAddressesAndLinksUp() {
        InterfacesTranslation.Result r = InterfacesTranslation.translate(ONE_VRF);
        assertThat(r.ipBatch()).containsExactly(
                "link add bridge type bridge vlan_filtering 1 stp_state 0",
                "link add vrf100 type vrf table 1001",
                "route add unreachable default metric 4278198272 table 1001",
                "route add unreachable ::/0 metric 4278198272 table 1001",
                "link add link bridge name vlan1001 type vlan id 1001",
                "link add vni100 type vxlan id 100 local 10.0.0.11 dstport 4789 nolearning",
                "link set swp1 master vrf100",
                "link set vni100 master bridge",
                "link set vlan1001 master vrf100",
                "link set swp31 mtu 9216",
                "link set swp1 mtu 9000",
                "link set vni100 mtu 9000",
                "link set vlan1001 mtu 9000",
                "addr add 10.0.0.11/32 dev lo",
                "link set lo up", "link set swp31 up", "link set swp1 up", "link set bridge up", "link set vrf100 up",
                "link set vlan1001 up", "link set vni100 up");
        assertThat(r.bridgeBatch()).containsExactly(
                "vlan add vid 1001 dev bridge self",
                "vlan add vid 1001 dev vni100 pvid untagged",
                "vlan del vid 1 dev vni100",
                "link set dev vni100 neigh_suppress on",
                "link set dev vni100 learning off");
        assertThat(r.vrfTables()).isEqualTo(Map.of("vrf100", 1001));
    }

    @Test
    void translatesWhatTheRendererWritesForTheLabScenario() {
        FrrRenderer renderer = new FrrRenderer();
        var plan = Planner.plan(PeeringScenario.inventory(PeeringScenario.PEERED));
        for (var leaf : PeeringScenario.LEAVES) {
            String interfaces = renderer.render(plan.intent(leaf).orElseThrow()).file(FrrRenderer.INTERFACES);
            InterfacesTranslation.Result r = InterfacesTranslation.translate(interfaces);
            assertThat(r.vrfTables()).containsOnlyKeys("vrf101", "vrf102", "vrf103", "vrf201");
            assertThat(r.ipBatch()).contains("link set swp2 master vrf102", "link add vni201 type vxlan id 201 local "
                    + (leaf.equals(PeeringScenario.LEAF1) ? "10.0.0.11" : "10.0.0.12") + " dstport 4789 nolearning");
        }
    }

    @Test
    void refusesWhatItDoesNotKnow() {
        assertThatThrownBy(() -> InterfacesTranslation.translate("auto swp1\niface swp1\n    link-speed 100000\n"))
                .hasMessageContaining("iface swp1: link-speed 100000");
        assertThatThrownBy(() -> InterfacesTranslation.translate("auto swp1\niface swp2\n    mtu 9000\n"))
                .hasMessageContaining("do not match");
        assertThatThrownBy(() -> InterfacesTranslation.translate("auto vrf1\niface vrf1\n    vrf-table 1001\n"))
                .hasMessageContaining("only 'auto'");
        assertThatThrownBy(() -> InterfacesTranslation.translate("auto vni1\niface vni1\n    vxlan-id 1\n"))
                .hasMessageContaining("needs vxlan-local-tunnelip");
        assertThat(InterfacesTranslation.parse("auto a\niface a\n")).hasSize(1);
    }
}
