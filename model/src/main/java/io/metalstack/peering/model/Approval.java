package io.metalstack.peering.model;

import java.util.Locale;

/**
 * A peering's approval by the owner of a shared network it peers into ({@link PeeringApproval}): {@code NONE} when
 * none is needed; the planner carries a peering only when {@link #planned}. {@code EXPIRED} is never stored: an
 * {@code AWAITING} one reads as expired once its approval time has passed ({@link PeeringApproval#at}).
 */
public enum Approval {
    NONE, AWAITING, APPROVED, REJECTED, EXPIRED;

    /** Whether a switch may carry the peering: no approval needed, or given. */
    public boolean planned() {
        return switch (this) {
            case NONE, APPROVED -> true;
            case AWAITING, REJECTED, EXPIRED -> false;
        };
    }

    /** {@code awaiting}, {@code approved}, ...; {@code none} for {@link #NONE}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Approval parse(String text) {
        for (Approval a : values()) {
            if (a.wire().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return a;
            }
        }
        throw DomainException.invalid("approval \"%s\" is unknown: use none, awaiting, approved, rejected or expired", text);
    }
}
