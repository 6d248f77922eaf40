package io.metalstack.peering.server.service;

import io.metalstack.peering.model.DomainException;
import io.metalstack.peering.model.PeeringId;
import io.metalstack.peering.model.audit.AuditAction;
import io.metalstack.peering.model.audit.AuditEvent;
import io.metalstack.peering.model.audit.AuditKind;
import io.metalstack.peering.server.auth.Principal;
import io.metalstack.peering.server.store.Database;
import io.metalstack.peering.server.store.Stores;

import java.time.Instant;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The audit timeline, read: events oldest first (by their sequence). Admin and infra read every event; a project
 * member reads the events that name its project, as the object was when the event was written: so the events of a
 * deleted peering stay readable by its project, and nothing of another project is ever shown.
 */
public final class EventService {

    private final Database db;

    public EventService(Database db) {
        this.db = requireNonNull(db, "db is null");
    }

    /** What a find asks for: each present field must match; {@code from} inclusive, {@code to} exclusive. */
    public record Query(Optional<AuditKind> kind, Optional<String> objectId, Optional<String> actor, Optional<AuditAction> action,
                        Optional<Instant> from, Optional<Instant> to) {
        public Query {
            requireNonNull(kind, "kind is null");
            requireNonNull(objectId, "objectId is null");
            requireNonNull(actor, "actor is null");
            requireNonNull(action, "action is null");
            requireNonNull(from, "from is null");
            requireNonNull(to, "to is null");
            if (from.isPresent() && to.isPresent() && !from.get().isBefore(to.get())) {
                throw DomainException.invalid("from %s is not before to %s: send a from earlier than to (from inclusive, to exclusive)",
                        from.get(), to.get());
            }
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
            Query q = new Query(Optional.of(AuditKind.PEERING), Optional.of(id.value()), Optional.empty(), Optional.empty(), Optional.empty(),
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
