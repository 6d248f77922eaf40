package io.metalstack.peering.model.status;

import io.metalstack.peering.model.Peering;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a peering stands on one switch, and over all its switches; {@code DISABLED}, {@code AWAITING_APPROVAL},
 * {@code REJECTED} and {@code EXPIRED} only for a whole peering that the planner withholds from every switch
 * ({@link #withheld}), never derived from switches by {@link #of}.
 */
public enum Phase {
    PENDING, ACTIVE, DEGRADED, FAILED, DISABLED, AWAITING_APPROVAL, REJECTED, EXPIRED;

    /** {@code pending}, ..., {@code awaiting-approval}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * The phase of a peering no switch carries by decision ({@link Peering#planned} false): its approval's when it is
     * not given, else disabled; empty for a planned one, whose phase comes from its switches.
     */
    public static Optional<Phase> withheld(Peering p) {
        Optional<Phase> approval = switch (p.approval()) {
            case NONE, APPROVED -> Optional.empty();
            case AWAITING -> Optional.of(AWAITING_APPROVAL);
            case REJECTED -> Optional.of(REJECTED);
            case EXPIRED -> Optional.of(EXPIRED);
        };
        return approval.or(() -> p.enabled() ? Optional.empty() : Optional.of(DISABLED));
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
