package io.metalstack.peering.server.store;

import io.metalstack.peering.model.ProjectId;
import io.metalstack.peering.model.audit.AuditAction;
import io.metalstack.peering.model.audit.AuditEvent;
import io.metalstack.peering.model.audit.AuditKind;
import io.metalstack.peering.server.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A project's page of the audit timeline: every event naming the project in either column, once, oldest first, paged,
 * with the other filters; read by the project columns' indexes (V7), not by walking every event in seq order.
 */
class EventPageIT {

    private static final ProjectId P1 = ProjectId.parse("p1"), P2 = ProjectId.parse("p2");

    @TempDir
    Path dir;

    @Test
    void onH2AProjectsPageNamesItOnceInEitherColumnAndIsReadByTheProjectIndexes() {
        try (Database db = new Database(Database.h2Url(dir), null, null)) {
            assertPages(db);
            String plan = db.read(s -> ((JdbcStores) s).handle().createQuery("EXPLAIN " + JdbcEvents.pageSql(filter(P1, Optional.empty()), true))
                    .bind("project", "p1").bind("after", 0L).bind("limit", 10).mapTo(String.class).one());
            assertThat(plan).contains("EVENTS_PROJECT1").contains("EVENTS_PROJECT2");
        }
    }

    @Test
    void onPostgresqlAProjectsPageNamesItOnceInEitherColumn() {
        try (TestPostgres pg = TestPostgres.start(); Database db = new Database(pg.newDatabaseUrl(), null, null)) {
            assertPages(db);
        }
    }

    private static void assertPages(Database db) {
        Instant t = Instant.parse("2026-12-05T12:00:00Z");
        db.write(s -> {
            append(s, t, AuditKind.PEERING, "a", P1);          // 1
            append(s, t, AuditKind.PEERING, "b", P2);          // 2
            append(s, t, AuditKind.PEERING, "c", P1, P2);      // 3
            append(s, t, AuditKind.NETWORK, "d", P2, P1);      // 4
            append(s, t, AuditKind.PARTITION, "e");            // 5: admin and infra only
            append(s, t, AuditKind.PEERING, "f", P2, P1);      // 6
            return null;
        });
        assertThat(seqs(db, filter(P1, Optional.empty()), Optional.empty(), 10)).containsExactly(1L, 3L, 4L, 6L);
        assertThat(seqs(db, filter(P2, Optional.empty()), Optional.empty(), 10)).containsExactly(2L, 3L, 4L, 6L);
        // paged: the page ends at the limit and the next starts after it
        assertThat(seqs(db, filter(P1, Optional.empty()), Optional.empty(), 2)).containsExactly(1L, 3L);
        assertThat(seqs(db, filter(P1, Optional.empty()), Optional.of("3"), 2)).containsExactly(4L, 6L);
        // with another filter, in both columns
        assertThat(seqs(db, filter(P1, Optional.of(AuditKind.PEERING)), Optional.empty(), 10)).containsExactly(1L, 3L, 6L);
        // no project: everything
        assertThat(seqs(db, new Stores.EventFilter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty()), Optional.empty(), 10)).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
    }

    private static void append(Stores s, Instant t, AuditKind kind, String id, ProjectId... projects) {
        s.events().append(new AuditEvent(0, t, "admin", "admin", AuditAction.CREATE, kind, id, List.of(projects), "created"));
    }

    private static Stores.EventFilter filter(ProjectId project, Optional<AuditKind> kind) {
        return new Stores.EventFilter(kind, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(project));
    }

    private static List<Long> seqs(Database db, Stores.EventFilter f, Optional<String> after, int limit) {
        return db.read(s -> s.events().page(f, after, limit)).stream().map(AuditEvent::seq).toList();
    }
}
