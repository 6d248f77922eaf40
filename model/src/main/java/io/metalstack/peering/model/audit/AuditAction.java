package io.metalstack.peering.model.audit;

import io.metalstack.peering.model.DomainException;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What an event of the audit timeline says was done: a write, or a switch's transition of a peering. */
public enum AuditAction {
    CREATE, UPDATE, DELETE, ALLOCATE, FREE, ENABLE, DISABLE, APPROVE, REJECT,
    /** A switch applied the peering's revision. */
    APPLIED,
    /** A switch failed to apply it. */
    FAILED,
    /** A switch sees prefixes in one of the peering's VRFs it neither owns nor imports. */
    LEAK,
    LEAK_CLEARED,
    /** The external BGP session changed state. */
    SESSION;

    /** {@code create}, ..., {@code leak-cleared}: the name in the API and on the command line. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static AuditAction parse(String text) {
        return Arrays.stream(values()).filter(a -> a.wire().equals(text)).findFirst().orElseThrow(() -> DomainException.invalid(
                "action \"%s\" is unknown: use one of %s", text, Arrays.stream(values()).map(AuditAction::wire).collect(Collectors.joining(", "))));
    }
}
