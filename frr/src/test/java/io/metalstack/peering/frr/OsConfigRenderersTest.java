package io.metalstack.peering.frr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.metalstack.peering.model.SwitchOs;
import io.metalstack.peering.model.plan.SwitchIntent;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** CONFIG_DB (SONiC) and /etc/network/interfaces (Cumulus): every VRF on the switch, peer-only ones too. */
class OsConfigRenderersTest {
    private static SwitchIntent peerOnly(SwitchOs os) {
        return Fixtures.cases().get("peer-vrf-without-port").apply(os);
    }

    @Test
    void configDbHasTheVrfVlanAndVxlanEntriesOfAPeerVrfButNoPort() throws Exception {
        JsonNode db = new ObjectMapper().readTree(configDb(peerOnly(SwitchOs.SONIC)));
        assertThat(db.at("/VRF/Vrf200/vni").asText()).isEqualTo("200");
        assertThat(db.at("/VLAN/Vlan1002/vlanid").asText()).isEqualTo("1002");
        assertThat(db.at("/VLAN_INTERFACE/Vlan1002/vrf_name").asText()).isEqualTo("Vrf200");
        assertThat(db.at("/SUPPRESS_VLAN_NEIGH/Vlan1002/suppress").asText()).isEqualTo("on");
        assertThat(db.at("/VXLAN_TUNNEL_MAP/vtep|map_200_Vlan1002/vni").asText()).isEqualTo("200");
        assertThat(db.at("/VXLAN_TUNNEL_MAP/vtep|map_200_Vlan1002/vlan").asText()).isEqualTo("Vlan1002");
        assertThat(db.at("/INTERFACE/Ethernet0/vrf_name").asText()).isEqualTo("Vrf100");
        List<String> vrfPorts = new ArrayList<>();
        db.get("INTERFACE").properties().forEach(e -> {
            if (e.getValue().path("vrf_name").asText().equals("Vrf200")) {
                vrfPorts.add(e.getKey());
            }
        });
        assertThat(vrfPorts).isEmpty();
        assertThat(db.at("/VLAN_MEMBER/Vlan4000|Ethernet116/tagging_mode").asText()).isEqualTo("untagged");
    }

    @Test
    void configDbKeysAreSorted() throws Exception {
        JsonNode db = new ObjectMapper().readTree(configDb(Fixtures.cases().get("three-peers").apply(SwitchOs.SONIC)));
        List<String> tables = new ArrayList<>();
        db.fieldNames().forEachRemaining(tables::add);
        assertThat(tables).isSorted().contains("INTERFACE", "SUPPRESS_VLAN_NEIGH", "VLAN", "VLAN_INTERFACE", "VLAN_MEMBER", "VRF", "VXLAN_TUNNEL_MAP");
        List<String> vrfs = new ArrayList<>();
        db.get("VRF").fieldNames().forEachRemaining(vrfs::add);
        assertThat(vrfs).containsExactly("Vrf100", "Vrf200", "Vrf300", "Vrf400");
    }

    @Test
    void interfacesHaveTheVrfSviAndL3VniOfAPeerVrf() {
        String text = interfaces(peerOnly(SwitchOs.CUMULUS));
        assertThat(text).contains("""
                auto vrf200
                iface vrf200
                    vrf-table auto
                """, """
                auto vlan1002
                iface vlan1002
                    mtu 9000
                    vlan-id 1002
                    vlan-raw-device bridge
                    vrf vrf200
                """, """
                auto vni200
                iface vni200
                    mtu 9000
                    bridge-access 1002
                    bridge-arp-nd-suppress on
                """, "    vxlan-id 200\n    vxlan-local-tunnelip 10.0.0.12\n", """
                auto swp1
                iface swp1
                    mtu 9000
                    post-up sysctl -w net.ipv6.conf.swp1.disable_ipv6=0
                    vrf vrf100
                """);
        assertThat(text).contains("bridge-ports vni104000 swp30 vni100 vni200\n", "bridge-vids 4000 1001 1002\n");
        assertThat(text).doesNotContain("vrf vrf200\n\nauto swp");
    }

    @Test
    void externalPortsAreInTheirVrfWithTheirAddress() throws Exception {
        JsonNode db = new ObjectMapper().readTree(configDb(Fixtures.cases().get("external-sessions").apply(SwitchOs.SONIC)));
        assertThat(db.at("/INTERFACE/Ethernet160/vrf_name").asText()).isEqualTo("Vrf130");
        assertThat(db.get("INTERFACE").has("Ethernet160|172.16.0.1/30")).isTrue();
        assertThat(db.get("INTERFACE").has("Ethernet176|2001:db8:ff::/127")).isTrue();
        String text = interfaces(Fixtures.cases().get("external-sessions").apply(SwitchOs.CUMULUS));
        assertThat(text).contains("""
                auto swp41
                iface swp41
                    address 172.16.0.1/30
                    vrf vrf130
                """, """
                auto swp45
                iface swp45
                    address 2001:db8:ff::/127
                    vrf vrf130
                """);
    }

    private static String configDb(SwitchIntent intent, SwitchLocal... local) {
        return render(intent, local).file(FrrRenderer.CONFIG_DB);
    }

    private static String interfaces(SwitchIntent intent, SwitchLocal... local) {
        return render(intent, local).file(FrrRenderer.INTERFACES);
    }

    private static RenderedConfig render(SwitchIntent intent, SwitchLocal... local) {
        return new FrrRenderer().render(intent, local.length == 0 ? SwitchLocal.DEFAULTS : local[0]);
    }

    private static SwitchLocal local(SwitchOs os) {
        return Fixtures.local("switch-local", os);
    }

    @Test
    void interfacesHaveTheSwitchLocalFacts() {
        String text = interfaces(Fixtures.cases().get("switch-local").apply(SwitchOs.CUMULUS), local(SwitchOs.CUMULUS));
        assertThat(text).contains("\nsource /etc/network/interfaces.d/*.intf\n", """
                auto eth0
                iface eth0
                    address 192.168.0.21/24
                    gateway 192.168.0.1
                    vrf mgmt
                """, """
                auto mgmt
                iface mgmt
                    address 127.0.0.1/8
                    vrf-table auto
                """, """
                auto vlan966
                iface vlan966
                    mtu 9000
                    address 10.255.255.2/24
                    vlan-id 966
                    vlan-raw-device bridge
                """, """
                auto vni100966
                iface vni100966
                    mtu 9000
                    bridge-access 966
                    bridge-learning off
                """, """
                auto swp30
                iface swp30
                    mtu 9000
                    bridge-access 966
                """, "    bridge-ports vni100966 swp30 swp11 swp12 vni100\n", "    bridge-vids 966 1001 201-204 301\n");
        // blade ports are bridge trunks without a stanza of their own, as in metal-core
        assertThat(text).doesNotContain("iface swp11", "iface swp12");
        String defaults = interfaces(Fixtures.cases().get("switch-local").apply(SwitchOs.CUMULUS));
        assertThat(defaults).contains("auto eth0\niface eth0 inet dhcp\n    vrf mgmt\n", "auto vlan4000\niface vlan4000\n    mtu 9000\n    vlan-id 4000\n");
    }

    @Test
    void configDbHasTheSwitchLocalFacts() throws Exception {
        JsonNode db = new ObjectMapper().readTree(configDb(Fixtures.cases().get("switch-local").apply(SwitchOs.SONIC),
                local(SwitchOs.SONIC)));
        assertThat(db.at("/MGMT_INTERFACE/eth0|192.168.0.21~124/gwaddr").asText()).isEqualTo("192.168.0.1");
        assertThat(db.at("/MGMT_VRF_CONFIG/vrf_global/mgmtVrfEnabled").asText()).isEqualTo("true");
        assertThat(db.get("LOOPBACK_INTERFACE").has("Loopback0|10.0.0.11/32")).isTrue();
        assertThat(db.at("/VXLAN_TUNNEL/vtep/src_ip").asText()).isEqualTo("10.0.0.11");
        assertThat(db.at("/VLAN/Vlan966/vlanid").asText()).isEqualTo("966");
        assertThat(db.get("VLAN_INTERFACE").has("Vlan966|10.255.255.2/24")).isTrue();
        assertThat(db.at("/VXLAN_TUNNEL_MAP/vtep|map_100966_Vlan966/vlan").asText()).isEqualTo("Vlan966");
        assertThat(db.at("/VLAN_MEMBER/Vlan966|Ethernet116/tagging_mode").asText()).isEqualTo("untagged");
        for (String vlan : List.of("Vlan966", "Vlan201", "Vlan202", "Vlan203", "Vlan204", "Vlan301")) {
            assertThat(db.at("/VLAN_MEMBER/" + vlan + "|Ethernet40/tagging_mode").asText()).as(vlan).isEqualTo("tagged");
            assertThat(db.at("/VLAN_MEMBER/" + vlan + "|Ethernet44/tagging_mode").asText()).as(vlan).isEqualTo("tagged");
        }
        assertThat(db.get("VLAN").has("Vlan205")).isFalse();
        assertThat(db.at("/PORT/Ethernet120/mtu").asText()).isEqualTo("9216");
        assertThat(db.at("/PORT/Ethernet0/mtu").asText()).isEqualTo("9000");
        assertThat(db.at("/PORT/Ethernet116/admin_status").asText()).isEqualTo("up");
        assertThat(db.at("/PORT/Ethernet40/admin_status").asText()).isEqualTo("up");
    }

    @Test
    void eachDialectRendersItsOwnFiles() {
        FrrRenderer r = new FrrRenderer();
        assertThat(r.render(peerOnly(SwitchOs.SONIC)).files().keySet()).containsExactly("config_db.json", "frr.conf");
        assertThat(r.render(peerOnly(SwitchOs.CUMULUS)).files().keySet()).containsExactly("frr.conf", "interfaces");
    }
}
