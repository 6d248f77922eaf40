package io.metalstack.peering.server.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.LongConsumer;
import java.util.function.Function;

/**
 * The database: a pooled DataSource migrated by Flyway, and units of work over {@link Stores}. Every write runs in
 * one READ COMMITTED transaction whose row locks (SELECT ... FOR UPDATE) serialize conflicting requests, and is
 * durable when {@link #write} returns: PostgreSQL's commit is (its WAL is fsynced), H2's is made so (see {@link #h2Url}).
 */
public final class Database implements AutoCloseable {

    private static final int ATTEMPTS = 5;
    /** Connections in the pool. */
    static final int POOL_SIZE = 16;

    private final HikariDataSource dataSource;
    private final Jdbi jdbi;
    private final AtomicLong revision = new AtomicLong();
    private final String jdbcUrl;
    private final String user;
    private final String password;
    private final List<LongConsumer> commitListeners = new CopyOnWriteArrayList<>();
    private final List<java.util.function.Consumer<JdbcStores>> admissions = new CopyOnWriteArrayList<>();
    /** H2 only: see {@link #durableOnly}. Fair, so that a steady stream of reads never starves a commit. */
    private final ReentrantReadWriteLock durability = new ReentrantReadWriteLock(true);

    public Database(String jdbcUrl, String user, String password) {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        if (user != null) {
            config.setUsername(user);
        }
        if (password != null) {
            config.setPassword(password);
        }
        config.setMaximumPoolSize(POOL_SIZE);
        // every connection starts and stays READ COMMITTED: a unit of work never asks the driver for the level (on
        // PostgreSQL each ask is a round trip) and only a snapshot sets another one, for its own transaction
        config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        config.setPoolName("metal-api");
        this.dataSource = new HikariDataSource(config);
        migrate(dataSource);
        this.jdbi = Jdbi.create(dataSource);
        revision.set(read(Stores::revision));
    }

    /** Brings the schema and the stored documents to this server's version: the SQL migrations and the Java ones of this package. */
    static void migrate(javax.sql.DataSource dataSource) {
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").javaMigrations(new StorageRecordsMigration())
                .load().migrate();
    }

    /**
     * The embedded default: an H2 file database {@code <dataDir>/metal}. {@code WRITE_DELAY=0}: H2's MVStore otherwise
     * keeps committed transactions in memory and writes them from a background thread up to 500 ms later, so a
     * {@code kill -9} lost writes that had been answered 2xx; with 0 every commit writes its chunk to the file before
     * it returns (and {@link #write} then fsyncs it). {@code private:} creates its files 0600 ({@link PrivateFilePath}):
     * they hold the BGP passwords. {@code TRACE_LEVEL_FILE=0}: no {@code metal.trace.db}, which logged failed statements
     * with the start of their values. {@code QUERY_CACHE_SIZE=64}: a peering create runs about 20 different statements
     * (more shapes with the lengths of their {@code IN} lists); with H2's 8 each was parsed again every time.
     */
    public static String h2Url(Path dataDir) {
        return "jdbc:h2:" + PrivateFilePath.prefix() + dataDir.toAbsolutePath().resolve("metal")
                + ";LOCK_TIMEOUT=30000;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0;TRACE_LEVEL_FILE=0;QUERY_CACHE_SIZE=64";
    }

    /**
     * Reads in autocommit: each statement sees what was committed when it started, as it would in a READ COMMITTED
     * transaction, without the transaction's BEGIN and COMMIT round trips.
     */
    public <T> T read(Function<Stores, T> work) {
        // the connection first, then the lock: a read that held the lock while it waited for a connection of a pool
        // that writers hold, while they wait for a row lock of the one writer waiting for this lock, deadlocked
        return jdbi.withHandle(h -> durableOnly(() -> work.apply(new JdbcStores(h))));
    }

    /**
     * H2 makes a commit visible to other transactions before it writes it to the file, and a {@code kill -9} in between
     * loses it: a read that saw it would have shown (and the fabric would have planned, and an agent applied) a revision
     * that comes back with other contents after the restart. So on H2 a commit and its fsync are one step that no read
     * overlaps: writers take the write lock for exactly that step ({@link #commit}), reads hold the read lock. On
     * PostgreSQL a commit is durable before it is visible (its WAL is flushed first): no lock. A read takes the lock only
     * once it has its connection: nothing that holds the lock waits for anything a writer holds.
     */
    private <T> T durableOnly(java.util.function.Supplier<T> read) {
        if (postgres()) {
            return read.get();
        }
        durability.readLock().lock();
        try {
            return read.get();
        } finally {
            durability.readLock().unlock();
        }
    }

    /** Commits {@code h}'s transaction; on H2 also fsyncs, under the write lock of {@link #durableOnly}. */
    private void commit(Handle h) {
        if (postgres()) {
            h.commit();
            return;
        }
        durability.writeLock().lock();
        try {
            h.commit();
            // in the file already (WRITE_DELAY=0); now on the disk too, before any read or answer sees it
            h.execute("CHECKPOINT SYNC");
        } finally {
            durability.writeLock().unlock();
        }
    }

    /**
     * Runs {@code work} in one transaction and commits. A collision on the VRF pool's unique constraint (two
     * allocations drew the same VRF at once) or a deadlock the database broke reruns the whole unit of work.
     */
    public <T> T write(Function<Stores, T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                JdbcStores used;
                T result;
                try (Handle h = jdbi.open()) {
                    h.begin(); // READ COMMITTED, the pool's level
                    try {
                        used = new JdbcStores(h);
                        result = work.apply(used);
                        for (java.util.function.Consumer<JdbcStores> check : admissions) {
                            check.accept(used);
                        }
                        used.logChanges(postgres());
                        commit(h);
                    } catch (RuntimeException | Error e) {
                        rollback(h, e);
                        throw e;
                    }
                }
                revision.accumulateAndGet(used.bumped(), Math::max);
                if (used.bumped() >= 0) {
                    long bumped = used.bumped();
                    commitListeners.forEach(l -> l.accept(bumped));
                }
                return result;
            } catch (RuntimeException e) {
                if (transientFailure(e) && attempt < ATTEMPTS) {
                    continue;
                }
                String constraint = uniqueViolation(e);
                if (constraint == null) {
                    throw e;
                }
                if (constraint.contains("NETWORKS_VRF_UNIQUE") && attempt < ATTEMPTS) {
                    continue;
                }
                throw Constraints.conflict(constraint, e);
            }
        }
    }

    private static void rollback(Handle h, Throwable cause) {
        try {
            if (h.isInTransaction()) {
                h.rollback();
            }
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    /**
     * Reads in one REPEATABLE READ transaction: a consistent snapshot, so that the change log and the entities read
     * with it agree.
     */
    public <T> T snapshot(Function<Stores, T> work) {
        if (!postgres()) {
            return jdbi.inTransaction(TransactionIsolationLevel.REPEATABLE_READ, h -> durableOnly(() -> work.apply(new JdbcStores(h))));
        }
        // the level of this transaction only (its first statement): nothing to ask before or to restore after
        return jdbi.inTransaction(h -> {
            h.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
            return work.apply(new JdbcStores(h));
        });
    }

    /** Runs in every write transaction before it commits: throwing refuses (and rolls back) the write. */
    public void beforeCommit(java.util.function.Consumer<JdbcStores> check) {
        admissions.add(check);
    }

    /** Runs after every committed write that bumped the revision, in the writing thread, with the new revision. */
    public void onCommit(LongConsumer listener) {
        commitListeners.add(listener);
    }

    /** Whether this is PostgreSQL (several replicas may share it; LISTEN/NOTIFY carries their changes). */
    public boolean postgres() {
        return jdbcUrl.startsWith("jdbc:postgresql:");
    }

    /** A new connection outside the pool (for LISTEN, which needs a connection of its own for its lifetime). */
    public java.sql.Connection connect() throws SQLException {
        return user == null ? java.sql.DriverManager.getConnection(jdbcUrl) : java.sql.DriverManager.getConnection(jdbcUrl, user, password);
    }

    /** Advances the revision this server knows of (a change another replica committed). */
    public void observed(long rev) {
        revision.accumulateAndGet(rev, Math::max);
    }

    /** The last revision this server committed or read at start. */
    public long revision() {
        return revision.get();
    }

    /** A deadlock or serialization failure (SQLSTATE class 40): the database rolled back, the work can run again. */
    private static boolean transientFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("40")) {
                return true;
            }
        }
        return false;
    }

    /** The name of the violated unique constraint (upper case), or null when {@code e} is something else. */
    private static String uniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                return String.valueOf(sql.getMessage()).toUpperCase(java.util.Locale.ROOT);
            }
        }
        return null;
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
