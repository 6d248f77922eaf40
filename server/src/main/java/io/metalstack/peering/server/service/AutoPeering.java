package io.metalstack.peering.server.service;

import io.metalstack.peering.model.audit.AuditAction;
import io.metalstack.peering.model.audit.AuditKind;
import io.metalstack.peering.model.DomainException;
import io.metalstack.peering.model.Labels;
import io.metalstack.peering.model.audit.Brief;
import io.metalstack.peering.server.auth.Principal;
import io.metalstack.peering.model.Network;
import io.metalstack.peering.model.NetworkId;
import io.metalstack.peering.model.Peering;
import io.metalstack.peering.model.PeeringId;
import io.metalstack.peering.model.PeeringOrigin;
import io.metalstack.peering.model.PeeringType;
import io.metalstack.peering.model.Project;
import io.metalstack.peering.model.ProjectId;
import io.metalstack.peering.model.rules.PeeringRules;
import io.metalstack.peering.model.status.Condition;
import io.metalstack.peering.server.store.Graphs;
import io.metalstack.peering.server.store.Stores;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Auto-peering: a project labelled {@code auto-peer: "true"} gets a system-managed peering (origin
 * {@code auto}, type local) between every two of its private networks in one partition. It runs inside the write
 * transaction of a label change and of a network's free; after an allocation it runs in a transaction of its own once
 * the allocation committed ({@link #allocated}: only the new network's pairs, so linear in the project's networks, and
 * the partition's super network is not held meanwhile). It never fails the change: a pair the peering rules refuse
 * (overlapping prefixes, quota, no family) is skipped and shown as a condition of the project ({@link #conditions},
 * derived on read, at most {@link #MAX_CONDITIONS} in detail and the rest counted).
 * <ul>
 *   <li>Manual peerings are never touched; a pair with a manual peering gets no auto one.</li>
 *   <li>A manual create for a pair that has an auto peering replaces it in the same transaction
 *       ({@link #replaceForManual}): the user's peering, with its name and labels, takes over the pair.</li>
 *   <li>Concurrency: {@link #sync} and {@link #allocated} lock the project's private networks in id order before they look for
 *       existing peerings, like a manual create locks its two networks in id order; so a manual create and an auto
 *       creation of one pair serialize, and the pair's unique index backs this up.</li>
 * </ul>
 */
public final class AutoPeering {

    static final String CONDITION = "AutoPeering";
    /** A project shows at most this many left-out pairs in detail, and counts the rest in one more condition. */
    public static final int MAX_CONDITIONS = 20;

    private final PeeringRules rules;
    private final Edits edits;

    public AutoPeering(PeeringRules rules, Edits edits) {
        this.rules = rules;
        this.edits = edits;
    }

    static boolean enabled(Project p) {
        return p.labels().isTrue(Labels.AUTO_PEER);
    }

    /** Brings the auto peerings of {@code project} in line with its label and networks; returns whether anything changed. */
    public boolean sync(Stores s, Principal who, ProjectId project) {
        Optional<Project> p = s.projects().get(project);
        List<Network> networks = privateNetworks(s, project);
        boolean changed = false;
        if (p.isEmpty() || !enabled(p.get())) {
            for (Network n : networks) {
                changed |= forget(s, who, n.id());
            }
            return changed;
        }
        Map<NetworkId, Network> locked = new TreeMap<>();
        networks.stream().map(Network::id).sorted().forEach(id -> locked.put(id, s.networks().lock(id)));
        Set<List<NetworkId>> peered = peeredPairs(s, locked.keySet());
        for (List<Network> pair : pairs(List.copyOf(locked.values()))) {
            changed |= peer(s, who, project, pair.get(0), pair.get(1), locked, peered);
        }
        return changed;
    }

    /**
     * After {@code network} of {@code project} was allocated, in a transaction of its own (so that the allocation
     * never waits for it, and never holds the partition's super network while it runs): peers it with each other private
     * network of the project in its partition. Linear in the project's networks: only the new network's pairs are
     * tried. Returns whether anything changed.
     */
    boolean allocated(Stores s, Principal who, ProjectId project, NetworkId network) {
        Optional<Project> p = s.projects().get(project);
        Optional<Network> added = s.networks().get(network);
        if (p.isEmpty() || !enabled(p.get()) || added.isEmpty()) {
            return false;
        }
        Map<NetworkId, Network> locked = new TreeMap<>();
        privateNetworks(s, project).stream().filter(n -> n.partition().equals(added.get().partition())).map(Network::id).sorted()
                .forEach(id -> locked.put(id, s.networks().lock(id)));
        Network n = locked.get(network);
        if (n == null) {
            return false; // freed meanwhile
        }
        Set<List<NetworkId>> peered = peeredPairs(s, Set.of(network));
        boolean changed = false;
        for (Network other : locked.values()) {
            if (!other.id().equals(network)) {
                Network a = n.id().compareTo(other.id()) < 0 ? n : other, b = a == n ? other : n;
                changed |= peer(s, who, project, a, b, locked, peered);
            }
        }
        return changed;
    }

    /** Creates the auto peering of {@code a} and {@code b} unless they are peered or the rules refuse it (a condition then). */
    private boolean peer(Stores s, Principal who, ProjectId project, Network a, Network b, Map<NetworkId, Network> locked, Set<List<NetworkId>> peered) {
        if (peered.contains(pair(a.id(), b.id()))) {
            return false;
        }
        try {
            rules.admit(a, b, PeeringType.LOCAL, Graphs.of(s, locked));
        } catch (DomainException e) {
            return false; // shown as a condition of the project
        }
        Instant now = edits.now();
        Peering p = new Peering(PeeringId.parse(UUID.randomUUID().toString()), "auto-" + label(a) + "-" + label(b),
                "managed by auto-peering of project " + project, Optional.of(project), a.partition(), a.id(), b.id(),
                PeeringType.LOCAL, Optional.empty(), PeeringOrigin.AUTO, Labels.EMPTY, now, now);
        s.peerings().insert(p);
        edits.audit(s, who, AuditAction.CREATE, AuditKind.PEERING, p.id().value(), List.of(p.project()), Brief.of(Optional.empty(), p));
        peered.add(pair(a.id(), b.id()));
        return true;
    }

    /** The pairs already peered (by any origin) among the peerings of {@code networks}. */
    private static Set<List<NetworkId>> peeredPairs(Stores s, java.util.Collection<NetworkId> networks) {
        Set<List<NetworkId>> out = new HashSet<>();
        for (NetworkId id : networks) {
            s.peerings().of(id).forEach(p -> p.other(id).ifPresent(o -> out.add(pair(id, o))));
        }
        return out;
    }

    private static List<NetworkId> pair(NetworkId x, NetworkId y) {
        return x.compareTo(y) <= 0 ? List.of(x, y) : List.of(y, x);
    }

    /** Removes the auto peerings of a network (before it is freed, so that they never block the free). */
    boolean forget(Stores s, Principal who, NetworkId network) {
        boolean changed = false;
        for (Peering p : s.peerings().of(network)) {
            if (p.origin() == PeeringOrigin.AUTO) {
                s.peerings().delete(p.id());
                edits.audit(s, who, AuditAction.DELETE, AuditKind.PEERING, p.id().value(), List.of(p.project()), Brief.deleted(p));
                changed = true;
            }
        }
        return changed;
    }

    /**
     * Before a manual create of {@code a} and {@code b} (both locked): drops their auto peering, so the manual one replaces
     * it, with its event in {@code who}'s name. {@code peeringsOfA}: the peerings of {@code a} as read in this
     * transaction. Returns whether it dropped one.
     */
    static boolean replaceForManual(Stores s, Edits edits, Principal who, NetworkId a, Optional<NetworkId> b, List<Peering> peeringsOfA) {
        boolean dropped = false;
        if (b.isEmpty()) {
            return dropped;
        }
        for (Peering p : peeringsOfA) {
            if (p.origin() == PeeringOrigin.AUTO && p.other(a).equals(b)) {
                s.peerings().delete(p.id());
                edits.audit(s, who, AuditAction.DELETE, AuditKind.PEERING, p.id().value(), List.of(p.project()), Brief.deleted(p));
                dropped = true;
            }
        }
        return dropped;
    }

    /** The pairs auto-peering would peer but the rules refuse, with the reason: the project's conditions. */
    public List<Condition> conditions(Stores s, Project project) {
        if (!enabled(project)) {
            return List.of();
        }
        List<Network> networks = privateNetworks(s, project.id());
        Map<NetworkId, Network> byId = networks.stream().collect(Collectors.toMap(Network::id, n -> n, (x, y) -> x, TreeMap::new));
        Set<List<NetworkId>> peered = peeredPairs(s, byId.keySet());
        List<Condition> out = new ArrayList<>();
        int more = 0;
        for (List<Network> pair : pairs(networks)) {
            Network a = pair.get(0), b = pair.get(1);
            if (peered.contains(pair(a.id(), b.id()))) {
                continue;
            }
            if (out.size() == MAX_CONDITIONS) {
                more++; // counted, not explained: a rule check per pair would make reading a large project quadratic
                continue;
            }
            try {
                rules.admit(a, b, PeeringType.LOCAL, Graphs.of(s, byId));
                out.add(new Condition(CONDITION, a.describe() + " and " + b.describe() + " are not peered yet"));
            } catch (DomainException e) {
                out.add(new Condition(CONDITION, "auto-peering leaves out " + a.describe() + " and " + b.describe() + ": " + e.getMessage()));
            }
        }
        if (more > 0) {
            out.add(new Condition(CONDITION, "auto-peering leaves out " + more + " more pairs of this project's networks"));
        }
        return out;
    }

    private static List<Network> privateNetworks(Stores s, ProjectId project) {
        return s.networks().list().stream().filter(n -> n.type().isPrivate() && n.project().equals(Optional.of(project)))
                .sorted(Comparator.comparing(Network::id)).toList();
    }

    /** Every two networks of one partition, in id order. */
    private static List<List<Network>> pairs(List<Network> networks) {
        List<List<Network>> out = new ArrayList<>();
        for (int i = 0; i < networks.size(); i++) {
            for (int j = i + 1; j < networks.size(); j++) {
                if (networks.get(i).partition().equals(networks.get(j).partition())) {
                    out.add(List.of(networks.get(i), networks.get(j)));
                }
            }
        }
        return out;
    }


    private static String label(Network n) {
        return n.name().isBlank() ? n.id().value() : n.name();
    }
}
