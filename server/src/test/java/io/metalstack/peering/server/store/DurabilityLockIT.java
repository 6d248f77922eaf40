package io.metalstack.peering.server.store;

import io.metalstack.peering.model.Partition;
import io.metalstack.peering.model.PartitionId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * H2's commit-and-fsync lock ({@code Database#durableOnly}) never closes a wait cycle with the pool and the row locks:
 * a writer holding a row lock commits while every other connection waits for that row, and a read waits for a
 * connection. The read held the lock while it waited: the commit waited for the read, the read for a connection, the
 * connections for the row, until H2's and the pool's 30 s timeouts failed them all with 500s (seen at 50 concurrent
 * peering creates on the embedded store).
 */
class DurabilityLockIT {

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aReadWaitingForAConnectionDoesNotHoldUpTheCommitThatFreesThem() throws Exception {
        PartitionId row = PartitionId.parse("fra");
        ExecutorService threads = Executors.newCachedThreadPool();
        try (Database db = new Database(Database.h2Url(dir), null, null)) {
            Instant now = Instant.now();
            db.write(s -> {
                s.partitions().insert(new Partition(row, null, null, null, now, now));
                return null;
            });
            CountDownLatch locked = new CountDownLatch(1);
            CountDownLatch waiting = new CountDownLatch(Database.POOL_SIZE - 1);
            List<Future<?>> all = new ArrayList<>();
            // the first writer locks the row, and commits once every other connection waits for it and a read waits for a connection
            CountDownLatch commit = new CountDownLatch(1);
            all.add(threads.submit(() -> db.write(s -> {
                s.partitions().lock(row);
                locked.countDown();
                await(commit);
                return null;
            })));
            await(locked);
            for (int i = 1; i < Database.POOL_SIZE; i++) {
                all.add(threads.submit(() -> db.write(s -> {
                    waiting.countDown();
                    return s.partitions().lock(row);
                })));
            }
            await(waiting);
            all.add(threads.submit(() -> db.read(s -> s.partitions().get(row))));
            // the writers reach the row lock, the read the empty pool (nothing to observe them by: time to get there)
            Thread.sleep(1_000);
            commit.countDown();
            for (Future<?> f : all) {
                f.get(); // with the cycle: lock and connection timeouts after 30 s, thrown here
            }
        } finally {
            threads.shutdownNow();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
