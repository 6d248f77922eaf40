package io.metalstack.peering.server.service;

import io.metalstack.peering.model.audit.AuditAction;
import io.metalstack.peering.model.audit.AuditKind;
import io.metalstack.peering.model.audit.Brief;
import io.metalstack.peering.model.AddressFamily;
import io.metalstack.peering.model.DomainException;
import io.metalstack.peering.model.IpPrefix;
import io.metalstack.peering.model.Labels;
import io.metalstack.peering.model.Network;
import io.metalstack.peering.model.NetworkId;
import io.metalstack.peering.model.NetworkType;
import io.metalstack.peering.model.PartitionId;
import io.metalstack.peering.model.Peering;
import io.metalstack.peering.model.ProjectId;
import io.metalstack.peering.model.ipam.Ipam;
import io.metalstack.peering.model.ipam.VrfPool;
import io.metalstack.peering.model.rules.ExternalPeeringRules;
import io.metalstack.peering.model.rules.NetworkChecks;
import io.metalstack.peering.model.rules.PeeringRules;
import io.metalstack.peering.server.auth.Principal;
import io.metalstack.peering.server.store.Database;
import io.metalstack.peering.server.store.Graphs;
import io.metalstack.peering.server.store.InternalErrors;
import io.metalstack.peering.server.store.StoredFabric;
import io.metalstack.peering.server.store.Stores;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/**
 * Networks: admins create super, underlay and external networks; tenants allocate and free children. A tenant sees
 * its project's networks, the global ones (super, underlay, external) and shared networks. An update re-checks the
 * network's peerings under the row locks of the network and all its peers.
 *
 * <p>Where the request is read by a function, it is read after the authorization decision: a caller without the
 * right is refused before anything it sent is looked at.
 */
public final class NetworkService {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(NetworkService.class);

    private final Database db;
    private final Edits edits;
    private final PeeringRules rules;
    private final AutoPeering auto;
    private final Quotas quotas;

    public NetworkService(Database db, Edits edits, PeeringRules rules, AutoPeering auto, Quotas quotas) {
        this.db = requireNonNull(db, "db is null");
        this.edits = requireNonNull(edits, "edits is null");
        this.rules = requireNonNull(rules, "rules is null");
        this.auto = requireNonNull(auto, "auto is null");
        this.quotas = requireNonNull(quotas, "quotas is null");
    }

    /** A child network to allocate from the partition's super network; no {@code families}: those of the super network. */
    public record Allocation(PartitionId partition, ProjectId project, Map<AddressFamily, Integer> lengths, Set<AddressFamily> families,
                             String name, String description, boolean shared, Map<String, String> labels) {
        public Allocation {
            requireNonNull(partition, "partition is null");
            requireNonNull(project, "project is null");
            lengths = Map.copyOf(lengths);
            families = Set.copyOf(families);
        }
    }

    public Network get(Principal who, NetworkId id) {
        return db.read(s -> Visible.network(s, who, id));
    }

    /** A page of the networks the caller sees that {@code matches} accepts. */
    public Page<Network> list(Principal who, Page.Request page, Predicate<Network> matches) {
        return db.read(s -> Page.collect(page, s.networks()::page, n -> n.id().value(),
                n -> Optional.of(n).filter(x -> who.sees(x) && matches.test(x))));
    }

    /** {@code request} gives the network to create, stamped with its creation time. */
    public Network create(Principal who, Function<Instant, Network> request) {
        who.requireAdmin("creating a network");
        Instant now = edits.now();
        Network n = request.apply(now);
        NetworkChecks.checkCreate(n);
        return db.write(s -> {
            n.partition().ifPresent(p -> s.partitions().get(p)
                    .orElseThrow(() -> new DomainException.NotFound("partition " + p + " not found")));
            if (n.type() == NetworkType.SUPER) {
                superOf(s, n.partition().orElseThrow()).ifPresent(x -> {
                    throw new DomainException.Conflict(String.format("partition %s already has the super network %s: one per partition",
                            n.partition().orElseThrow(), x.describe()));
                });
            }
            n.vrf().ifPresent(v -> s.networks().list().stream().filter(x -> x.vrf().equals(n.vrf())).findFirst().ifPresent(x -> {
                throw new DomainException.Conflict(String.format("vrf %s is already used by %s: choose another vrf", v, x.describe()));
            }));
            s.networks().insert(n);
            edits.audit(s, who, AuditAction.CREATE, AuditKind.NETWORK, n.id().value(), List.of(n.project()), Brief.of(Optional.empty(), n));
            s.bumpRevision();
            return n;
        });
    }

    private static Optional<Network> superOf(Stores s, PartitionId partition) {
        return s.networks().list().stream()
                .filter(n -> n.type() == NetworkType.SUPER && n.partition().equals(Optional.of(partition))).findFirst();
    }

    public Network allocate(Principal who, Allocation r) {
        ProjectId project = r.project();
        PartitionId partition = r.partition();
        return autoPeer(db.write(s -> {
            Visible.project(s, who, project);
            who.requireWrite(Optional.of(project), "allocating a network in project " + project);
            // the project's row serializes its allocations, so that two at once cannot both take its last network
            quotas.checkNetworks(s, s.projects().lock(project));
            s.partitions().get(partition).orElseThrow(() -> new DomainException.NotFound("partition " + partition + " not found"));
            Network sup = superOf(s, partition).orElseThrow(() -> new DomainException.Unprocessable(String.format(
                    "partition %s has no super network: an admin must create one (networktype super) first", partition)));
            sup = s.networks().lock(sup.id());
            Set<AddressFamily> wanted = r.families().isEmpty() ? sup.families() : new TreeSet<>(r.families());
            List<IpPrefix> taken = s.networks().children(sup.id()).stream().flatMap(x -> x.prefixes().stream()).toList();
            List<IpPrefix> prefixes = new ArrayList<>();
            for (AddressFamily f : wanted) {
                Integer length = r.lengths().getOrDefault(f, sup.defaultChildPrefixLength().get(f));
                if (length == null) {
                    throw DomainException.invalid("no prefix length for %s: the super network %s has no default, send length {\"%s\": N}",
                            f.label(), sup.id(), f.label());
                }
                if (!who.admin()) {
                    Quotas.checkLength(sup, f, length);
                }
                prefixes.add(Ipam.allocate(sup.prefixes(), taken, f, length));
            }
            Instant now = edits.now();
            Network n = new Network(NetworkId.parse(UUID.randomUUID().toString()), r.name(), r.description(),
                    Optional.of(partition), Optional.of(project), Optional.of(sup.id()),
                    r.shared() ? NetworkType.CHILD_SHARED : NetworkType.CHILD, prefixes, List.of(),
                    Optional.of(VrfPool.draw(s.networks().usedVrfs(), ThreadLocalRandom.current())), Map.of(), false, Labels.of(r.labels()), now, now);
            s.networks().insert(n);
            edits.audit(s, who, AuditAction.ALLOCATE, AuditKind.NETWORK, n.id().value(), List.of(n.project()), Brief.of(Optional.empty(), n));
            s.bumpRevision();
            return n;
        }), who, project);
    }

    /**
     * Auto-peering of a new network, after its allocation committed, in a transaction of its own: it never fails the
     * allocation (a pair the rules refuse becomes a condition of the project) and never holds the super network.
     */
    private Network autoPeer(Network n, Principal who, ProjectId project) {
        try {
            db.write(s -> {
                if (auto.allocated(s, who, project, n.id())) {
                    s.bumpRevision();
                }
                return null;
            });
        } catch (RuntimeException e) {
            LOG.warn("auto-peering of {} failed; the next allocation or label change of project {} tries again: {}", n.id(), project,
                    InternalErrors.describe(e));
        }
        return n;
    }

    public Network update(Principal who, Update<NetworkId, Network> u) {
        NetworkId id = u.id();
        return db.write(s -> {
            Visible.network(s, who, id);
            Network old = lockWithPeers(s, id);
            Network n = edits.apply(u, old, old.changed(), old.describe());
            checkUpdate(who, old, n);
            List<PeeringRules.Violation> broken = rules.recheck(id, Graphs.of(s, Map.of(id, n)));
            if (!broken.isEmpty()) {
                PeeringRules.Violation v = broken.get(0);
                throw Graphs.reword(v.reason(), String.format("this change of %s would break peering %s: ", old.describe(), v.peering().id()));
            }
            if (old.shared() && !n.shared()) {
                refuseUnshareWhileUsed(s, old);
            }
            // an external session of this network: its family and export prefixes must still fit the new prefixes
            for (Peering p : s.peerings().of(id)) {
                if (p.bgp().isEmpty()) {
                    continue;
                }
                Network n1 = p.network1().equals(id) ? n : s.networks().get(p.network1()).orElseThrow();
                Optional<Network> n2 = p.network2().map(x -> x.equals(id) ? n : s.networks().get(x).orElseThrow());
                try {
                    ExternalPeeringRules.check(p.id(), n1, n2, p.bgp().get(), new StoredFabric(s));
                } catch (DomainException e) {
                    throw Graphs.reword(e, String.format("this change of %s would break external peering %s: ", old.describe(), p.id()));
                }
            }
            s.networks().update(n);
            edits.audit(s, who, AuditAction.UPDATE, AuditKind.NETWORK, id.value(), List.of(n.project()), Brief.of(Optional.of(old), n));
            s.bumpRevision();
            return n;
        });
    }

    private static void checkUpdate(Principal who, Network old, Network n) {
        NetworkChecks.checkFixed(old, n);
        who.requireWrite(old.project(), "updating " + old.describe());
        NetworkChecks.checkAdditionalAnnouncable(n);
        if (NetworkChecks.changesAdminFields(old, n) && !who.admin()) {
            throw new DomainException.Forbidden(String.format(
                    "changing prefixes, destinationprefixes, additionalannouncablecidrs, nat, defaultchildprefixlength or the %s label of %s needs the admin role; this token has role %s",
                    Labels.PEERABLE, old.describe(), who.describe()));
        }
    }

    /**
     * Locks the network and every network it peers with, in id order like a peering create does: a concurrent create
     * next to one of its peers then waits for the re-check of this change, and the re-check for it.
     */
    private static Network lockWithPeers(Stores s, NetworkId id) {
        SortedSet<NetworkId> ids = new TreeSet<>();
        ids.add(id);
        s.peerings().of(id).forEach(p -> p.other(id).ifPresent(ids::add));
        Map<NetworkId, Network> locked = new HashMap<>();
        ids.forEach(n -> locked.put(n, s.networks().lock(n)));
        // a peering created before our lock on id was granted: lock its other side too (out of order, rare)
        s.peerings().of(id).stream().flatMap(p -> p.other(id).stream()).filter(n -> !locked.containsKey(n))
                .forEach(n -> locked.put(n, s.networks().lock(n)));
        return locked.get(id);
    }

    /**
     * A shared network stays shared while another project uses it: a firewall of another project in it (its machines
     * would keep the VNI on their leaves, their intents would still list it) or a peering into it. metal-api refuses
     * un-sharing always; here it is allowed once nothing of another project is left, which the row lock of the network
     * (taken by this update, and by a machine allocation into it) keeps true until the commit.
     */
    private static void refuseUnshareWhileUsed(Stores s, Network n) {
        Optional<ProjectId> owner = n.project();
        List<String> users = new ArrayList<>();
        s.machines().list().stream().filter(m -> m.allocation().map(a -> a.networks().contains(n.id()) && !owner.equals(Optional.of(a.project())))
                .orElse(false)).forEach(m -> users.add(m.role().wire() + " " + m.id() + " (project " + m.allocation().get().project() + ")"));
        s.peerings().of(n.id()).stream().filter(p -> !p.project().equals(owner))
                .forEach(p -> users.add("peering " + p.id() + " (project " + p.project().map(Object::toString).orElse("none") + ")"));
        if (!users.isEmpty()) {
            throw new DomainException.Conflict(String.format(
                    "%s is still used by other projects: %s; it stays shared until they free those machines and delete those peerings, then unshare it again",
                    n.describe(), String.join(", ", users)));
        }
    }

    /** Frees an allocated child network; its auto peerings go with it, other users refuse it. */
    public Network free(Principal who, NetworkId id) {
        return db.write(s -> {
            Network n = Visible.network(s, who, id);
            if (!n.type().isPrivate()) {
                throw new DomainException.Unprocessable(String.format(
                        "%s is of type %s: only allocated child networks are freed, admins delete others with DELETE /v1/network/{id}",
                        n.describe(), n.type()));
            }
            who.requireWrite(n.project(), "freeing " + n.describe());
            Network locked = s.networks().lock(id);
            // its auto peerings go with it, in this transaction: they never block the free
            auto.forget(s, who, id);
            return remove(s, who, locked, AuditAction.FREE);
        });
    }

    /** Deletes any network (admin); {@code id} is read once that is decided. */
    public Network delete(Principal who, Supplier<NetworkId> id) {
        who.requireAdmin("deleting a network");
        NetworkId network = id.get();
        return db.write(s -> remove(s, who, s.networks().lock(network), AuditAction.DELETE));
    }

    private Network remove(Stores s, Principal who, Network n, AuditAction action) {
        Edits.refuseIfUsed(n.describe(), action.wire(), Map.of(
                "machines", s.machines().list().stream()
                        .filter(m -> m.allocation().map(a -> a.networks().contains(n.id())).orElse(false)).map(m -> m.id().value()).toList(),
                "peerings", s.peerings().of(n.id()).stream().map(p -> p.id().value()).toList(),
                "child networks", s.networks().children(n.id()).stream().map(x -> x.id().value()).toList()));
        s.networks().delete(n.id());
        edits.audit(s, who, action, AuditKind.NETWORK, n.id().value(), List.of(n.project()), Brief.deleted(n));
        s.bumpRevision();
        return n;
    }
}
