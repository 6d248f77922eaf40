package io.metalstack.peering.server.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * V5: from the wire documents to the storage records. Until V4 every {@code doc} held the JSON of the entity's API
 * record ({@code V1Network}, ...; lower-case concatenated names, e.g. {@code partitionid}); from V5 it holds the storage
 * record of this package (the model's names, a {@code schema} version). This rewrites every document of every table,
 * field by field, in JSON alone: it is a fixed function of the old form and reads no class that may change later (no
 * wire record, no storage record). Also adds what the database answers by index: {@code machine_switches} (the switches
 * a machine is cabled to) and {@code peerings.bgp_switch} (an external peering's exit switch), filled from the documents.
 * The defaults the old reader applied to a missing field (type local, origin manual, enabled, role machine, maxprefixes
 * 1000, no bfd, no nat) are written out.
 */
final class StorageRecordsMigration implements JavaMigration {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("5");
    }

    @Override
    public String getDescription() {
        return "storage records";
    }

    @Override
    public Integer getChecksum() {
        return null;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws SQLException {
        Connection c = context.getConnection();
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE machine_switches (machine_id VARCHAR(128) NOT NULL, switch_id VARCHAR(128) NOT NULL,"
                    + " CONSTRAINT machine_switches_pk PRIMARY KEY (switch_id, machine_id),"
                    + " CONSTRAINT machine_switches_machine FOREIGN KEY (machine_id) REFERENCES machines (id) ON DELETE CASCADE)");
            s.execute("CREATE INDEX machine_switches_machine ON machine_switches (machine_id)");
            s.execute("ALTER TABLE peerings ADD COLUMN bgp_switch VARCHAR(128)");
            s.execute("CREATE INDEX peerings_bgp_switch ON peerings (bgp_switch)");
        }
        rewrite(c, "partitions", "doc", StorageRecordsMigration::partition);
        rewrite(c, "projects", "doc", StorageRecordsMigration::project);
        rewrite(c, "networks", "doc", StorageRecordsMigration::network);
        rewrite(c, "switches", "doc", StorageRecordsMigration::switchOf);
        rewrite(c, "machines", "doc", StorageRecordsMigration::machine);
        rewrite(c, "peerings", "doc", StorageRecordsMigration::peering);
        rewrite(c, "tokens", "doc", StorageRecordsMigration::token);
        rewrite(c, "switch_reports", "doc", StorageRecordsMigration::report);
        rewrite(c, "switch_intents", "vlans", StorageRecordsMigration::vlans);
        for (Map.Entry<String, String> m : documents(c, "machines", "doc").entrySet()) {
            Set<String> switches = new LinkedHashSet<>();
            read(m.getValue()).path("connections").forEach(x -> switches.add(x.path("switchId").asText()));
            for (String sw : switches) {
                try (PreparedStatement ins = c.prepareStatement("INSERT INTO machine_switches (machine_id, switch_id) VALUES (?, ?)")) {
                    ins.setString(1, m.getKey());
                    ins.setString(2, sw);
                    ins.executeUpdate();
                }
            }
        }
        for (Map.Entry<String, String> p : documents(c, "peerings", "doc").entrySet()) {
            JsonNode sw = read(p.getValue()).path("bgp").path("localSwitch");
            if (sw.isTextual()) {
                try (PreparedStatement up = c.prepareStatement("UPDATE peerings SET bgp_switch = ? WHERE id = ?")) {
                    up.setString(1, sw.asText());
                    up.setString(2, p.getKey());
                    up.executeUpdate();
                }
            }
        }
    }

    private static void rewrite(Connection c, String table, String column, UnaryOperator<ObjectNode> toStored) throws SQLException {
        for (Map.Entry<String, String> row : documents(c, table, column).entrySet()) {
            JsonNode old = read(row.getValue());
            if (!(old instanceof ObjectNode o)) {
                throw new IllegalStateException(table + " row " + row.getKey() + ": the " + column + " is no JSON object");
            }
            try (PreparedStatement up = c.prepareStatement("UPDATE " + table + " SET " + column + " = ? WHERE id = ?")) {
                up.setString(1, write(toStored.apply(o)));
                up.setString(2, row.getKey());
                up.executeUpdate();
            }
        }
    }

    private static Map<String, String> documents(Connection c, String table, String column) throws SQLException {
        Map<String, String> out = new LinkedHashMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT id, " + column + " FROM " + table + " ORDER BY id")) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getString(2));
            }
        }
        return out;
    }

    // ---- the old documents, field by field

    private static ObjectNode partition(ObjectNode w) {
        return copy(stored(), w, "id", "name", "description", "labels", "created", "changed");
    }

    private static ObjectNode project(ObjectNode w) {
        return copy(stored(), w, "id", "name", "tenant", "description", "labels", "created", "changed");
    }

    private static ObjectNode network(ObjectNode w) {
        ObjectNode n = copy(stored(), w, "id", "name", "description");
        rename(n, w, "partitionid", "partition");
        rename(n, w, "projectid", "project");
        rename(n, w, "parentnetworkid", "parent");
        String type = w.path("networktype").asText();
        // the old reader took "shared" over the type of a private network
        if (w.path("shared").isBoolean() && (type.equals("child") || type.equals("child-shared"))) {
            type = w.get("shared").asBoolean() ? "child-shared" : "child";
        }
        n.put("type", type);
        copy(n, w, "prefixes");
        rename(n, w, "destinationprefixes", "destinationPrefixes");
        copy(n, w, "vrf");
        rename(n, w, "defaultchildprefixlength", "defaultChildPrefixLength");
        n.put("nat", w.path("nat").asBoolean(false));
        copy(n, w, "labels", "created", "changed");
        rename(n, w, "additionalannouncablecidrs", "additionalAnnouncable");
        rename(n, w, "additionalAnnouncableCIDRs", "additionalAnnouncable");
        return n;
    }

    private static ObjectNode switchOf(ObjectNode w) {
        ObjectNode s = copy(stored(), w, "id");
        rename(s, w, "partitionid", "partition");
        copy(s, w, "rack", "zone", "role", "os", "asn");
        rename(s, w, "routerid", "routerId");
        ArrayNode ports = s.putArray("ports");
        w.path("ports").forEach(p -> ports.addObject().put("name", p.path("name").asText()).put("uplink", p.path("uplink").asBoolean(false)));
        return copy(s, w, "created", "changed");
    }

    private static ObjectNode machine(ObjectNode w) {
        ObjectNode m = copy(stored(), w, "id", "name");
        rename(m, w, "partitionid", "partition");
        m.put("role", w.path("role").isTextual() ? w.get("role").asText() : "machine");
        ArrayNode connections = m.putArray("connections");
        w.path("connections").forEach(c -> connections.addObject().put("switchId", c.path("switchid").asText()).put("port", c.path("port").asText()));
        if (w.path("allocation").isObject()) {
            ObjectNode a = m.putObject("allocation");
            rename(a, (ObjectNode) w.get("allocation"), "projectid", "project");
            copy(a, (ObjectNode) w.get("allocation"), "networks");
        }
        return copy(m, w, "created", "changed");
    }

    private static ObjectNode peering(ObjectNode w) {
        ObjectNode p = copy(stored(), w, "id", "name", "description");
        rename(p, w, "projectid", "project");
        rename(p, w, "partitionid", "partition");
        copy(p, w, "network1", "network2");
        p.put("type", w.path("peeringtype").isTextual() ? w.get("peeringtype").asText() : "local");
        if (w.path("bgp").isObject()) {
            JsonNode b = w.get("bgp");
            ObjectNode s = p.putObject("bgp");
            s.set("localAs", b.path("local").path("as"));
            s.set("localCidr", b.path("local").path("cidr"));
            String port = b.path("local").path("port").asText();
            int at = port.indexOf('@');
            if (at <= 0) {
                throw new IllegalStateException("peering " + w.path("id").asText() + ": bgp.local.port is not <port>@<switch>");
            }
            s.put("localSwitch", port.substring(at + 1));
            s.put("localPort", port.substring(0, at));
            s.set("remoteAs", b.path("remote").path("as"));
            s.set("remoteCidr", b.path("remote").path("cidr"));
            s.put("maxPrefixes", b.path("maxprefixes").isNumber() ? b.get("maxprefixes").asInt() : 1000);
            s.put("bfd", b.path("bfd").asBoolean(false));
            copy(s, (ObjectNode) b, "password");
            rename(s, (ObjectNode) b, "importprefixes", "importPrefixes");
            rename(s, (ObjectNode) b, "exportprefixes", "exportPrefixes");
        }
        p.put("origin", w.path("origin").isTextual() ? w.get("origin").asText() : "manual");
        copy(p, w, "labels", "created", "changed");
        // stored before peerings could be disabled: enabled
        p.put("enabled", !(w.path("enabled").isBoolean() && !w.get("enabled").asBoolean()));
        return p;
    }

    private static ObjectNode token(ObjectNode w) {
        ObjectNode t = copy(stored(), w, "id");
        rename(t, w, "secrethash", "secretHash");
        copy(t, w, "role");
        rename(t, w, "projectid", "project");
        return copy(t, w, "description", "created", "expires");
    }

    private static ObjectNode report(ObjectNode w) {
        ObjectNode r = copy(stored(), w, "time", "revision");
        rename(r, w, "durationms", "durationMs");
        copy(r, w, "error");
        rename(r, w, "vrfs", "observed");
        ArrayNode sessions = r.putArray("sessions");
        w.path("sessions").forEach(s -> sessions.addObject().put("peering", s.path("peeringid").asText())
                .put("state", s.path("state").asText()).put("prefixesReceived", s.path("prefixesreceived").asLong()));
        return r;
    }

    private static ObjectNode vlans(ObjectNode w) {
        ObjectNode v = stored();
        v.set("vlans", w);
        return v;
    }

    private static ObjectNode stored() {
        return NODES.objectNode().put("schema", 1);
    }

    /** Copies the fields of {@code from} that are present and not null. */
    private static ObjectNode copy(ObjectNode to, ObjectNode from, String... fields) {
        for (String f : fields) {
            rename(to, from, f, f);
        }
        return to;
    }

    private static void rename(ObjectNode to, ObjectNode from, String oldName, String newName) {
        JsonNode v = from.get(oldName);
        if (v != null && !v.isNull()) {
            to.set(newName, v);
        }
    }

    private static JsonNode read(String doc) {
        try {
            return JSON.readTree(doc);
        } catch (IOException e) {
            throw new UncheckedIOException("a stored document is no JSON: " + e.getMessage(), e);
        }
    }

    private static String write(JsonNode doc) {
        try {
            return JSON.writeValueAsString(doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
