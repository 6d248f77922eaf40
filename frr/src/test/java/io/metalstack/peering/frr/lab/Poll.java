package io.metalstack.peering.frr.lab;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Polls a value until it satisfies a condition or a timeout expires. Never used to assert on time itself. */
public final class Poll {
    private static final Duration INTERVAL = Duration.ofMillis(100);

    private Poll() {}

    /**
     * Returns the first value of {@code probe} that satisfies {@code done}; after {@code timeout} returns the last
     * value anyway, so that the caller's assertion shows what was there instead of a bare "timed out".
     */
    public static <T> T until(Duration timeout, Supplier<T> probe, Predicate<? super T> done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            T value = probe.get();
            if (done.test(value) || System.nanoTime() - deadline > 0) {
                return value;
            }
            sleep(INTERVAL);
        }
    }

    /** Waits for a condition; throws {@link IllegalStateException} naming {@code what} if it never holds. */
    public static void await(Duration timeout, String what, Supplier<Boolean> condition) {
        if (!until(timeout, condition, Boolean::booleanValue)) {
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
