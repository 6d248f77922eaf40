package io.metalstack.peering.model.status;

import java.util.List;
import java.util.Locale;

/**
 * Where a peering stands on one switch, and over all its switches; {@code DISABLED} only for a whole peering that is
 * switched off (it is on no switch), never derived from switches by {@link #of}.
 */
public enum Phase {
    PENDING, ACTIVE, DEGRADED, FAILED, DISABLED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * A peering's phase from its switches': failed when all failed, degraded when some failed or are degraded,
     * pending while some have not applied it (or no switch hosts it yet), else active.
     */
    public static Phase of(List<Phase> switches) {
        if (switches.isEmpty()) {
            return PENDING;
        }
        if (switches.stream().allMatch(p -> p == FAILED)) {
            return FAILED;
        }
        if (switches.stream().anyMatch(p -> p == FAILED || p == DEGRADED)) {
            return DEGRADED;
        }
        if (switches.contains(PENDING)) {
            return PENDING;
        }
        return ACTIVE;
    }
}
