package io.metalstack.peering.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.metalstack.peering.api.MetalApiClient;
import io.metalstack.peering.api.V1Peering;
import io.metalstack.peering.model.AddressFamily;
import io.metalstack.peering.model.Allocation;
import io.metalstack.peering.model.Asn;
import io.metalstack.peering.model.BgpPeer;
import io.metalstack.peering.model.InterfaceAddress;
import io.metalstack.peering.model.IpPrefix;
import io.metalstack.peering.model.Ipv4Address;
import io.metalstack.peering.model.Labels;
import io.metalstack.peering.model.Machine;
import io.metalstack.peering.model.MachineConnection;
import io.metalstack.peering.model.MachineId;
import io.metalstack.peering.model.MachineRole;
import io.metalstack.peering.model.Network;
import io.metalstack.peering.model.NetworkId;
import io.metalstack.peering.model.NetworkType;
import io.metalstack.peering.model.Partition;
import io.metalstack.peering.model.PartitionId;
import io.metalstack.peering.model.Peering;
import io.metalstack.peering.model.PeeringId;
import io.metalstack.peering.model.PeeringOrigin;
import io.metalstack.peering.model.PeeringType;
import io.metalstack.peering.model.PortName;
import io.metalstack.peering.model.Project;
import io.metalstack.peering.model.ProjectId;
import io.metalstack.peering.model.Switch;
import io.metalstack.peering.model.SwitchId;
import io.metalstack.peering.model.SwitchOs;
import io.metalstack.peering.model.SwitchPort;
import io.metalstack.peering.model.SwitchRole;
import io.metalstack.peering.model.Vni;
import io.metalstack.peering.model.rules.PeeringRules;
import io.metalstack.peering.model.status.SwitchReport;
import io.metalstack.peering.server.auth.Role;
import io.metalstack.peering.server.auth.Token;
import io.metalstack.peering.server.http.MetalApiServer;
import io.metalstack.peering.server.store.Database;
import io.metalstack.peering.server.store.Stores;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The database's own storage records, on H2 and on PostgreSQL: a database an older server left at V4 (every document
 * the JSON of a wire record: {@code migration/v4-database.json}) starts under this server, its documents rewritten by
 * the V5 migration and read through the stores as the model records they were; and the indexes the database answers
 * a switch's machines and external sessions from follow every write in its transaction.
 */
abstract class StorageContract {

    private static final String ADMIN = "admin-token-from-v4";
    private static final String TENANT = "tenant-token-from-v4";
    private static final List<String> TABLES = List.of("partitions", "projects", "networks", "switches", "machines", "peerings",
            "tokens", "switch_reports", "switch_intents");

    abstract String newDatabaseUrl();

    @Test
    void aV4DatabaseStartsUnderThisServerAndReadsAsTheModelRecordsItHeld() throws Exception {
        String url = newDatabaseUrl();
        Flyway.configure().dataSource(url, null, null).locations("classpath:db/migration").target("4").load().migrate();
        fill(url, "/migration/v4-database.json");

        try (Database db = new Database(url, null, null)) {
            db.read(s -> {
                assertThat(s.partitions().list()).containsExactly(new Partition(PartitionId.parse("fra"), "Frankfurt", "fra-equ01",
                        Labels.of(Map.of("site", "equ01")), at("01T10:00"), at("02T10:00")));
                assertThat(s.projects().list()).containsExactly(
                        new Project(ProjectId.parse("p1"), "tenant-a", "acme", "the tenant's project", Labels.of(Map.of("auto-peer", "true")),
                                at("01T10:01"), at("01T10:01")),
                        new Project(ProjectId.parse("p2"), null, "storage", null, null, at("01T10:02"), at("01T10:02")));
                assertThat(s.networks().list()).containsExactlyElementsOf(networks());
                assertThat(s.switches().list()).containsExactlyElementsOf(switches());
                assertThat(s.machines().list()).containsExactlyElementsOf(machines());
                assertThat(s.peerings().list()).containsExactlyElementsOf(peerings());
                assertThat(s.tokens().list()).containsExactly(
                        new Token("admin", "54d47173cddb3621914e6125e43a2a29441c1212b728637842b4169d68dd2198", Role.ADMIN, Optional.empty(),
                                "admin token of this server", at("01T10:00"), Optional.empty()),
                        new Token("t-tenant", "24ec7993ad3edc605aaf5a52cf9d228610e1c568836f1cfab68370da659550ee", Role.EDITOR,
                                Optional.of(ProjectId.parse("p1")), "ci", at("01T10:16"), Optional.of(Instant.parse("2099-01-01T00:00:00Z"))));
                assertThat(s.switchState().reports()).isEqualTo(reports());
                assertThat(s.switchState().intents()).containsOnlyKeys(SwitchId.parse("leaf01"));
                Stores.StoredIntent intent = s.switchState().intents().get(SwitchId.parse("leaf01"));
                assertThat(intent.revision()).isEqualTo(12);
                assertThat(intent.digest()).isEqualTo("0f3c");
                assertThat(intent.vlans()).isEqualTo(new TreeMap<>(Map.of(Vni.of(30), 1001, Vni.of(31), 1002)));
                // the indexes were filled from the documents
                assertThat(s.machines().on(SwitchId.parse("leaf01"))).extracting(Machine::id).containsExactly(MachineId.parse("m1"));
                assertThat(s.machines().on(SwitchId.parse("leaf02"))).extracting(Machine::id)
                        .containsExactly(MachineId.parse("m1"), MachineId.parse("m2"));
                assertThat(s.machines().on(SwitchId.parse("exit01"))).isEmpty();
                assertThat(s.peerings().externalOn(SwitchId.parse("exit01"))).extracting(Peering::id).containsExactly(PeeringId.parse("pe-bgp"));
                assertThat(s.peerings().externalOn(SwitchId.parse("leaf01"))).isEmpty();
                return null;
            });
            // every document now carries its schema
            try (Connection c = DriverManager.getConnection(url)) {
                for (String table : TABLES) {
                    String column = table.equals("switch_intents") ? "vlans" : "doc";
                    for (JsonNode doc : documents(c, table, column)) {
                        assertThat(doc.path("schema").asInt()).as("%s: %s", table, doc).isEqualTo(1);
                    }
                }
            }

            // and the server runs on it: the plan is made, the old tokens work, answers are as before
            MetalApiServer server = new MetalApiServer(db, new PeeringRules(50), Clock.systemUTC()).start("127.0.0.1", 0);
            try {
                URI base = URI.create("http://127.0.0.1:" + server.port());
                MetalApiClient admin = new MetalApiClient(base, ADMIN);
                V1Peering bgp = admin.peerings().get("pe-bgp");
                assertThat(bgp.bgp().haspassword()).isTrue();
                assertThat(bgp.bgp().password()).isNull();
                assertThat(bgp.bgp().local().port()).isEqualTo("Ethernet0@exit01");
                assertThat(admin.peerings().get("pe-off").enabled()).isFalse();
                assertThat(admin.peerings().get("pe-local").enabled()).isTrue();
                // the exit switch's agent gets the session with its password
                assertThat(admin.switchIntent("exit01", null, null).intent().external())
                        .singleElement().satisfies(x -> assertThat(x.password()).isEqualTo("s3cret-v4"));
                MetalApiClient tenant = new MetalApiClient(base, TENANT);
                assertThat(tenant.networks().list()).extracting(n -> n.id()).contains("n1", "n2", "storage", "internet");
            } finally {
                server.close();
            }
        }
    }

    @Test
    void aSwitchsMachinesAndExternalSessionsAreIndexedInTheTransactionOfTheirRow() {
        try (Database db = new Database(newDatabaseUrl(), null, null)) {
            Instant now = Instant.parse("2026-02-01T00:00:00Z");
            SwitchId leaf01 = SwitchId.parse("leaf01");
            SwitchId leaf02 = SwitchId.parse("leaf02");
            SwitchId exit01 = SwitchId.parse("exit01");
            Machine m = new Machine(MachineId.parse("m1"), "m1", PartitionId.parse("fra"), MachineRole.MACHINE,
                    List.of(new MachineConnection(leaf01, PortName.parse("Ethernet0")), new MachineConnection(leaf01, PortName.parse("Ethernet4"))),
                    Optional.empty(), now, now);
            db.write(s -> {
                s.partitions().insert(new Partition(PartitionId.parse("fra"), null, null, null, now, now));
                switches().forEach(s.switches()::insert);
                s.machines().insert(m);
                return null;
            });
            assertThat(machinesOn(db, leaf01)).containsExactly(m);
            assertThat(machinesOn(db, leaf02)).isEmpty();

            Machine moved = new Machine(m.id(), m.name(), m.partition(), m.role(),
                    List.of(new MachineConnection(leaf02, PortName.parse("swp1"))), m.allocation(), now, now);
            db.write(s -> {
                s.machines().update(moved);
                return null;
            });
            assertThat(machinesOn(db, leaf01)).isEmpty();
            assertThat(machinesOn(db, leaf02)).containsExactly(moved);

            // a write that fails rolls its index rows back with its row
            assertThatThrownBy(() -> db.write(s -> {
                s.machines().insert(new Machine(MachineId.parse("m9"), null, PartitionId.parse("fra"), MachineRole.MACHINE,
                        List.of(new MachineConnection(leaf01, PortName.parse("Ethernet120"))), Optional.empty(), now, now));
                throw new IllegalStateException("refused");
            })).hasMessage("refused");
            assertThat(machinesOn(db, leaf01)).isEmpty();

            db.write(s -> {
                s.machines().delete(moved.id());
                return null;
            });
            assertThat(machinesOn(db, leaf02)).isEmpty();

            Peering external = peerings().stream().filter(p -> p.bgp().isPresent()).findFirst().orElseThrow();
            db.write(s -> {
                s.peerings().insert(external);
                return null;
            });
            assertThat(externalOn(db, exit01)).containsExactly(external);
            assertThat(externalOn(db, leaf01)).isEmpty();
            db.write(s -> {
                s.peerings().delete(external.id());
                return null;
            });
            assertThat(externalOn(db, exit01)).isEmpty();
        }
    }

    // ---- what the fixture holds, as the model records a V4 server read from it

    private static List<Network> networks() {
        PartitionId fra = PartitionId.parse("fra");
        ProjectId p1 = ProjectId.parse("p1");
        NetworkId sup = NetworkId.parse("super");
        return List.of(
                new Network(NetworkId.parse("internet"), "internet", "the internet", Optional.empty(), Optional.empty(), Optional.empty(),
                        NetworkType.EXTERNAL, prefixes("185.1.2.0/24"), prefixes("0.0.0.0/0", "::/0"), Optional.of(Vni.of(104009)), Map.of(),
                        true, Labels.of(Map.of(Labels.PEERABLE, "true")), at("01T10:04"), at("01T10:04")),
                new Network(NetworkId.parse("n1"), "privnet1", null, Optional.of(fra), Optional.of(p1), Optional.of(sup), NetworkType.CHILD,
                        prefixes("10.0.0.0/22"), List.of(), Optional.of(Vni.of(30)), Map.of(), false, null, at("01T10:05"), at("03T10:05"),
                        prefixes("10.244.0.0/16")),
                new Network(NetworkId.parse("n2"), "privnet2", null, Optional.of(fra), Optional.of(p1), Optional.of(sup), NetworkType.CHILD,
                        prefixes("10.0.4.0/22", "2001:db8:0:1::/64"), List.of(), Optional.of(Vni.of(31)), Map.of(), false,
                        Labels.of(Map.of("team", "blue")), at("01T10:06"), at("01T10:06")),
                new Network(NetworkId.parse("storage"), "storage", null, Optional.of(fra), Optional.of(ProjectId.parse("p2")), Optional.of(sup),
                        NetworkType.CHILD_SHARED, prefixes("10.0.8.0/22"), List.of(), Optional.of(Vni.of(32)), Map.of(), false, null,
                        at("01T10:07"), at("01T10:07")),
                new Network(sup, "super-fra", null, Optional.of(fra), Optional.empty(), Optional.empty(), NetworkType.SUPER,
                        prefixes("10.0.0.0/16", "2001:db8::/48"), List.of(), Optional.empty(), Map.of(AddressFamily.IPV4, 22, AddressFamily.IPV6, 64),
                        false, null, at("01T10:03"), at("01T10:03"), prefixes("10.240.0.0/12")));
    }

    private static List<Switch> switches() {
        PartitionId fra = PartitionId.parse("fra");
        return List.of(
                new Switch(SwitchId.parse("exit01"), fra, "r02", "room2", SwitchRole.EXIT, SwitchOs.SONIC, Asn.of(4200000021L),
                        Ipv4Address.parse("10.255.0.21"), List.of(port("Ethernet0", false), port("Ethernet4", false)), at("01T10:10"), at("01T10:10")),
                new Switch(SwitchId.parse("leaf01"), fra, "r01", "room1", SwitchRole.LEAF, SwitchOs.SONIC, Asn.of(4200000011L),
                        Ipv4Address.parse("10.255.0.11"), List.of(port("Ethernet0", false), port("Ethernet120", true)), at("01T10:08"), at("01T10:08")),
                new Switch(SwitchId.parse("leaf02"), fra, "r01", "room1", SwitchRole.LEAF, SwitchOs.CUMULUS, Asn.of(4200000012L),
                        Ipv4Address.parse("10.255.0.12"), List.of(port("swp1", false), port("swp2", false)), at("01T10:09"), at("01T10:09")));
    }

    private static List<Machine> machines() {
        PartitionId fra = PartitionId.parse("fra");
        return List.of(
                new Machine(MachineId.parse("m1"), "worker-1", fra, MachineRole.MACHINE,
                        List.of(new MachineConnection(SwitchId.parse("leaf01"), PortName.parse("Ethernet0")),
                                new MachineConnection(SwitchId.parse("leaf02"), PortName.parse("swp1"))),
                        Optional.of(new Allocation(ProjectId.parse("p1"), List.of(NetworkId.parse("n1"), NetworkId.parse("internet")))),
                        at("01T10:11"), at("04T10:11")),
                new Machine(MachineId.parse("m2"), null, fra, MachineRole.MACHINE,
                        List.of(new MachineConnection(SwitchId.parse("leaf02"), PortName.parse("swp2"))), Optional.empty(),
                        at("01T10:12"), at("01T10:12")));
    }

    private static List<Peering> peerings() {
        Optional<ProjectId> p1 = Optional.of(ProjectId.parse("p1"));
        Optional<PartitionId> fra = Optional.of(PartitionId.parse("fra"));
        BgpPeer bgp = new BgpPeer(Asn.of(65000), InterfaceAddress.parse("172.16.0.1/30"), SwitchId.parse("exit01"), PortName.parse("Ethernet0"),
                Asn.of(65001), InterfaceAddress.parse("172.16.0.2/30"), 5000, true, Optional.of(BgpPeer.Password.of("s3cret-v4")),
                prefixes("198.51.100.0/24"), prefixes("185.1.2.0/25"));
        return List.of(
                new Peering(PeeringId.parse("pe-local"), "privnet1-to-privnet2", null, p1, fra, NetworkId.parse("n1"),
                        Optional.of(NetworkId.parse("n2")), PeeringType.LOCAL, Optional.empty(), PeeringOrigin.MANUAL,
                        Labels.of(Map.of("purpose", "db")), at("01T10:13"), at("01T10:13"), true),
                new Peering(PeeringId.parse("pe-off"), "privnet1-to-storage", "paused", p1, fra, NetworkId.parse("n1"),
                        Optional.of(NetworkId.parse("storage")), PeeringType.LOCAL, Optional.empty(), PeeringOrigin.AUTO, null,
                        at("01T10:14"), at("05T10:14"), false),
                new Peering(PeeringId.parse("pe-bgp"), "internet-upstream", null, Optional.empty(), Optional.empty(), NetworkId.parse("internet"),
                        Optional.empty(), PeeringType.EXTERNAL, Optional.of(bgp), PeeringOrigin.MANUAL, null, at("01T10:15"), at("01T10:15"), true))
                .stream().sorted(java.util.Comparator.comparing(p -> p.id().value())).toList();
    }

    private static Map<SwitchId, SwitchReport> reports() {
        TreeMap<Vni, java.util.SortedSet<IpPrefix>> observed = new TreeMap<>();
        observed.put(Vni.of(30), new TreeSet<>(prefixes("10.0.0.0/22", "10.0.4.0/22")));
        observed.put(Vni.of(31), new TreeSet<>());
        return Map.of(
                SwitchId.parse("leaf01"), new SwitchReport(Instant.parse("2026-01-06T10:00:00Z"), 12, 850, Optional.empty(),
                        Optional.of(observed), List.of()),
                SwitchId.parse("exit01"), new SwitchReport(Instant.parse("2026-01-06T10:00:01Z"), 12, 920, Optional.of("vtysh refused line 7"),
                        Optional.empty(), List.of(new SwitchReport.Session(PeeringId.parse("pe-bgp"), "Established", 2))));
    }

    // ---- helpers

    private static List<Machine> machinesOn(Database db, SwitchId id) {
        return db.read(s -> s.machines().on(id));
    }

    private static List<Peering> externalOn(Database db, SwitchId id) {
        return db.read(s -> s.peerings().externalOn(id));
    }

    /** A day and time of January 2026, e.g. {@code "01T10:00"}. */
    private static Instant at(String dayTime) {
        return Instant.parse("2026-01-" + dayTime + ":00Z");
    }

    private static List<IpPrefix> prefixes(String... prefixes) {
        return java.util.Arrays.stream(prefixes).map(IpPrefix::parse).toList();
    }

    private static SwitchPort port(String name, boolean uplink) {
        return new SwitchPort(PortName.parse(name), uplink);
    }

    /** Inserts the fixture's rows as they are: their columns and their document as text. */
    private static void fill(String url, String resource) throws Exception {
        ObjectMapper json = new ObjectMapper();
        JsonNode fixture;
        try (InputStream in = StorageContract.class.getResourceAsStream(resource)) {
            fixture = json.readTree(in);
        }
        try (Connection c = DriverManager.getConnection(url)) {
            for (String table : TABLES) {
                String column = table.equals("switch_intents") ? "vlans" : "doc";
                for (JsonNode row : fixture.path(table)) {
                    Map<String, Object> values = new LinkedHashMap<>();
                    for (Iterator<Map.Entry<String, JsonNode>> it = row.get("row").fields(); it.hasNext(); ) {
                        Map.Entry<String, JsonNode> f = it.next();
                        values.put(f.getKey(), f.getValue().isNumber() ? f.getValue().numberValue() : f.getValue().asText());
                    }
                    values.put(column, json.writeValueAsString(row.get(column)));
                    List<String> names = new ArrayList<>(values.keySet());
                    try (PreparedStatement ins = c.prepareStatement("INSERT INTO " + table + " (" + String.join(", ", names) + ") VALUES ("
                            + String.join(", ", names.stream().map(n -> "?").toList()) + ")")) {
                        for (int i = 0; i < names.size(); i++) {
                            ins.setObject(i + 1, values.get(names.get(i)));
                        }
                        ins.executeUpdate();
                    }
                }
            }
        }
    }

    private static List<JsonNode> documents(Connection c, String table, String column) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        try (var s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT " + column + " FROM " + table)) {
            while (rs.next()) {
                out.add(json.readTree(rs.getString(1)));
            }
        }
        return out;
    }
}
