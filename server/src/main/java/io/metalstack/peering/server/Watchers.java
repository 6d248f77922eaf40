package io.metalstack.peering.server;

import io.metalstack.peering.model.SwitchId;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToLongFunction;

/**
 * The long-polls of switch agents, one monitor per switch: a change wakes only the watchers of the switches whose
 * intent it changed.
 */
final class Watchers {

    private final Map<SwitchId, Object> monitors = new ConcurrentHashMap<>();
    private final AtomicInteger waiting = new AtomicInteger();
    private final AtomicInteger wakeups = new AtomicInteger();

    /**
     * Waits until {@code revision} of the switch exceeds {@code after} or {@code timeoutMillis} pass; returns the
     * switch's revision then.
     */
    long await(SwitchId id, long after, long timeoutMillis, ToLongFunction<SwitchId> revision) {
        Object monitor = monitors.computeIfAbsent(id, k -> new Object());
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        waiting.incrementAndGet();
        try {
            synchronized (monitor) {
                while (true) {
                    long now = revision.applyAsLong(id);
                    long left = deadline - System.nanoTime();
                    if (now > after || left <= 0) {
                        return now;
                    }
                    monitor.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return revision.applyAsLong(id);
        } finally {
            waiting.decrementAndGet();
        }
    }

    /** Wakes the watchers of these switches (called after their new revision is visible). */
    void publish(Collection<SwitchId> changed) {
        for (SwitchId id : changed) {
            Object monitor = monitors.get(id);
            if (monitor != null) {
                synchronized (monitor) {
                    monitor.notifyAll();
                }
                wakeups.incrementAndGet();
            }
        }
    }

    /** Long-polls waiting right now. */
    int waiting() {
        return waiting.get();
    }

    /** How many times a switch's watchers were woken by a change. */
    int wakeups() {
        return wakeups.get();
    }
}
