package io.metalstack.peering.agent;

import java.time.Duration;

import static java.util.Objects.requireNonNull;

/**
 * How long to wait before the next call to metal-api after {@code failures} consecutive failures: doubling from
 * {@code initial}, capped at {@code max}. Pure: the loop does the sleeping.
 */
record Backoff(Duration initial, Duration max) {
    Backoff {
        requireNonNull(initial, "initial is null");
        requireNonNull(max, "max is null");
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < initial <= max: " + initial + ", " + max);
        }
    }

    /** Zero for no failure; {@code initial * 2^(failures-1)} otherwise, never more than {@code max}. */
    Duration delay(int failures) {
        if (failures <= 0) {
            return Duration.ZERO;
        }
        Duration d = initial;
        for (int i = 1; i < failures && d.compareTo(max) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(max) > 0 ? max : d;
    }
}
