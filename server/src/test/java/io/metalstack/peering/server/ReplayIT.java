package io.metalstack.peering.server;

import io.metalstack.peering.server.bench.StatementCount;
import io.metalstack.peering.server.fabric.Fabric;
import io.metalstack.peering.server.store.Database;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A commit is announced twice on PostgreSQL: to its writer, and over NOTIFY to every replica including its own. The
 * fabric replays a revision once: announced again, it costs no statement (each sync was a transaction of four).
 */
class ReplayIT {

    @RegisterExtension
    static final PostgresExtension POSTGRES = new PostgresExtension();

    @Test
    void aRevisionReplayedAlreadyCostsNoStatementAndANewOneIsReplayedByOneSync() throws Exception {
        String url = POSTGRES.newDatabaseUrl();
        try (Database db = new Database(url, null, null); Database other = new Database(url, null, null)) {
            Fabric fabric = new Fabric(db);
            long seen = fabric.state().seen();
            assertThat(StatementCount.during(POSTGRES.server(), () -> fabric.replay(seen)).shapes()).isEmpty();

            // another replica's commit, which this one has not replayed: one sync reads it
            long committed = other.write(s -> s.bumpRevision());
            StatementCount.Counted first = StatementCount.during(POSTGRES.server(), () -> fabric.replay(committed));
            assertThat(first.total()).isPositive();
            assertThat(first.shapes()).containsEntry("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ", 1);
            assertThat(fabric.state().seen()).isEqualTo(committed);
            // announced again (its NOTIFY after the writer's own sync): nothing to read
            assertThat(StatementCount.during(POSTGRES.server(), () -> fabric.replay(committed)).total()).isZero();
        }
    }
}
