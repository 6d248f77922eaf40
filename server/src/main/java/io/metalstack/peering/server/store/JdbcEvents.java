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
        Map<String, Object> binds = new LinkedHashMap<>();
        var q = handle.createQuery(pageSql(f, after.isPresent()));
        f.kind().ifPresent(v -> binds.put("kind", v.wire()));
        f.objectId().ifPresent(v -> binds.put("oid", v));
        f.actor().ifPresent(v -> binds.put("actor", v));
        f.action().ifPresent(v -> binds.put("action", v.wire()));
        f.from().ifPresent(v -> binds.put("from", micros(v)));
        f.to().ifPresent(v -> binds.put("to", micros(v)));
        f.project().ifPresent(v -> binds.put("project", v.value()));
        after.ifPresent(v -> binds.put("after", Long.parseLong(v)));
        binds.forEach(q::bind);
        return q.bind("limit", limit).map((rs, ctx) -> new AuditEvent(rs.getLong("seq"), instant(rs.getLong("at_us")), rs.getString("actor"),
                rs.getString("actor_role"), AuditAction.parse(rs.getString("action")), AuditKind.parse(rs.getString("object_kind")), rs.getString("object_id"),
                Stream.of(rs.getString("project1"), rs.getString("project2")).filter(p -> p != null).map(ProjectId::parse).toList(),
                rs.getString("brief"))).list();
    }

    /**
     * The statement of {@link #page}. A project's events are read by the index of each project column (an event
     * naming the project in both columns once), so a tenant's page costs its own events, not a walk through everyone's.
     */
    static String pageSql(Stores.EventFilter f, boolean after) {
        List<String> where = new ArrayList<>();
        f.kind().ifPresent(v -> where.add("object_kind = :kind"));
        f.objectId().ifPresent(v -> where.add("object_id = :oid"));
        f.actor().ifPresent(v -> where.add("actor = :actor"));
        f.action().ifPresent(v -> where.add("action = :action"));
        f.from().ifPresent(v -> where.add("at_us >= :from"));
        f.to().ifPresent(v -> where.add("at_us < :to"));
        if (after) {
            where.add("seq > :after");
        }
        String rest = where.stream().map(c -> " AND " + c).reduce("", String::concat);
        if (f.project().isPresent()) {
            return "SELECT " + COLUMNS + " FROM events WHERE project1 = :project" + rest
                    + " UNION ALL SELECT " + COLUMNS + " FROM events WHERE project2 = :project AND (project1 IS NULL OR project1 <> :project)" + rest
                    + " ORDER BY seq LIMIT :limit";
        }
        return "SELECT " + COLUMNS + " FROM events" + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
                + " ORDER BY seq LIMIT :limit";
    }

    @Override
    public int prune(Instant before, int max) {
        return handle.createUpdate("DELETE FROM events WHERE seq IN (SELECT seq FROM events WHERE at_us < :before ORDER BY seq LIMIT :max)")
                .bind("before", micros(before)).bind("max", max).execute();
    }

    private static long micros(Instant t) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, t);
    }

    private static Instant instant(long micros) {
        return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
    }
}
