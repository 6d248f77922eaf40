package io.metalstack.peering.frr.lab;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Polls a value until it satisfies a condition or a timeout expires. Never used to assert on time itself. */
public final class Poll {
    /** Between reads of FRR state (each a vtysh call). */
    private static final Duration INTERVAL = Duration.ofMillis(100);
    /** Between checks of local state (a file, /proc): cheap, and on the path of every daemon start and stop. */
    static final Duration CHEAP_INTERVAL = Duration.ofMillis(10);

    private Poll() {}

    /**
     * Returns the first value of {@code probe} that satisfies {@code done}; after {@code timeout} returns the last
     * value anyway, so that the caller's assertion shows what was there instead of a bare "timed out".
     */
    public static <T> T until(Duration timeout, Supplier<T> probe, Predicate<? super T> done) {
        return until(timeout, INTERVAL, probe, done);
    }

    static <T> T until(Duration timeout, Duration interval, Supplier<T> probe, Predicate<? super T> done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            T value = probe.get();
            if (done.test(value) || System.nanoTime() - deadline > 0) {
                return value;
            }
            sleep(interval);
        }
    }

    /**
     * Waits for a cheap local condition (a file, a process state), checking often; throws
     * {@link IllegalStateException} naming {@code what} if it never holds.
     */
    public static void await(Duration timeout, String what, Supplier<Boolean> condition) {
        if (!until(timeout, CHEAP_INTERVAL, condition, Boolean::booleanValue)) {
            throw new IllegalStateException("timed out after " + timeout + " waiting for " + what);
        }
    }

    static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting", e);
        }
    }
}
