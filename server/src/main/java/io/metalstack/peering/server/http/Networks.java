package io.metalstack.peering.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.metalstack.peering.api.V1Network;
import io.metalstack.peering.api.V1NetworkAllocateRequest;
import io.metalstack.peering.api.V1NetworkFindRequest;
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
import io.metalstack.peering.model.rules.PeeringRules;
import io.metalstack.peering.server.auth.Principal;
import io.metalstack.peering.server.store.Graphs;
import io.metalstack.peering.server.store.StoredFabric;
import io.metalstack.peering.server.store.InternalErrors;
import io.metalstack.peering.server.store.Stores;
import io.metalstack.peering.server.store.Database;
import io.metalstack.peering.server.wire.Wire;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static io.javalin.http.HandlerType.DELETE;
import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.POST;
import static io.javalin.http.HandlerType.PUT;

/**
 * {@code /v1/network}: admins create super, underlay and external networks; tenants allocate and free children.
 * A tenant sees its project's networks, the global ones (super, underlay, external) and shared networks.
 */
public final class Networks {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Networks.class);

    private final Database db;
    private final Edits edits;
    private final ObjectMapper json;
    private final PeeringRules rules;

    private final AutoPeering auto;

    private final Quotas quotas;

    Networks(Database db, Edits edits, ObjectMapper json, PeeringRules rules, AutoPeering auto, Quotas quotas) {
        this.auto = auto;
        this.quotas = quotas;
        this.db = db;
        this.edits = edits;
        this.json = json;
        this.rules = rules;
    }

    List<Route> routes() {
        String base = "/v1/network";
        return List.of(
                new Route(PUT, base, true, 201, "create a super, underlay or external network (admin)", V1Network.class, V1Network.class, false, this::create),
                new Route(POST, base, true, 200, "update a network (send changed); re-checks its peerings", V1Network.class, V1Network.class, false, this::update),
                new Route(POST, base + "/allocate", true, 201, "allocate a child network from the partition's super network", V1NetworkAllocateRequest.class, V1Network.class, false, this::allocate),
                new Route(DELETE, base + "/free/{id}", true, 200, "free an allocated child network (refused while used)", null, V1Network.class, false, this::free),
                new Route(GET, base + "/{id}", true, 200, "get a network", null, V1Network.class, false,
                        c -> Wire.network(db.read(s -> visible(s, c.principal(), NetworkId.parse(c.path("id")))))),
                new Route(GET, base, true, 200, "list the networks visible to the caller", null, V1Network.class, true, c -> list(c.principal())),
                new Route(POST, base + "/find", true, 200, "find networks (id, name, projectid, partitionid, networktype, vrf, labels)",
                        V1NetworkFindRequest.class, V1Network.class, true,
                        c -> Find.filter(json, V1Network.class, list(c.principal()), c.bodyTree(), Map.of())),
                new Route(DELETE, base + "/{id}", true, 200, "delete a network (admin; refused while used)", null, V1Network.class, false, this::delete));
    }

    /** The network if the caller may see it; 404 otherwise. */
    static Network visible(Stores s, Principal who, NetworkId id) {
        return s.networks().get(id).filter(who::sees)
                .orElseThrow(() -> new DomainException.NotFound("network " + id + " not found"));
    }

    private List<V1Network> list(Principal who) {
        return db.read(s -> s.networks().list()).stream().filter(who::sees).map(Wire::network).toList();
    }

    private Object create(Call c) {
        c.principal().requireAdmin("creating a network");
        Instant now = edits.now();
        Network n = Wire.network(c.body(V1Network.class), now, now);
        checkCreate(n);
        return Wire.network(db.write(s -> {
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
            s.bumpRevision();
            return n;
        }));
    }

    private static void checkCreate(Network n) {
        switch (n.type()) {
            case CHILD, CHILD_SHARED -> throw new DomainException.Unprocessable(String.format(
                    "%s is of type %s: child networks are allocated, use POST /v1/network/allocate", n.describe(), n.type()));
            case SUPER -> {
                if (n.partition().isEmpty() || n.prefixes().isEmpty()) {
                    throw DomainException.invalid("super network %s needs partitionid and prefixes", n.id());
                }
                for (AddressFamily f : n.families()) {
                    if (!n.defaultChildPrefixLength().containsKey(f)) {
                        throw DomainException.invalid("super network %s has %s prefixes but no defaultchildprefixlength for %s: add e.g. {\"%s\": %d}",
                                n.id(), f.label(), f.label(), f.label(), f == AddressFamily.IPV4 ? 22 : 64);
                    }
                }
                if (n.vrf().isPresent()) {
                    throw DomainException.invalid("super network %s must not have a vrf: its children get theirs from the pool", n.id());
                }
            }
            case UNDERLAY -> {
                if (n.partition().isEmpty() || n.prefixes().isEmpty()) {
                    throw DomainException.invalid("underlay network %s needs partitionid and prefixes", n.id());
                }
            }
            case EXTERNAL -> {
                if (n.vrf().isEmpty()) {
                    throw DomainException.invalid("external network %s needs an explicit vrf (e.g. 104009 for the internet)", n.id());
                }
                if (n.prefixes().isEmpty() && n.destinationPrefixes().isEmpty()) {
                    throw DomainException.invalid("external network %s needs prefixes or destinationprefixes", n.id());
                }
            }
        }
        if (n.project().isPresent()) {
            throw DomainException.invalid("%s network %s must not belong to a project", n.type(), n.id());
        }
        checkAdditionalAnnouncable(n);
    }

    /** At most this many additional announcable CIDRs per network: each becomes a prefix-list entry on every leaf of it. */
    static final int MAX_ADDITIONAL_ANNOUNCABLE = 32;

    /**
     * Additional announcable CIDRs (pod and service CIDRs) belong to a super network (for all its children, as in
     * metal-api) or to a private network (for it alone); never a default route, which would admit every route.
     */
    private static void checkAdditionalAnnouncable(Network n) {
        List<IpPrefix> additional = n.additionalAnnouncable();
        if (additional.isEmpty()) {
            return;
        }
        if (n.type() != NetworkType.SUPER && !n.type().isPrivate()) {
            throw DomainException.invalid("%s is of type %s: additionalannouncablecidrs are allowed on super, child and child-shared networks only",
                    n.describe(), n.type());
        }
        if (additional.size() > MAX_ADDITIONAL_ANNOUNCABLE) {
            throw DomainException.invalid("%s has %d additionalannouncablecidrs: at most %d are allowed",
                    n.describe(), additional.size(), MAX_ADDITIONAL_ANNOUNCABLE);
        }
        for (IpPrefix p : additional) {
            if (p.isDefaultRoute()) {
                throw DomainException.invalid("additionalannouncablecidrs of %s: %s is a default route, which would admit every route; name the pod and service CIDRs",
                        n.describe(), p);
            }
        }
    }

    private static Optional<Network> superOf(Stores s, PartitionId partition) {
        return s.networks().list().stream()
                .filter(n -> n.type() == NetworkType.SUPER && n.partition().equals(Optional.of(partition))).findFirst();
    }

    private Object allocate(Call c) {
        V1NetworkAllocateRequest r = c.body(V1NetworkAllocateRequest.class);
        Principal who = c.principal();
        PartitionId partition = PartitionId.parse(Wire.required(r.partitionid(), "partitionid"));
        ProjectId project = ProjectId.parse(Wire.required(r.projectid(), "projectid"));
        Map<AddressFamily, Integer> lengths = Wire.lengths(r.length());
        Set<AddressFamily> families = EnumSet.noneOf(AddressFamily.class);
        if (r.addressfamilies() != null) {
            r.addressfamilies().forEach(f -> families.add(AddressFamily.parse(f)));
        }
        return Wire.network(autoPeer(db.write(s -> {
            Projects.visible(s, who, project);
            who.requireWrite(Optional.of(project), "allocating a network in project " + project);
            // the project's row serializes its allocations, so that two at once cannot both take its last network
            quotas.checkNetworks(s, s.projects().lock(project));
            s.partitions().get(partition).orElseThrow(() -> new DomainException.NotFound("partition " + partition + " not found"));
            Network sup = superOf(s, partition).orElseThrow(() -> new DomainException.Unprocessable(String.format(
                    "partition %s has no super network: an admin must create one (networktype super) first", partition)));
            sup = s.networks().lock(sup.id());
            Set<AddressFamily> wanted = families.isEmpty() ? sup.families() : families;
            List<IpPrefix> taken = s.networks().children(sup.id()).stream().flatMap(x -> x.prefixes().stream()).toList();
            List<IpPrefix> prefixes = new ArrayList<>();
            for (AddressFamily f : wanted) {
                Integer length = lengths.getOrDefault(f, sup.defaultChildPrefixLength().get(f));
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
                    Boolean.TRUE.equals(r.shared()) ? NetworkType.CHILD_SHARED : NetworkType.CHILD, prefixes, List.of(),
                    Optional.of(VrfPool.draw(s.networks().usedVrfs(), ThreadLocalRandom.current())), Map.of(), false, Labels.of(r.labels()), now, now);
            s.networks().insert(n);
            s.bumpRevision();
            return n;
        }), project));
    }

    /**
     * Auto-peering of a new network, after its allocation committed, in a transaction of its own: it never fails the
     * allocation (a pair the rules refuse becomes a condition of the project) and never holds the super network.
     */
    private Network autoPeer(Network n, ProjectId project) {
        try {
            db.write(s -> {
                if (auto.allocated(s, project, n.id())) {
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

    private Object update(Call c) {
        V1Network w = c.body(V1Network.class);
        Principal who = c.principal();
        return Wire.network(db.write(s -> {
            NetworkId id = NetworkId.parse(Wire.required(w.id(), "id"));
            visible(s, who, id);
            Network old = lockWithPeers(s, id);
            Edits.checkChanged(w.changed(), old.changed(), old.describe());
            V1Network complete = new V1Network(w.id(), w.name(), w.description(), w.partitionid(), w.projectid(),
                    w.parentnetworkid(), w.networktype() == null ? old.type().wire() : w.networktype(), w.prefixes(),
                    w.destinationprefixes(), w.vrf(), w.defaultchildprefixlength(), w.nat(), w.shared(), w.labels(), null, null,
                    w.additionalannouncablecidrs());
            Network n = Wire.network(complete, old.created(), edits.next(old.changed()));
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
            s.bumpRevision();
            return n;
        }));
    }

    /**
     * Locks the network and every network it peers with, in id order like a peering create does: a concurrent create
     * next to one of its peers then waits for the re-check of this change, and the re-check for it.
     */
    private static Network lockWithPeers(Stores s, NetworkId id) {
        java.util.SortedSet<NetworkId> ids = new java.util.TreeSet<>();
        ids.add(id);
        s.peerings().of(id).forEach(p -> p.other(id).ifPresent(ids::add));
        Map<NetworkId, Network> locked = new java.util.HashMap<>();
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

    private static void checkUpdate(Principal who, Network old, Network n) {
        boolean sharedFlip = old.type().isPrivate() && n.type().isPrivate();
        if (!old.partition().equals(n.partition()) || !old.project().equals(n.project()) || !old.parent().equals(n.parent())
                || !old.vrf().equals(n.vrf()) || (old.type() != n.type() && !sharedFlip)) {
            throw new DomainException.Unprocessable(String.format(
                    "%s: partitionid, projectid, parentnetworkid, vrf and networktype cannot change (only child <-> child-shared via shared)",
                    old.describe()));
        }
        who.requireWrite(old.project(), "updating " + old.describe());
        checkAdditionalAnnouncable(n);
        boolean adminOnly = !old.prefixes().equals(n.prefixes()) || !old.destinationPrefixes().equals(n.destinationPrefixes())
                || !old.additionalAnnouncable().equals(n.additionalAnnouncable())
                || old.nat() != n.nat() || !old.defaultChildPrefixLength().equals(n.defaultChildPrefixLength())
                || !Optional.ofNullable(old.labels().get(Labels.PEERABLE)).equals(Optional.ofNullable(n.labels().get(Labels.PEERABLE)));
        if (adminOnly && !who.admin()) {
            throw new DomainException.Forbidden(String.format(
                    "changing prefixes, destinationprefixes, additionalannouncablecidrs, nat, defaultchildprefixlength or the %s label of %s needs the admin role; this token has role %s",
                    Labels.PEERABLE, old.describe(), who.describe()));
        }
    }

    private Object free(Call c) {
        Principal who = c.principal();
        NetworkId id = NetworkId.parse(c.path("id"));
        return Wire.network(db.write(s -> {
            Network n = visible(s, who, id);
            if (!n.type().isPrivate()) {
                throw new DomainException.Unprocessable(String.format(
                        "%s is of type %s: only allocated child networks are freed, admins delete others with DELETE /v1/network/{id}",
                        n.describe(), n.type()));
            }
            who.requireWrite(n.project(), "freeing " + n.describe());
            Network locked = s.networks().lock(id);
            // its auto peerings go with it, in this transaction: they never block the free
            auto.forget(s, id);
            return remove(s, locked, "free");
        }));
    }

    private Object delete(Call c) {
        c.principal().requireAdmin("deleting a network");
        NetworkId id = NetworkId.parse(c.path("id"));
        return Wire.network(db.write(s -> remove(s, s.networks().lock(id), "delete")));
    }

    private static Network remove(Stores s, Network n, String action) {
        Edits.refuseIfUsed(n.describe(), action, Map.of(
                "machines", s.machines().list().stream()
                        .filter(m -> m.allocation().map(a -> a.networks().contains(n.id())).orElse(false)).map(m -> m.id().value()).toList(),
                "peerings", s.peerings().of(n.id()).stream().map(p -> p.id().value()).toList(),
                "child networks", s.networks().children(n.id()).stream().map(x -> x.id().value()).toList()));
        s.networks().delete(n.id());
        s.bumpRevision();
        return n;
    }
}
