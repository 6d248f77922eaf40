package io.metalstack.peering.server.service;

import io.metalstack.peering.model.DomainException;
import io.metalstack.peering.model.Durations;
import io.metalstack.peering.model.ProjectId;
import io.metalstack.peering.model.audit.AuditAction;
import io.metalstack.peering.model.audit.AuditEvent;
import io.metalstack.peering.model.audit.AuditKind;
import io.metalstack.peering.server.auth.Principal;
import io.metalstack.peering.server.store.Stores;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * What every create, update and delete shares: timestamps, the optimistic lock, the dependents check and its event in
 * the audit timeline.
 */
public final class Edits {

    /** How long events are kept unless the server is told otherwise ({@code --event-retention}). */
    public static final Duration DEFAULT_EVENT_RETENTION = Duration.ofDays(90);
    /** At most this many expired events go with one write, at most once a {@link #PRUNE_EVERY}. */
    static final int PRUNE_BATCH = 1000;
    static final Duration PRUNE_EVERY = Duration.ofMinutes(1);

    private final Clock clock;
    private final Duration retention;
    private final AtomicReference<Instant> pruned = new AtomicReference<>(Instant.MIN);

    public Edits(Clock clock) {
        this(clock, DEFAULT_EVENT_RETENTION);
    }

    /** {@code retention}: how long an event of the audit timeline is kept. */
    public Edits(Clock clock, Duration retention) {
        this.clock = java.util.Objects.requireNonNull(clock, "clock is null");
        this.retention = java.util.Objects.requireNonNull(retention, "retention is null");
        if (retention.isNegative() || retention.isZero()) {
            throw DomainException.invalid("event retention %s is not allowed: use a positive duration", Durations.format(retention));
        }
    }

    /**
     * Records the event of a write in the write's transaction (one INSERT), so that an acknowledged write has its event
     * and a rolled-back one (a refusal, a dry run) has none. {@code who}: its token id and role, never its secret. At
     * most once a minute the write also takes up to {@value #PRUNE_BATCH} events older than the retention with it.
     */
    void audit(Stores s, Principal who, AuditAction action, AuditKind kind, String id, List<Optional<ProjectId>> projects, String brief) {
        Instant now = now();
        s.events().append(new AuditEvent.Entry(action, kind, id, projects, brief).at(now, who.tokenId(), who.role().wire()));
        Instant last = pruned.get();
        if (last.isBefore(now.minus(PRUNE_EVERY)) && pruned.compareAndSet(last, now)) {
            s.events().prune(now.minus(retention), PRUNE_BATCH);
        }
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
