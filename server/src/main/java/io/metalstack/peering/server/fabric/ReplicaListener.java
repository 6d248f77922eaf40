package io.metalstack.peering.server.fabric;

import io.metalstack.peering.server.store.InternalErrors;
import io.metalstack.peering.server.store.JdbcSwitchState;
import io.metalstack.peering.server.store.Database;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Across replicas on one PostgreSQL: LISTENs on {@link JdbcSwitchState#CHANNEL}, where every replica's committing
 * write sends its revision, and has the {@link Fabric} replay the change log then. It also syncs every few seconds
 * while idle, and after reconnecting, so that a notification lost with a broken connection delays a change but never
 * loses it.
 */
public final class ReplicaListener implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReplicaListener.class);
    private static final int POLL_MILLIS = 500;
    private static final int IDLE_SYNC_EVERY = 10;

    private final Database db;
    private final Fabric fabric;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Connection connection;

    public ReplicaListener(Database db, Fabric fabric) {
        this.db = db;
        this.fabric = fabric;
        this.thread = new Thread(this::run, "metal-api-replica-listener");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        while (running) {
            try (Connection c = db.connect(); Statement st = c.createStatement()) {
                connection = c;
                st.execute("LISTEN " + JdbcSwitchState.CHANNEL);
                PGConnection pg = c.unwrap(PGConnection.class);
                fabric.sync();
                int idle = 0;
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(POLL_MILLIS);
                    if (notifications != null && notifications.length > 0) {
                        idle = 0;
                        // this replica's own commits are announced too: a revision its writer's sync replayed costs nothing
                        announced(notifications).ifPresentOrElse(fabric::replay, fabric::sync);
                    } else if (++idle >= IDLE_SYNC_EVERY) {
                        idle = 0;
                        fabric.sync();
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    LOG.warn("listening for other replicas' changes failed, reconnecting in 1 s: {}", InternalErrors.describe(e));
                    sleep();
                }
            }
        }
    }

    /** The newest revision the notifications announce; empty when one does not carry a revision (then: sync). */
    static java.util.OptionalLong announced(PGNotification[] notifications) {
        long newest = -1;
        for (PGNotification n : notifications) {
            try {
                newest = Math.max(newest, Long.parseLong(n.getParameter()));
            } catch (NumberFormatException e) {
                return java.util.OptionalLong.empty();
            }
        }
        return java.util.OptionalLong.of(newest);
    }

    private static void sleep() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        Connection c = connection;
        try {
            if (c != null) {
                c.close();
            }
        } catch (SQLException e) {
            LOG.debug("closing the LISTEN connection: {}", InternalErrors.describe(e));
        }
        thread.interrupt();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
