package io.metalstack.peering.server.service;

import io.metalstack.peering.model.DomainException;
import io.metalstack.peering.model.PeeringId;
import io.metalstack.peering.model.audit.AuditEvent;
import io.metalstack.peering.server.auth.Principal;
import io.metalstack.peering.server.store.Database;
import io.metalstack.peering.server.store.Stores;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The audit timeline, read: events oldest first (by their sequence). Admin and infra read every event; a project
 * member reads the events that name its project, as the object was when the event was written: so the events of a
 * deleted peering stay readable by its project, and nothing of another project is ever shown.
 */
public final class EventService {

    /** The kinds of objects events are about. */
    public static final List<String> KINDS = List.of("machine", "network", "partition", "peering", "project", "switch", "token");
    /** What events say was done: the writes, then a switch's transitions of a peering. */
    public static final List<String> ACTIONS = List.of("allocate", "applied", "approve", "create", "delete", "disable", "enable", "failed",
            "free", "leak", "leak-cleared", "reject", "session", "update");

    private final Database db;

    public EventService(Database db) {
        this.db = requireNonNull(db, "db is null");
    }

    /** What a find asks for: each present field must match; {@code from} inclusive, {@code to} exclusive. */
    public record Query(Optional<String> kind, Optional<String> objectId, Optional<String> actor, Optional<String> action,
                        Optional<Instant> from, Optional<Instant> to) {
        public static final Query ALL = new Query(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty());

        public Query {
            kind = known(kind, "objectkind", KINDS);
            requireNonNull(objectId, "objectId is null");
            requireNonNull(actor, "actor is null");
            action = known(action, "action", ACTIONS);
            requireNonNull(from, "from is null");
            requireNonNull(to, "to is null");
            if (from.isPresent() && to.isPresent() && !from.get().isBefore(to.get())) {
                throw DomainException.invalid("from %s is not before to %s: send a from earlier than to (from inclusive, to exclusive)",
                        from.get(), to.get());
            }
        }

        private static Optional<String> known(Optional<String> value, String field, List<String> allowed) {
            requireNonNull(value, field + " is null");
            value.filter(v -> !allowed.contains(v)).ifPresent(v -> {
                throw DomainException.invalid("%s \"%s\" is unknown: use one of %s", field, v, String.join(", ", allowed));
            });
            return value;
        }
    }

    /** A page of the events the caller may read that match {@code q}. */
    public Page<AuditEvent> find(Principal who, Page.Request page, Query q) {
        return db.read(s -> read(s, who, page, q));
    }

    /**
     * A page of one peering's events: the caller sees the peering now, or its project is named on its events (a deleted
     * peering of its project); 404 otherwise, as for a peering that never was.
     */
    public Page<AuditEvent> ofPeering(Principal who, PeeringId id, Page.Request page) {
        return db.read(s -> {
            Query q = new Query(Optional.of("peering"), Optional.of(id.value()), Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty());
            Page<AuditEvent> out = read(s, who, page, q);
            if (out.items().isEmpty() && page.after().isEmpty()) {
                PeeringService.visible(s, who, id);
            }
            return out;
        });
    }

    private static Page<AuditEvent> read(Stores s, Principal who, Page.Request page, Query q) {
        Stores.EventFilter f = new Stores.EventFilter(q.kind(), q.objectId(), q.actor(), q.action(), q.from(), q.to(),
                who.global() ? Optional.empty() : who.project());
        return Page.collect(page, (after, n) -> s.events().page(f, after, n), e -> Long.toString(e.seq()), Optional::of);
    }
}
