package io.metalstack.peering.server.store;

import io.metalstack.peering.model.PeeringId;
import io.metalstack.peering.model.SwitchId;
import io.metalstack.peering.model.status.SwitchReport;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The switch side's tables: the change log, each switch's intent state (revision, digest, VLANs) and its last report. */
public final class JdbcSwitchState implements Stores.SwitchStateStore {

    /** The PostgreSQL NOTIFY channel on which a replica announces the revision it committed. */
    public static final String CHANNEL = "metal_changes";

    private final Handle handle;

    JdbcSwitchState(Handle handle) {
        this.handle = handle;
    }

    @Override
    public List<Stores.Change> changesSince(long revision) {
        return handle.createQuery("SELECT rev, kind, id FROM changes WHERE rev > :rev ORDER BY rev, kind, id").bind("rev", revision)
                .map((rs, ctx) -> new Stores.Change(rs.getLong("rev"), ChangeKind.parse(rs.getString("kind")), rs.getString("id"))).list();
    }

    @Override
    public Stores.LogSince logSince(long after) {
        long revision = -1, horizon = -1;
        List<Stores.Change> changes = new java.util.ArrayList<>();
        for (Row row : handle.createQuery("SELECT rev, kind, id FROM changes WHERE rev > :rev"
                        + " UNION ALL SELECT rev, '" + REVISION + "', '' FROM revision WHERE id = 1"
                        + " UNION ALL SELECT rev, '" + HORIZON + "', '' FROM change_horizon WHERE id = 1 ORDER BY rev, kind, id")
                .bind("rev", after).map((rs, ctx) -> new Row(rs.getLong("rev"), rs.getString("kind"), rs.getString("id"))).list()) {
            switch (row.kind()) {
                case REVISION -> revision = row.rev();
                case HORIZON -> horizon = row.rev();
                default -> changes.add(new Stores.Change(row.rev(), ChangeKind.parse(row.kind()), row.id()));
            }
        }
        boolean behind = after < horizon;
        return new Stores.LogSince(revision, behind, behind ? List.of() : changes);
    }

    private record Row(long rev, String kind, String id) {}

    /** The kinds of {@link #logSince}'s rows that are not changes (no {@link ChangeKind} has them). */
    private static final String REVISION = "#revision", HORIZON = "#horizon";

    @Override
    public Map<PeeringId, Long> peeringRevisions() {
        Map<PeeringId, Long> out = new TreeMap<>();
        handle.createQuery("SELECT id, MAX(rev) AS rev FROM changes WHERE kind = :kind GROUP BY id").bind("kind", ChangeKind.PEERING.text())
                .map((rs, ctx) -> Map.entry(rs.getString("id"), rs.getLong("rev")))
                .forEach(e -> out.put(PeeringId.parse(e.getKey()), e.getValue()));
        return out;
    }

    @Override
    public Map<SwitchId, Stores.StoredIntent> intents() {
        Map<SwitchId, Stores.StoredIntent> out = new TreeMap<>();
        handle.createQuery("SELECT id, revision, digest, vlans FROM switch_intents")
                .map((rs, ctx) -> Map.entry(rs.getString("id"),
                        new Stores.StoredIntent(rs.getLong("revision"), rs.getString("digest"),
                                StoredVlans.FORM.read(rs.getString("vlans")))))
                .forEach(e -> out.put(SwitchId.parse(e.getKey()), e.getValue()));
        return out;
    }

    @Override
    public void putIntent(SwitchId id, Stores.StoredIntent intent) {
        upsert("switch_intents", id, Map.of("revision", intent.revision(), "digest", intent.digest(),
                "vlans", StoredVlans.FORM.write(intent.vlans())));
    }

    @Override
    public Map<SwitchId, SwitchReport> reports() {
        return reports(handle.createQuery("SELECT id, doc FROM switch_reports"));
    }

    @Override
    public Map<SwitchId, SwitchReport> reports(Collection<SwitchId> ids) {
        return ids.isEmpty() ? new TreeMap<>() : reports(handle.createQuery("SELECT id, doc FROM switch_reports WHERE id IN (<ids>)")
                .bindList("ids", ids.stream().map(SwitchId::value).toList()));
    }

    private static Map<SwitchId, SwitchReport> reports(Query query) {
        Map<SwitchId, SwitchReport> out = new TreeMap<>();
        query.map((rs, ctx) -> Map.entry(rs.getString("id"), rs.getString("doc")))
                .forEach(e -> out.put(SwitchId.parse(e.getKey()), StoredSwitchReport.FORM.read(e.getValue())));
        return out;
    }

    @Override
    public void putReport(SwitchId id, SwitchReport report) {
        upsert("switch_reports", id, Map.of("doc", StoredSwitchReport.FORM.write(report)));
    }

    @Override
    public void deleteSwitch(SwitchId id) {
        handle.createUpdate("DELETE FROM switch_intents WHERE id = :id").bind("id", id.value()).execute();
        handle.createUpdate("DELETE FROM switch_reports WHERE id = :id").bind("id", id.value()).execute();
    }

    @Override
    public long horizon() {
        return handle.createQuery("SELECT rev FROM change_horizon WHERE id = 1").mapTo(Long.class).one();
    }

    @Override
    public int compact(long upTo) {
        int superseded = handle.createUpdate("DELETE FROM changes WHERE EXISTS (SELECT 1 FROM changes n"
                + " WHERE n.kind = changes.kind AND n.id = changes.id AND n.rev > changes.rev)").execute();
        int gone = handle.createUpdate("DELETE FROM changes WHERE rev <= :upTo AND ("
                        + "(kind IN (:peering, :peeringMetadata) AND id NOT IN (SELECT id FROM peerings))"
                        + " OR (kind = :machine AND id NOT IN (SELECT id FROM machines))"
                        + " OR (kind = :network AND id NOT IN (SELECT id FROM networks))"
                        + " OR (kind = :switch AND id NOT IN (SELECT id FROM switches)))")
                .bind("upTo", upTo).bind("peering", ChangeKind.PEERING.text()).bind("peeringMetadata", ChangeKind.PEERING_METADATA.text())
                .bind("machine", ChangeKind.MACHINE.text()).bind("network", ChangeKind.NETWORK.text())
                .bind("switch", ChangeKind.SWITCH.text()).execute();
        handle.createUpdate("UPDATE change_horizon SET rev = :upTo WHERE id = 1 AND rev < :upTo").bind("upTo", upTo).execute();
        return superseded + gone;
    }

    /** UPDATE, else INSERT: plain SQL both databases run (the row is written by one agent or by equal replicas). */
    private void upsert(String table, SwitchId id, Map<String, Object> columns) {
        var update = handle.createUpdate("UPDATE " + table + " SET "
                + String.join(", ", columns.keySet().stream().map(c -> c + " = :" + c).toList()) + " WHERE id = :id");
        update.bind("id", id.value());
        columns.forEach(update::bind);
        if (update.execute() == 0) {
            var insert = handle.createUpdate("INSERT INTO " + table + " (id, " + String.join(", ", columns.keySet()) + ") VALUES (:id, "
                    + String.join(", ", columns.keySet().stream().map(c -> ":" + c).toList()) + ")");
            insert.bind("id", id.value());
            columns.forEach(insert::bind);
            insert.execute();
        }
    }
}
