package io.metalstack.peering.server.service;

import io.metalstack.peering.model.DomainException;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** What every create, update and delete shares: timestamps, the optimistic lock and the dependents check. */
public final class Edits {

    private final Clock clock;

    public Edits(Clock clock) {
        this.clock = clock;
    }

    public Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /** A new {@code changed} that is strictly later than the previous one, so a stale copy never matches. */
    public Instant next(Instant previous) {
        Instant now = now();
        return now.isAfter(previous) ? now : previous.plus(1, ChronoUnit.MICROS);
    }

    /** The optimistic lock of a POST update: the sender must have read the current version. */
    public static void checkChanged(Instant sent, Instant stored, String subject) {
        if (sent == null) {
            throw DomainException.invalid("field changed is missing: send back the changed value of %s you read (optimistic lock)", subject);
        }
        if (!sent.equals(stored)) {
            throw new DomainException.Conflict(String.format(
                    "%s was changed at %s, after the version you sent (changed %s): read it again and retry", subject, stored, sent));
        }
    }

    /** The new value of {@code u} after the optimistic lock against {@code stored}, with a new {@code changed}. */
    <T> T apply(Update<?, T> u, T stored, Instant storedChanged, String subject) {
        checkChanged(u.changed().orElse(null), storedChanged, subject);
        return u.proposal().of(stored, next(storedChanged));
    }

    /** 409 naming every object that still uses {@code subject}. */
    public static void refuseIfUsed(String subject, String action, Map<String, List<String>> usersByKind) {
        String users = new java.util.TreeMap<>(usersByKind).entrySet().stream().filter(e -> !e.getValue().isEmpty())
                .map(e -> e.getKey() + " " + String.join(", ", e.getValue()))
                .collect(Collectors.joining("; "));
        if (!users.isEmpty()) {
            throw new DomainException.Conflict(String.format("%s is still used by %s: %s them first, then %s it again",
                    subject, users, "free or delete", action));
        }
    }
}
