package io.metalstack.peering.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.metalstack.peering.frr.Fixtures;
import io.metalstack.peering.frr.FrrRenderer;
import io.metalstack.peering.frr.RenderedConfig;
import io.metalstack.peering.frr.lab.Poll;
import io.metalstack.peering.model.SwitchOs;
import io.metalstack.peering.model.plan.SwitchIntent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.commands.ProtocolCommand;
import redis.clients.jedis.exceptions.JedisException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;

import static io.metalstack.peering.frr.Fixtures.PRIVATE_A;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link ConfigDbApplier} against a real redis-server holding a SONiC switch's static CONFIG_DB (database 4): device
 * metadata, the platform's ports, the VTEP, the PXE VLAN, a loopback, and what an operator made by hand (a VLAN with a
 * member, a VRF). The configs are rendered from real intents with {@link FrrRenderer}.
 */
class ConfigDbApplierIT {
    private static final int DB = 4;
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final FrrRenderer RENDERER = new FrrRenderer();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> WRITE_COMMANDS = Set.of("hset", "hmset", "hdel", "del", "unlink", "sadd", "srem", "set", "multi", "exec");

    /** A SONiC switch's CONFIG_DB before the agent: none of it is the agent's. */
    private static final Map<String, Map<String, String>> SWITCH = switchDb();

    private static RedisServer redis;
    private RedisProxy proxy;

    @BeforeAll
    static void startRedis() {
        redis = RedisServer.start();
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    @BeforeEach
    void seed() throws IOException {
        try (Jedis j = redis.client(DB)) {
            j.flushAll();
            SWITCH.forEach(j::hset);
        }
        proxy = new RedisProxy(redis.port());
    }

    @AfterEach
    void closeProxy() throws IOException {
        proxy.close();
    }

    private static Map<String, Map<String, String>> switchDb() {
        Map<String, Map<String, String>> db = new TreeMap<>();
        db.put("DEVICE_METADATA|localhost", Map.of("hostname", "leaf01", "hwsku", "Accton-AS7726-32X", "type", "LeafRouter",
                "bgp_asn", "4200000011", "mac", "0c:29:ef:64:20:00"));
        for (int port : List.of(0, 4, 8, 100, 112, 116, 120, 124)) {
            db.put("PORT|Ethernet" + port, Map.of("alias", "Eth" + (port / 4 + 1) + "(Port" + (port / 4 + 1) + ")",
                    "lanes", (port + 1) + "," + (port + 2) + "," + (port + 3) + "," + (port + 4), "speed", "100000", "mtu", "9216",
                    "fec", "rs", "admin_status", "up"));
        }
        db.put("VXLAN_TUNNEL|vtep", Map.of("src_ip", "10.0.0.11"));
        db.put("VLAN|Vlan4000", Map.of("vlanid", "4000"));
        db.put("LOOPBACK_INTERFACE|Loopback0", Map.of("NULL", "NULL"));
        db.put("LOOPBACK_INTERFACE|Loopback0|10.0.0.11/32", Map.of("NULL", "NULL"));
        // the operator's, in tables the agent writes too
        db.put("VLAN|Vlan10", Map.of("vlanid", "10"));
        db.put("VLAN_MEMBER|Vlan10|Ethernet100", Map.of("tagging_mode", "tagged"));
        db.put("VRF|Vrf77", Map.of("fallback", "false"));
        return db;
    }

    private static RenderedConfig render(SwitchIntent intent) {
        return RENDERER.render(intent);
    }

    private static RenderedConfig golden(String name) {
        return render(Fixtures.cases().get(name).apply(SwitchOs.SONIC));
    }

    /** A leaf with private-a on Ethernet0 and nothing else: private-shared without its peering. */
    private static RenderedConfig privateAOnly() {
        return render(Fixtures.leaf(SwitchOs.SONIC).local(PRIVATE_A, 0).build());
    }

    /** The rendered config_db.json as redis holds it: {@code TABLE|key -> fields}, no fields as {@code NULL: NULL}. */
    private static Map<String, Map<String, String>> rows(RenderedConfig config) {
        try {
            Map<String, Map<String, String>> rows = new TreeMap<>();
            JsonNode root = JSON.readTree(config.file(FrrRenderer.CONFIG_DB));
            for (Map.Entry<String, JsonNode> table : root.properties()) {
                if (ConfigDbTable.named(table.getKey()).isEmpty()) {
                    continue; // the switch's static provisioning, which the agent never writes
                }
                for (Map.Entry<String, JsonNode> key : table.getValue().properties()) {
                    Map<String, String> fields = new TreeMap<>();
                    key.getValue().properties().forEach(f -> fields.put(f.getKey(), f.getValue().asText()));
                    rows.put(table.getKey() + "|" + key.getKey(), fields.isEmpty() ? Map.of("NULL", "NULL") : fields);
                }
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The switch's own CONFIG_DB plus exactly the rendered rows, plus the ledger (a set). */
    private static Map<String, Map<String, String>> switchWith(RenderedConfig config) {
        Map<String, Map<String, String>> expected = new TreeMap<>(SWITCH);
        rows(config).forEach((key, fields) -> {
            if (key.startsWith("PORT|") && expected.containsKey(key)) {
                // of a port only its owned fields are the agent's
                Map<String, String> port = new TreeMap<>(expected.get(key));
                port.putAll(fields);
                expected.put(key, port);
            } else {
                expected.put(key, fields);
            }
        });
        expected.put(ConfigDbApplier.LEDGER, Map.of("<type>", "set"));
        return expected;
    }

    private static Map<String, Map<String, String>> withoutPortKeys(Map<String, Map<String, String>> db) {
        Map<String, Map<String, String>> out = new TreeMap<>(db);
        out.keySet().removeIf(k -> k.startsWith("PORT|"));
        return out;
    }

    private static Set<String> ledger() {
        try (Jedis j = redis.client(DB)) {
            return new TreeSet<>(j.smembers(ConfigDbApplier.LEDGER));
        }
    }

    private static ConfigDbApplier overUnixSocket() {
        return new ConfigDbApplier(redis.unix(DB), TIMEOUT);
    }

    private ConfigDbApplier overProxy() {
        return new ConfigDbApplier(new RedisEndpoint.Tcp("127.0.0.1", proxy.port(), DB), TIMEOUT);
    }

    private static long writeCalls() {
        return redis.commandCalls().entrySet().stream().filter(e -> WRITE_COMMANDS.contains(e.getKey()))
                .mapToLong(Map.Entry::getValue).sum();
    }

    @Test
    void appliesTheRenderedConfigDbExactlyAndLeavesEverythingElseAsItWas() throws Exception {
        RenderedConfig config = golden("private-private");

        overUnixSocket().apply(config);

        assertThat(redis.dump(DB)).isEqualTo(switchWith(config));
        assertThat(ledger()).as("the ledger: every rendered key but the ports' (of which it owns fields only), nothing else")
                .isEqualTo(new TreeSet<>(rows(config).keySet().stream().filter(k -> !k.startsWith("PORT|")).toList()));
        assertThat(redis.dump(0)).as("other databases").isEmpty();
    }

    @Test
    void aSecondApplyOfTheSameConfigWritesNothingAlsoAfterARestart() throws Exception {
        RenderedConfig config = golden("external-sessions"); // with address keys (INTERFACE|port|cidr, no fields)
        ConfigDbApplier applier = overUnixSocket();
        applier.apply(config);
        long changes = redis.dataChanges();
        long writes = writeCalls();

        applier.apply(config);
        overUnixSocket().apply(config); // a restarted agent: knows what it owns from the ledger

        assertThat(redis.dataChanges()).as("changes to the data").isEqualTo(changes);
        assertThat(writeCalls()).as("write commands called (" + WRITE_COMMANDS + ")").isEqualTo(writes);
        assertThat(redis.dump(DB)).isEqualTo(switchWith(config));
    }

    @Test
    void removingAPeeringRemovesExactlyThePeerVrfsKeysAlsoAfterARestart() throws Exception {
        overUnixSocket().apply(golden("private-shared"));
        Map<String, Map<String, String>> peered = redis.dump(DB);

        overUnixSocket().apply(privateAOnly());

        Map<String, Map<String, String>> after = redis.dump(DB);
        Set<String> gone = new TreeSet<>(peered.keySet());
        gone.removeAll(after.keySet());
        assertThat(gone).as("the keys of the shared network's VRF (VNI 400, VLAN 1002)").containsExactly(
                "SUPPRESS_VLAN_NEIGH|Vlan1002", "VLAN_INTERFACE|Vlan1002", "VLAN|Vlan1002", "VRF|Vrf400",
                "VXLAN_TUNNEL_MAP|vtep|map_400_Vlan1002");
        peered.keySet().removeAll(gone);
        assertThat(after).as("everything else as it was").isEqualTo(peered);
        assertThat(after).isEqualTo(switchWith(privateAOnly()));
    }

    @Test
    void keysOfTheOwnedTablesThatTheAgentDidNotWriteAreNeverTouched() throws Exception {
        ConfigDbApplier applier = overUnixSocket();
        applier.apply(golden("three-peers"));
        // the switch without any tenant VRF: every key the agent wrote goes, the operator's VLAN 10 and Vrf77 stay
        RenderedConfig bare = render(Fixtures.with(Fixtures.cases().get("three-peers").apply(SwitchOs.SONIC), List.of(), List.of()));

        applier.apply(bare);

        // (ports keep the owned fields the last apply gave them: no longer named, nobody else would set them)
        assertThat(withoutPortKeys(redis.dump(DB))).isEqualTo(withoutPortKeys(switchWith(bare)));
        assertThat(redis.dump(DB)).containsKeys("VLAN|Vlan10", "VLAN_MEMBER|Vlan10|Ethernet100", "VRF|Vrf77", "VLAN|Vlan4000");
    }

    @Test
    void writesInTheOrderSonicNeedsOverTcp() throws Exception {
        ConfigDbApplier applier = overProxy();
        applier.apply(golden("private-shared"));
        List<String> created = commands();

        assertThat(proxy.seen().get(0).get(0)).as("a connection starts without HELLO (redis before 6 lacks it)").isNotEqualToIgnoringCase("HELLO");
        assertThat(created.get(0)).isEqualTo("MULTI");
        assertThat(created.get(created.size() - 1)).isEqualTo("EXEC");
        assertThat(created).containsSubsequence("HSET VRF|Vrf100", "HSET VLAN|Vlan1001", "HSET SUPPRESS_VLAN_NEIGH|Vlan1001",
                "HSET VLAN_INTERFACE|Vlan1001", "HSET VXLAN_TUNNEL_MAP|vtep|map_100_Vlan1001", "HSET INTERFACE|Ethernet0");
        assertThat(created).containsSubsequence("HSET VRF|Vrf400", "HSET VLAN|Vlan1002", "HSET VLAN_INTERFACE|Vlan1002");
        assertThat(created).containsSubsequence("HSET VLAN|Vlan1002", "HSET VLAN_MEMBER|Vlan4000|Ethernet116");

        proxy.forget();
        applier.apply(privateAOnly());
        assertThat(commands()).containsSubsequence("MULTI", "DEL VXLAN_TUNNEL_MAP|vtep|map_400_Vlan1002", "DEL VLAN_INTERFACE|Vlan1002",
                "DEL SUPPRESS_VLAN_NEIGH|Vlan1002", "DEL VLAN|Vlan1002", "DEL VRF|Vrf400", "SREM", "EXEC");
    }

    /** The commands the proxy passed on, as {@code NAME key}, from the first MULTI to the first EXEC. */
    private List<String> commands() {
        List<String> all = proxy.seen().stream()
                .map(c -> c.get(0).toUpperCase(Locale.ROOT) + (c.size() > 1 && !c.get(0).equalsIgnoreCase("MULTI")
                        && !c.get(0).equalsIgnoreCase("EXEC") ? " " + c.get(1) : ""))
                .map(c -> c.startsWith("SREM ") || c.startsWith("SADD ") ? c.substring(0, 4) : c)
                .toList();
        return all.subList(all.indexOf("MULTI"), all.indexOf("EXEC") + 1);
    }

    @Test
    void aKeyTheAgentDidNotWriteIsTakenOverOnlyIfItHoldsExactlyTheRenderedFields() throws Exception {
        RenderedConfig config = golden("private-private");
        try (Jedis j = redis.client(DB)) {
            j.hset("VLAN|Vlan1001", Map.of("vlanid", "1001")); // as metal-core left it: equal, taken over
            j.hset("INTERFACE|Ethernet8", Map.of("vrf_name", "Vrf999")); // the operator's, differs
        }
        Map<String, Map<String, String>> before = redis.dump(DB);
        ConfigDbApplier applier = overUnixSocket();

        assertThatThrownBy(() -> applier.apply(config))
                .isInstanceOf(ApplyTarget.ApplyException.class)
                .hasMessageContaining("INTERFACE|Ethernet8 exists with {vrf_name=Vrf999}, which the agent did not write")
                .hasMessageContaining("nothing changed");
        assertThat(redis.dump(DB)).isEqualTo(before);

        try (Jedis j = redis.client(DB)) {
            j.del("INTERFACE|Ethernet8");
        }
        applier.apply(config);
        assertThat(ledger()).contains("VLAN|Vlan1001");
        applier.apply(privateAOnly());
        assertThat(redis.dump(DB)).as("the taken-over VLAN 1001 now the agent's: kept while rendered")
                .containsKey("VLAN|Vlan1001");
    }

    @Test
    void ofAPortOnlyItsAdminStatusIsTheAgents() throws Exception {
        RenderedConfig base = withoutPorts(golden("private-private"));
        RenderedConfig ports = withPorts(base, "\"PORT\": {\"Ethernet0\": {\"admin_status\": \"down\", \"mtu\": \"9216\"}, \"Ethernet4\": {\"admin_status\": \"up\", \"mtu\": \"9216\"}}");
        ConfigDbApplier applier = overUnixSocket();

        applier.apply(ports);

        Map<String, Map<String, String>> expected = switchWith(base);
        Map<String, String> port0 = new TreeMap<>(SWITCH.get("PORT|Ethernet0"));
        port0.put("admin_status", "down");
        expected.put("PORT|Ethernet0", port0);
        assertThat(redis.dump(DB)).isEqualTo(expected);
        assertThat(ledger()).noneMatch(k -> k.startsWith("PORT|"));

        applier.apply(base); // no longer named: the port keeps its status, no key or field is deleted
        assertThat(redis.dump(DB)).isEqualTo(expected);

        assertThatThrownBy(() -> applier.apply(withPorts(base, "\"PORT\": {\"Ethernet200\": {\"admin_status\": \"up\", \"mtu\": \"9000\"}}")))
                .isInstanceOf(ApplyTarget.ApplyException.class).hasMessageContaining("there is no port PORT|Ethernet200");
        assertThat(redis.dump(DB)).isEqualTo(expected);
    }

    /** {@code config} with another PORT table instead of the rendered one. */
    private static RenderedConfig withPorts(RenderedConfig config, String portTable) {
        try {
            com.fasterxml.jackson.databind.node.ObjectNode root =
                    (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(config.file(FrrRenderer.CONFIG_DB));
            root.set("PORT", JSON.readTree("{" + portTable + "}").get("PORT"));
            TreeMap<String, String> files = new TreeMap<>(config.files());
            files.put(FrrRenderer.CONFIG_DB, JSON.writeValueAsString(root));
            return new RenderedConfig(files, config.warnings());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code config} without its PORT table. */
    private static RenderedConfig withoutPorts(RenderedConfig config) {
        try {
            com.fasterxml.jackson.databind.node.ObjectNode root =
                    (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(config.file(FrrRenderer.CONFIG_DB));
            root.remove("PORT");
            TreeMap<String, String> files = new TreeMap<>(config.files());
            files.put(FrrRenderer.CONFIG_DB, JSON.writeValueAsString(root));
            return new RenderedConfig(files, config.warnings());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void revertRestoresTheStateBeforeTheLastApply() throws Exception {
        ConfigDbApplier applier = overUnixSocket();
        applier.apply(golden("private-shared"));
        Map<String, Map<String, String>> first = redis.dump(DB);
        applier.apply(withPorts(golden("three-peers"), "\"PORT\": {\"Ethernet0\": {\"admin_status\": \"down\", \"mtu\": \"9000\"}}"));
        assertThat(redis.dump(DB)).isNotEqualTo(first);

        applier.revert();
        assertThat(redis.dump(DB)).isEqualTo(first);
        applier.revert(); // nothing more to put back
        assertThat(redis.dump(DB)).isEqualTo(first);
    }

    @Test
    void revertOfTheFirstApplyRestoresTheSwitchAsItWas() throws Exception {
        try (Jedis j = redis.client(DB)) {
            j.hset("VLAN|Vlan1001", Map.of("vlanid", "1001")); // taken over: stays, and is no longer owned
        }
        Map<String, Map<String, String>> before = redis.dump(DB);
        ConfigDbApplier applier = overUnixSocket();
        applier.apply(withPorts(golden("private-private"), "\"PORT\": {\"Ethernet0\": {\"admin_status\": \"down\", \"mtu\": \"9000\"}}"));

        applier.revert();

        assertThat(redis.dump(DB)).isEqualTo(before);
    }

    @Test
    void aConnectionLostBeforeTheCommitChangesNothingAndTheNextApplyCompletesIt() throws Exception {
        ConfigDbApplier applier = overProxy();
        RenderedConfig config = golden("private-private");
        proxy.cutBefore(c -> c.get(0).equalsIgnoreCase("EXEC"));

        assertThatThrownBy(() -> applier.apply(config))
                .isInstanceOf(ApplyTarget.ApplyException.class)
                .hasMessageContaining("CONFIG_DB redis://127.0.0.1:" + proxy.port() + "/4: the transaction of ")
                .hasMessageContaining("HSET VRF|Vrf100")
                .hasMessageContaining("next apply");
        assertThat(proxy.fired()).isTrue();
        assertThat(redis.dump(DB)).as("nothing of the transaction").isEqualTo(SWITCH);

        applier.apply(config);
        assertThat(redis.dump(DB)).isEqualTo(switchWith(config));
        applier.revert();
        assertThat(redis.dump(DB)).isEqualTo(SWITCH);
    }

    @Test
    void aReplyLostAfterTheCommitIsReportedAndRevertStillRestoresTheLastGoodState() throws Exception {
        ConfigDbApplier applier = overProxy();
        applier.apply(golden("private-shared"));
        Map<String, Map<String, String>> good = redis.dump(DB);
        RenderedConfig next = golden("three-peers");
        proxy.cutAfter(c -> c.get(0).equalsIgnoreCase("EXEC"));

        assertThatThrownBy(() -> applier.apply(next))
                .isInstanceOf(ApplyTarget.ApplyException.class).hasMessageContaining("whether redis carried it out is not known");
        assertThat(proxy.fired()).isTrue();
        assertThat(redis.dump(DB)).as("redis did carry it out").isEqualTo(switchWith(next));

        long changes = redis.dataChanges();
        applier.apply(next); // the next turn: nothing left to write
        assertThat(redis.dataChanges()).isEqualTo(changes);

        applier.revert(); // FRR failed with `next`: back to the last config that applied in full
        assertThat(redis.dump(DB)).isEqualTo(good);
    }

    @Test
    void whatChangesBetweenReadingAndWritingMakesTheApplyStartOver() throws Exception {
        ConfigDbApplier applier = overProxy();
        applier.apply(privateAOnly());
        // someone deletes a key the agent owns after the agent read it, before its transaction
        proxy.before(c -> c.get(0).equalsIgnoreCase("MULTI"), () -> {
            try (Jedis j = redis.client(DB)) {
                j.del("VRF|Vrf100");
            }
        });

        applier.apply(golden("private-private"));

        assertThat(redis.dump(DB)).isEqualTo(switchWith(golden("private-private")));
        assertThat(proxy.seen().stream().filter(c -> c.get(0).equalsIgnoreCase("MULTI")).count())
                .as("transactions: the first one aborted by WATCH").isEqualTo(3);
    }

    @Test
    void aServerThatDoesNotAnswerIsReportedWithinTheTimeoutAndTheNextApplyCompletes() throws Exception {
        ConfigDbApplier applier = new ConfigDbApplier(redis.unix(DB), Duration.ofMillis(500));
        RenderedConfig config = golden("private-private");
        CompletableFuture<Object> sleeping = CompletableFuture.supplyAsync(() -> {
            try (Jedis j = redis.unix(0).connect(Duration.ofSeconds(10))) {
                return j.sendCommand((ProtocolCommand) () -> "DEBUG".getBytes(StandardCharsets.US_ASCII), "SLEEP", "3");
            }
        });
        // the server sleeps once a PING goes unanswered
        Poll.await(Duration.ofSeconds(10), "redis-server to sleep", () -> {
            try (Jedis j = redis.unix(0).connect(Duration.ofMillis(100))) {
                j.ping();
                return false;
            } catch (JedisException e) {
                return true;
            }
        });

        long start = System.nanoTime();
        assertThatThrownBy(() -> applier.apply(config))
                .isInstanceOf(ApplyTarget.ApplyException.class)
                .hasMessageContaining("CONFIG_DB unix://" + redis.socket() + "?db=4")
                .hasMessageContaining("timed out after 500 ms");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1500));

        sleeping.join();
        applier.apply(config);
        assertThat(redis.dump(DB)).isEqualTo(switchWith(config));
    }

    @Test
    void noServerIsReportedAndNothingIsPutBack() throws Exception {
        ConfigDbApplier applier = new ConfigDbApplier(new RedisEndpoint.UnixSocket(redis.socket().resolveSibling("none.sock"), DB), TIMEOUT);

        assertThatThrownBy(() -> applier.apply(golden("private-private")))
                .isInstanceOf(ApplyTarget.ApplyException.class)
                .hasMessageContaining("none.sock")
                .hasMessageContaining("nothing changed");
        applier.revert(); // nothing applied: nothing to put back, no connection needed
    }
}
