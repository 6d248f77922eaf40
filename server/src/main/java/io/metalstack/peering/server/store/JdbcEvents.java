package io.metalstack.peering.server.store;

import io.metalstack.peering.model.ProjectId;
import io.metalstack.peering.model.audit.AuditAction;
import io.metalstack.peering.model.audit.AuditEvent;
import io.metalstack.peering.model.audit.AuditKind;
import org.jdbi.v3.core.Handle;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** The audit timeline in table {@code events} (V6): plain columns, no document; filters and visibility in SQL. */
final class JdbcEvents implements Stores.EventStore {

    private static final String COLUMNS = "seq, at_us, actor, actor_role, action, object_kind, object_id, project1, project2, brief";

    private final Handle handle;

    JdbcEvents(Handle handle) {
        this.handle = handle;
    }

    @Override
    public void append(AuditEvent e) {
        List<ProjectId> projects = e.projects();
        handle.createUpdate("INSERT INTO events (at_us, actor, actor_role, action, object_kind, object_id, project1, project2, brief)"
                        + " VALUES (:at, :actor, :role, :action, :kind, :id, :p1, :p2, :brief)")
                .bind("at", micros(e.time())).bind("actor", e.actor()).bind("role", e.role()).bind("action", e.action().wire())
                .bind("kind", e.kind().wire()).bind("id", e.objectId())
                .bind("p1", projects.isEmpty() ? null : projects.get(0).value())
                .bind("p2", projects.size() < 2 ? null : projects.get(1).value())
                .bind("brief", e.brief()).execute();
    }

    @Override
    public List<AuditEvent> page(Stores.EventFilter f, Optional<String> after, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit " + limit + " is below 1");
        }
        List<String> where = new ArrayList<>();
        Map<String, Object> binds = new LinkedHashMap<>();
        f.kind().ifPresent(v -> condition(where, binds, "object_kind = :kind", "kind", v.wire()));
        f.objectId().ifPresent(v -> condition(where, binds, "object_id = :oid", "oid", v));
        f.actor().ifPresent(v -> condition(where, binds, "actor = :actor", "actor", v));
        f.action().ifPresent(v -> condition(where, binds, "action = :action", "action", v.wire()));
        f.from().ifPresent(v -> condition(where, binds, "at_us >= :from", "from", micros(v)));
        f.to().ifPresent(v -> condition(where, binds, "at_us < :to", "to", micros(v)));
        f.project().ifPresent(v -> condition(where, binds, "(project1 = :project OR project2 = :project)", "project", v.value()));
        after.ifPresent(v -> condition(where, binds, "seq > :after", "after", Long.parseLong(v)));
        var q = handle.createQuery("SELECT " + COLUMNS + " FROM events" + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
                + " ORDER BY seq LIMIT :limit");
        binds.forEach(q::bind);
        return q.bind("limit", limit).map((rs, ctx) -> new AuditEvent(rs.getLong("seq"), instant(rs.getLong("at_us")), rs.getString("actor"),
                rs.getString("actor_role"), AuditAction.parse(rs.getString("action")), AuditKind.parse(rs.getString("object_kind")), rs.getString("object_id"),
                Stream.of(rs.getString("project1"), rs.getString("project2")).filter(p -> p != null).map(ProjectId::parse).toList(),
                rs.getString("brief"))).list();
    }

    @Override
    public int prune(Instant before, int max) {
        return handle.createUpdate("DELETE FROM events WHERE seq IN (SELECT seq FROM events WHERE at_us < :before ORDER BY seq LIMIT :max)")
                .bind("before", micros(before)).bind("max", max).execute();
    }

    private static void condition(List<String> where, Map<String, Object> binds, String sql, String name, Object value) {
        where.add(sql);
        binds.put(name, value);
    }

    private static long micros(Instant t) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, t);
    }

    private static Instant instant(long micros) {
        return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
    }
}
