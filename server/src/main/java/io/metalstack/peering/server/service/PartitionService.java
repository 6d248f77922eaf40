package io.metalstack.peering.server.service;

import io.metalstack.peering.model.audit.AuditAction;
import io.metalstack.peering.model.audit.AuditKind;
import io.metalstack.peering.model.audit.Brief;
import io.metalstack.peering.model.DomainException;
import io.metalstack.peering.model.Partition;
import io.metalstack.peering.model.PartitionId;
import io.metalstack.peering.server.auth.Principal;
import io.metalstack.peering.server.store.Database;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/**
 * Partitions: admins write, every token reads. What an admin sends is read once the caller is known to be one
 * (a function or supplier of the request), so a refused caller learns nothing of its request's checks.
 */
public final class PartitionService {

    private final Database db;
    private final Edits edits;

    public PartitionService(Database db, Edits edits) {
        this.db = requireNonNull(db, "db is null");
        this.edits = requireNonNull(edits, "edits is null");
    }

    public Partition get(PartitionId id) {
        return db.read(s -> s.partitions().get(id).orElseThrow(() -> new DomainException.NotFound("partition " + id + " not found")));
    }

    /** A page of the partitions that {@code matches} accepts (everyone sees every partition). */
    public Page<Partition> list(Page.Request page, Predicate<Partition> matches) {
        return db.read(s -> Page.collect(page, s.partitions()::page, p -> p.id().value(), p -> Optional.of(p).filter(matches)));
    }

    /** {@code request} gives the partition to create, stamped with its creation time. */
    public Partition create(Principal who, Function<Instant, Partition> request) {
        who.requireAdmin("creating a partition");
        Instant now = edits.now();
        Partition p = request.apply(now);
        return db.write(s -> {
            s.partitions().insert(p);
            edits.audit(s, who, AuditAction.CREATE, AuditKind.PARTITION, p.id().value(), List.of(), Brief.of(Optional.empty(), p));
            s.bumpRevision();
            return p;
        });
    }

    public Partition update(Principal who, Supplier<Update<PartitionId, Partition>> request) {
        who.requireAdmin("updating a partition");
        Update<PartitionId, Partition> u = request.get();
        return db.write(s -> {
            Partition old = s.partitions().lock(u.id());
            Partition p = edits.apply(u, old, old.changed(), "partition " + old.id());
            s.partitions().update(p);
            edits.audit(s, who, AuditAction.UPDATE, AuditKind.PARTITION, p.id().value(), List.of(), Brief.of(Optional.of(old), p));
            s.bumpRevision();
            return p;
        });
    }

    /** Deletes a partition nothing is in any more. */
    public Partition delete(Principal who, Supplier<PartitionId> request) {
        who.requireAdmin("deleting a partition");
        PartitionId id = request.get();
        return db.write(s -> {
            Partition p = s.partitions().lock(id);
            Edits.refuseIfUsed("partition " + id, "delete", Map.of(
                    "networks", s.networks().list().stream().filter(n -> n.partition().equals(Optional.of(id))).map(n -> n.id().value()).toList(),
                    "switches", s.switches().list().stream().filter(x -> x.partition().equals(id)).map(x -> x.id().value()).toList(),
                    "machines", s.machines().list().stream().filter(m -> m.partition().equals(id)).map(m -> m.id().value()).toList()));
            s.partitions().delete(id);
            edits.audit(s, who, AuditAction.DELETE, AuditKind.PARTITION, id.value(), List.of(), Brief.deleted(p));
            s.bumpRevision();
            return p;
        });
    }
}
