package io.metalstack.peering.agent;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The writes between what CONFIG_DB holds and a target state, and their order. */
class ConfigDbDeltaTest {

    private static ConfigDbKey key(String key) {
        return ConfigDbKey.parse(key);
    }

    private static SortedMap<String, String> fields(String... kv) {
        SortedMap<String, String> m = new TreeMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    /** A config target: these rows, every whole key owned. */
    private static ConfigDbState target(Map<String, SortedMap<String, String>> rows) {
        SortedMap<ConfigDbKey, SortedMap<String, String>> r = new TreeMap<>();
        rows.forEach((k, v) -> r.put(key(k), v));
        SortedSet<ConfigDbKey> owned = new TreeSet<>();
        r.keySet().stream().filter(k -> k.table().ownsWholeKeys()).forEach(owned::add);
        return new ConfigDbState(r, new TreeSet<>(), owned);
    }

    private static SortedSet<ConfigDbKey> keys(String... keys) {
        SortedSet<ConfigDbKey> s = new TreeSet<>();
        Arrays.stream(keys).map(ConfigDbDeltaTest::key).forEach(s::add);
        return s;
    }

    private static List<String> commands(List<ConfigDbDelta.Write> writes) {
        return writes.stream().map(ConfigDbDelta.Write::command).toList();
    }

    /** A VRF with its VLAN as the renderer writes it, and a port in it with an address. */
    private static Map<String, SortedMap<String, String>> vrf100() {
        Map<String, SortedMap<String, String>> rows = new TreeMap<>();
        rows.put("VRF|Vrf100", fields("vni", "100", "fallback", "false"));
        rows.put("VLAN|Vlan1001", fields("vlanid", "1001"));
        rows.put("VLAN_INTERFACE|Vlan1001", fields("vrf_name", "Vrf100"));
        rows.put("SUPPRESS_VLAN_NEIGH|Vlan1001", fields("suppress", "on"));
        rows.put("VXLAN_TUNNEL_MAP|vtep|map_100_Vlan1001", fields("vlan", "Vlan1001", "vni", "100"));
        rows.put("INTERFACE|Ethernet0", fields("vrf_name", "Vrf100"));
        rows.put("INTERFACE|Ethernet0|172.16.0.1/30", fields());
        rows.put("VLAN_MEMBER|Vlan4000|Ethernet116", fields("tagging_mode", "untagged"));
        return rows;
    }

    private static Map<ConfigDbKey, SortedMap<String, String>> current(Map<String, SortedMap<String, String>> rows) {
        Map<ConfigDbKey, SortedMap<String, String>> c = new TreeMap<>();
        rows.forEach((k, v) -> c.put(key(k), v));
        return c;
    }

    @Test
    void createsInTheOrderSonicNeedsAndOwnsWhatItCreated() {
        List<ConfigDbDelta.Write> writes = ConfigDbDelta.between(Map.of(), new TreeSet<>(), target(vrf100()));

        assertThat(commands(writes)).containsExactly(
                "HSET VRF|Vrf100 {fallback=false, vni=100}",
                "HSET VLAN|Vlan1001 {vlanid=1001}",
                "HSET VLAN_MEMBER|Vlan4000|Ethernet116 {tagging_mode=untagged}",
                "HSET SUPPRESS_VLAN_NEIGH|Vlan1001 {suppress=on}",
                "HSET VLAN_INTERFACE|Vlan1001 {vrf_name=Vrf100}",
                "HSET VXLAN_TUNNEL_MAP|vtep|map_100_Vlan1001 {vlan=Vlan1001, vni=100}",
                "HSET INTERFACE|Ethernet0 {vrf_name=Vrf100}",
                "HSET INTERFACE|Ethernet0|172.16.0.1/30 {NULL=NULL}",
                "SADD METAL_CORE_OWNED_KEYS " + keys(vrf100().keySet().toArray(String[]::new)));
    }

    @Test
    void deletesWhatItOwnsAndNoLongerRendersInReverseOrder() {
        SortedSet<ConfigDbKey> owned = keys(vrf100().keySet().toArray(String[]::new));

        List<ConfigDbDelta.Write> writes = ConfigDbDelta.between(current(vrf100()), owned, target(Map.of()));

        assertThat(commands(writes)).containsExactly(
                "DEL INTERFACE|Ethernet0|172.16.0.1/30",
                "DEL INTERFACE|Ethernet0",
                "DEL VXLAN_TUNNEL_MAP|vtep|map_100_Vlan1001",
                "DEL VLAN_INTERFACE|Vlan1001",
                "DEL SUPPRESS_VLAN_NEIGH|Vlan1001",
                "DEL VLAN_MEMBER|Vlan4000|Ethernet116",
                "DEL VLAN|Vlan1001",
                "DEL VRF|Vrf100",
                "SREM METAL_CORE_OWNED_KEYS " + owned);
    }

    @Test
    void writesNothingWhenCurrentEqualsTheTargetAndNeverAKeyItNeitherOwnsNorRenders() {
        Map<String, SortedMap<String, String>> db = new TreeMap<>(vrf100());
        db.put("VLAN|Vlan10", fields("vlanid", "10"));
        db.put("VRF|Vrf77", fields("fallback", "false"));

        assertThat(ConfigDbDelta.between(current(db), keys(vrf100().keySet().toArray(String[]::new)), target(vrf100()))).isEmpty();
        assertThat(commands(ConfigDbDelta.between(current(db), keys(vrf100().keySet().toArray(String[]::new)), target(Map.of()))))
                .noneMatch(c -> c.matches(".*\\bVlan10\\b.*") || c.contains("Vrf77"));
    }

    @Test
    void aChangedKeySetsItsNewFieldsBeforeDeletingTheOldOnesSoItNeverVanishes() {
        Map<String, SortedMap<String, String>> now = Map.of("VRF|Vrf100", fields("vni", "100", "extra", "x"),
                "INTERFACE|Ethernet4", fields(), "INTERFACE|Ethernet8", fields("ipv6_use_link_local_only", "enable"));
        Map<String, SortedMap<String, String>> then = Map.of("VRF|Vrf100", fields("vni", "100", "fallback", "false"),
                "INTERFACE|Ethernet4", fields("ipv6_use_link_local_only", "enable"), "INTERFACE|Ethernet8", fields());

        List<ConfigDbDelta.Write> writes = ConfigDbDelta.between(current(now), keys(now.keySet().toArray(String[]::new)), target(then));

        assertThat(commands(writes)).containsExactly(
                "HSET VRF|Vrf100 {fallback=false}", "HDEL VRF|Vrf100 [extra]",
                "HSET INTERFACE|Ethernet4 {ipv6_use_link_local_only=enable}", "HDEL INTERFACE|Ethernet4 [NULL]",
                "HSET INTERFACE|Ethernet8 {NULL=NULL}", "HDEL INTERFACE|Ethernet8 [ipv6_use_link_local_only]");
    }

    @Test
    void aPortMovingToAnotherVrfIsDeletedAndCreatedAgainWithItsAddressAroundTheNewVrf() {
        Map<String, SortedMap<String, String>> now = new TreeMap<>(Map.of("VRF|Vrf100", fields("vni", "100"),
                "INTERFACE|Ethernet0", fields("vrf_name", "Vrf100"), "INTERFACE|Ethernet0|172.16.0.1/30", fields()));
        Map<String, SortedMap<String, String>> then = new TreeMap<>(Map.of("VRF|Vrf200", fields("vni", "200"),
                "INTERFACE|Ethernet0", fields("vrf_name", "Vrf200"), "INTERFACE|Ethernet0|172.16.0.1/30", fields()));

        List<ConfigDbDelta.Write> writes = ConfigDbDelta.between(current(now), keys(now.keySet().toArray(String[]::new)), target(then));

        assertThat(commands(writes)).containsExactly(
                "DEL INTERFACE|Ethernet0|172.16.0.1/30",
                "DEL INTERFACE|Ethernet0",
                "DEL VRF|Vrf100",
                "HSET VRF|Vrf200 {vni=200}",
                "HSET INTERFACE|Ethernet0 {vrf_name=Vrf200}",
                "HSET INTERFACE|Ethernet0|172.16.0.1/30 {NULL=NULL}",
                "SREM METAL_CORE_OWNED_KEYS [VRF|Vrf100]",
                "SADD METAL_CORE_OWNED_KEYS [VRF|Vrf200]");
    }

    @Test
    void portsGoDownFirstAndUpLastAndOnlyTheirAdminStatusIsWritten() {
        Map<String, SortedMap<String, String>> db = new TreeMap<>(Map.of(
                "PORT|Ethernet0", fields("admin_status", "up", "speed", "100000", "alias", "Eth1"),
                "PORT|Ethernet4", fields("admin_status", "down", "speed", "100000"),
                "PORT|Ethernet8", fields("speed", "100000")));
        Map<String, SortedMap<String, String>> then = new TreeMap<>(vrf100());
        then.put("PORT|Ethernet0", fields("admin_status", "down"));
        then.put("PORT|Ethernet4", fields("admin_status", "up"));
        then.put("PORT|Ethernet8", fields("admin_status", "up"));
        then.put("PORT|Ethernet12", fields("admin_status", "up")); // no such port: never created

        List<String> writes = commands(ConfigDbDelta.between(current(db), new TreeSet<>(), target(then)));

        assertThat(writes.get(0)).isEqualTo("HSET PORT|Ethernet0 {admin_status=down}");
        assertThat(writes.subList(writes.size() - 3, writes.size() - 1))
                .containsExactly("HSET PORT|Ethernet4 {admin_status=up}", "HSET PORT|Ethernet8 {admin_status=up}");
        assertThat(writes).noneMatch(w -> w.contains("Ethernet12"));
        assertThat(writes.get(writes.size() - 1)).startsWith("SADD").doesNotContain("PORT|");
    }

    @Test
    void aPortStatusThatWasUnsetIsUnsetAgainByARevert() {
        SortedMap<ConfigDbKey, SortedMap<String, String>> rows = new TreeMap<>(Map.of(key("PORT|Ethernet0"), fields()));
        ConfigDbState before = new ConfigDbState(rows, new TreeSet<>(), new TreeSet<>());

        assertThat(commands(ConfigDbDelta.between(current(Map.of("PORT|Ethernet0", fields("admin_status", "up", "speed", "1"))),
                new TreeSet<>(), before))).containsExactly("HDEL PORT|Ethernet0 [admin_status]");
    }

    @Test
    void aStateBeforeTwoWritesKeepsWhatTheFirstFoundWhereBothSaySomething() {
        ConfigDbState first = new ConfigDbState(new TreeMap<>(Map.of(key("VLAN|Vlan1001"), fields("vlanid", "1001"))),
                keys("VRF|Vrf200"), keys("VLAN|Vlan1001"));
        ConfigDbState second = new ConfigDbState(new TreeMap<>(Map.of(key("VRF|Vrf200"), fields("vni", "200"),
                key("VRF|Vrf300"), fields("vni", "300"))), keys("VLAN|Vlan1001"), keys("VRF|Vrf200", "VRF|Vrf300"));

        ConfigDbState both = first.over(second);

        assertThat(both.rows()).containsOnlyKeys(key("VLAN|Vlan1001"), key("VRF|Vrf300"));
        assertThat(both.absent()).containsExactly(key("VRF|Vrf200"));
        assertThat(both.owned()).containsExactly(key("VLAN|Vlan1001"));
    }

    @Test
    void keysAreOfTheTablesTheAgentWritesOnly() {
        assertThat(key("VXLAN_TUNNEL_MAP|vtep|map_100_Vlan1001").name()).isEqualTo("vtep|map_100_Vlan1001");
        assertThat(key("INTERFACE|Ethernet0|10.0.0.1/30").isBelow(key("INTERFACE|Ethernet0"))).isTrue();
        assertThat(key("INTERFACE|Ethernet01").isBelow(key("INTERFACE|Ethernet0"))).isFalse();
        assertThatThrownBy(() -> key("DEVICE_METADATA|localhost")).hasMessageContaining("DEVICE_METADATA, which the agent does not write");
        assertThatThrownBy(() -> key("VRF")).hasMessageContaining("not a CONFIG_DB key");
        assertThatThrownBy(() -> key("VRF|")).hasMessageContaining("not a CONFIG_DB key name");
        assertThatThrownBy(() -> new ConfigDbState(new TreeMap<>(Map.of(key("PORT|Ethernet0"), fields("speed", "1"))),
                new TreeSet<>(), new TreeSet<>())).hasMessageContaining("owns only [").hasMessageContaining("admin_status");
    }
}
