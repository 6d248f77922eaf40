package io.metalstack.peering.model.audit;

import io.metalstack.peering.model.DomainException;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The kind of object an event of the audit timeline is about. */
public enum AuditKind {
    MACHINE, NETWORK, PARTITION, PEERING, PROJECT, SWITCH, TOKEN;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static AuditKind parse(String text) {
        return Arrays.stream(values()).filter(k -> k.wire().equals(text)).findFirst().orElseThrow(() -> DomainException.invalid(
                "objectkind \"%s\" is unknown: use one of %s", text, Arrays.stream(values()).map(AuditKind::wire).collect(Collectors.joining(", "))));
    }
}
