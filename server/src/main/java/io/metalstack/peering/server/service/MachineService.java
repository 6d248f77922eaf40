package io.metalstack.peering.server.service;

import io.metalstack.peering.model.audit.AuditAction;
import io.metalstack.peering.model.audit.AuditKind;
import io.metalstack.peering.model.ProjectId;
import io.metalstack.peering.model.audit.Brief;
import io.metalstack.peering.model.Allocation;
import io.metalstack.peering.model.Attachments;
import io.metalstack.peering.model.DomainException;
import io.metalstack.peering.model.Machine;
import io.metalstack.peering.model.MachineConnection;
import io.metalstack.peering.model.MachineId;
import io.metalstack.peering.model.Network;
import io.metalstack.peering.model.NetworkId;
import io.metalstack.peering.model.NetworkType;
import io.metalstack.peering.model.Switch;
import io.metalstack.peering.server.auth.Principal;
import io.metalstack.peering.server.store.Database;
import io.metalstack.peering.server.store.Stores;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/**
 * Machines: admins register machines with their switch connections; a project's owner or editor allocates a free
 * machine into one of its private networks (a firewall also into shared and external networks) and frees it. An
 * allocated machine is visible to its project.
 */
public final class MachineService {

    private final Database db;
    private final Edits edits;

    public MachineService(Database db, Edits edits) {
        this.db = requireNonNull(db, "db is null");
        this.edits = requireNonNull(edits, "edits is null");
    }

    private static boolean sees(Principal who, Machine m) {
        return who.global() || m.allocation().map(a -> who.member(Optional.of(a.project()))).orElse(false);
    }

    private static Machine visible(Stores s, Principal who, MachineId id) {
        return s.machines().get(id).filter(m -> sees(who, m))
                .orElseThrow(() -> new DomainException.NotFound("machine " + id + " not found"));
    }

    public Machine get(Principal who, MachineId id) {
        return db.read(s -> visible(s, who, id));
    }

    /** A page of the machines the caller sees that {@code matches} accepts. */
    public Page<Machine> list(Principal who, Page.Request page, Predicate<Machine> matches) {
        return db.read(s -> Page.collect(page, s.machines()::page, m -> m.id().value(),
                m -> Optional.of(m).filter(x -> sees(who, x) && matches.test(x))));
    }

    /** {@code request} gives the machine to register, stamped with its creation time. */
    public Machine create(Principal who, Function<Instant, Machine> request) {
        who.requireAdmin("registering a machine");
        Instant now = edits.now();
        Machine m = request.apply(now);
        return db.write(s -> {
            s.partitions().get(m.partition()).orElseThrow(() -> new DomainException.NotFound("partition " + m.partition() + " not found"));
            checkConnections(s, m);
            s.machines().insert(m);
            edits.audit(s, who, AuditAction.CREATE, AuditKind.MACHINE, m.id().value(), List.of(), Brief.of(Optional.empty(), m));
            s.bumpRevision();
            return m;
        });
    }

    /** Name, role and connections; the allocation stays as it is (allocate and free change it). */
    public Machine update(Principal who, Supplier<Update<MachineId, Machine>> request) {
        who.requireAdmin("updating a machine");
        Update<MachineId, Machine> u = request.get();
        return db.write(s -> {
            Machine old = s.machines().lock(u.id());
            Machine decoded = edits.apply(u, old, old.changed(), "machine " + old.id());
            Machine m = new Machine(decoded.id(), decoded.name(), decoded.partition(), decoded.role(), decoded.connections(),
                    old.allocation(), decoded.created(), decoded.changed());
            if (!m.partition().equals(old.partition())) {
                throw new DomainException.Unprocessable("machine " + old.id() + ": partitionid cannot change");
            }
            if (m.role() != old.role() && old.allocation().isPresent()) {
                throw new DomainException.Conflict("machine " + old.id() + " is allocated: free it before changing its role");
            }
            checkConnections(s, m);
            s.machines().update(m);
            edits.audit(s, who, AuditAction.UPDATE, AuditKind.MACHINE, m.id().value(), List.of(project(m)), Brief.of(Optional.of(old), m));
            s.bumpRevision();
            return m;
        });
    }

    /** Every connection names an existing port of a switch in the machine's partition that no other machine uses. */
    private static void checkConnections(Stores s, Machine m) {
        Set<String> seen = new HashSet<>();
        for (MachineConnection c : m.connections()) {
            Switch sw = s.switches().get(c.switchId()).orElseThrow(() -> new DomainException.NotFound(String.format(
                    "machine %s: switch %s not found: register the switch first", m.id(), c.switchId())));
            if (!sw.partition().equals(m.partition())) {
                throw new DomainException.Unprocessable(String.format("machine %s is in partition %s but switch %s in partition %s",
                        m.id(), m.partition(), sw.id(), sw.partition()));
            }
            if (sw.port(c.port()).isEmpty()) {
                throw new DomainException.Unprocessable(String.format("machine %s: switch %s has no port %s", m.id(), sw.id(), c.port()));
            }
            if (!seen.add(c.switchId() + "/" + c.port())) {
                throw DomainException.invalid("machine %s lists %s@%s twice", m.id(), c.port(), c.switchId());
            }
        }
        // the machines on the switches m is cabled to, read by the store's index
        Map<MachineId, Machine> near = new TreeMap<>();
        m.connections().stream().map(MachineConnection::switchId).distinct()
                .forEach(sw -> s.machines().on(sw).forEach(x -> near.put(x.id(), x)));
        Attachments cables = Attachments.of(near.values());
        for (MachineConnection c : m.connections()) {
            for (Attachments.Attachment a : cables.on(c.switchId())) {
                if (a.port().equals(c.port()) && !a.machine().id().equals(m.id())) {
                    throw new DomainException.Conflict(String.format("port %s@%s is already connected to machine %s",
                            c.port(), c.switchId(), a.machine().id()));
                }
            }
        }
    }

    public Machine allocate(Principal who, MachineId id, Allocation allocation) {
        return db.write(s -> {
            Machine m = s.machines().get(id).filter(x -> x.allocation().isEmpty() || sees(who, x))
                    .orElseThrow(() -> new DomainException.NotFound("machine " + id + " not found"));
            Visible.project(s, who, allocation.project());
            who.requireWrite(Optional.of(allocation.project()), "allocating a machine into project " + allocation.project());
            m = s.machines().lock(id);
            if (m.allocation().isPresent()) {
                throw new DomainException.Conflict(String.format("machine %s is already allocated to project %s: free it first",
                        id, m.allocation().get().project()));
            }
            allocation.networks().forEach(n -> Visible.network(s, who, n));
            // locked (in id order, as every lock of networks is taken) so that an un-sharing of one of them waits for this
            Map<NetworkId, Network> locked = new TreeMap<>();
            allocation.networks().stream().sorted().distinct().forEach(n -> locked.put(n, s.networks().lock(n)));
            List<Network> networks = allocation.networks().stream().map(locked::get).toList();
            checkNetworks(m, allocation, networks);
            Machine allocated = new Machine(m.id(), m.name(), m.partition(), m.role(), m.connections(), Optional.of(allocation),
                    m.created(), edits.next(m.changed()));
            s.machines().update(allocated);
            edits.audit(s, who, AuditAction.ALLOCATE, AuditKind.MACHINE, id.value(), List.of(project(allocated)), Brief.of(Optional.of(m), allocated));
            s.bumpRevision();
            return allocated;
        });
    }

    /** The first network is a private network of the project in the machine's partition; only firewalls join more. */
    private static void checkNetworks(Machine m, Allocation a, List<Network> networks) {
        Network primary = networks.get(0);
        if (!primary.type().isPrivate() || !primary.project().equals(Optional.of(a.project()))
                || !primary.partition().equals(Optional.of(m.partition()))) {
            throw new DomainException.Unprocessable(String.format(
                    "%s is not a private network of project %s in partition %s: the first network of an allocation must be",
                    primary.describe(), a.project(), m.partition()));
        }
        if (networks.stream().map(Network::id).distinct().count() != networks.size()) {
            throw DomainException.invalid("allocation of machine %s lists a network twice", m.id());
        }
        List<Network> further = networks.subList(1, networks.size());
        switch (m.role()) {
            case MACHINE -> {
                if (!further.isEmpty()) {
                    throw new DomainException.Unprocessable(String.format(
                            "machine %s joins exactly one private network; only a firewall also joins shared and external networks", m.id()));
                }
            }
            case FIREWALL -> {
                for (Network n : further) {
                    if (n.type() != NetworkType.CHILD_SHARED && n.type() != NetworkType.EXTERNAL) {
                        throw new DomainException.Unprocessable(String.format(
                                "firewall %s: %s is of type %s; a firewall joins its private network plus shared and external networks",
                                m.id(), n.describe(), n.type()));
                    }
                }
            }
        }
    }

    public Machine free(Principal who, MachineId id) {
        return db.write(s -> {
            visible(s, who, id);
            Machine m = s.machines().lock(id);
            if (m.allocation().isEmpty()) {
                throw new DomainException.Conflict("machine " + id + " is not allocated");
            }
            who.requireWrite(Optional.of(m.allocation().get().project()), "freeing machine " + id);
            Machine freed = new Machine(m.id(), m.name(), m.partition(), m.role(), m.connections(), Optional.empty(),
                    m.created(), edits.next(m.changed()));
            s.machines().update(freed);
            edits.audit(s, who, AuditAction.FREE, AuditKind.MACHINE, id.value(), List.of(project(m)), Brief.of(Optional.of(m), freed));
            s.bumpRevision();
            return freed;
        });
    }

    /** Deletes a machine that is not allocated. */
    public Machine delete(Principal who, Supplier<MachineId> request) {
        who.requireAdmin("deleting a machine");
        MachineId id = request.get();
        return db.write(s -> {
            Machine m = s.machines().lock(id);
            if (m.allocation().isPresent()) {
                throw new DomainException.Conflict(String.format("machine %s is allocated to project %s: free it first",
                        id, m.allocation().get().project()));
            }
            s.machines().delete(id);
            edits.audit(s, who, AuditAction.DELETE, AuditKind.MACHINE, id.value(), List.of(), Brief.deleted(m));
            s.bumpRevision();
            return m;
        });
    }

    /** The project a machine is allocated to: whose members read its events. */
    private static Optional<ProjectId> project(Machine m) {
        return m.allocation().map(a -> a.project());
    }
}
