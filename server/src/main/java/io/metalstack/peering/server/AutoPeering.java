package io.metalstack.peering.server;

import io.metalstack.peering.api.V1Condition;
import io.metalstack.peering.model.DomainException;
import io.metalstack.peering.model.Labels;
import io.metalstack.peering.model.Network;
import io.metalstack.peering.model.NetworkId;
import io.metalstack.peering.model.Peering;
import io.metalstack.peering.model.PeeringId;
import io.metalstack.peering.model.PeeringOrigin;
import io.metalstack.peering.model.PeeringType;
import io.metalstack.peering.model.Project;
import io.metalstack.peering.model.ProjectId;
import io.metalstack.peering.model.rules.PeeringRules;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Auto-peering (issue 6 §1–3): a project labelled {@code auto-peer: "true"} gets a system-managed peering (origin
 * {@code auto}, type local) between every two of its private networks in one partition. It runs inside the write
 * transaction of whatever changed the picture (the label, a network's allocation or free), so it never leaves a
 * half-done state, and it never fails that change: a pair the peering rules refuse (overlapping prefixes, quota, no
 * family) is skipped and shown as a condition of the project ({@link #conditions}), derived on read.
 * <ul>
 *   <li>Manual peerings are never touched; a pair with a manual peering gets no auto one.</li>
 *   <li>A manual create for a pair that has an auto peering replaces it in the same transaction
 *       ({@link #replaceForManual}): the user's peering, with its name and labels, takes over the pair.</li>
 *   <li>Concurrency: {@link #sync} locks all of the project's private networks in id order before it looks for
 *       existing peerings, like a manual create locks its two networks in id order; so a manual create and an auto
 *       creation of one pair serialize, and the pair's unique index backs this up.</li>
 * </ul>
 */
final class AutoPeering {

    static final String CONDITION = "AutoPeering";

    private final PeeringRules rules;
    private final Edits edits;

    AutoPeering(PeeringRules rules, Edits edits) {
        this.rules = rules;
        this.edits = edits;
    }

    static boolean enabled(Project p) {
        return p.labels().isTrue(Labels.AUTO_PEER);
    }

    /** Brings the auto peerings of {@code project} in line with its label and networks; returns whether anything changed. */
    boolean sync(Stores s, ProjectId project) {
        Optional<Project> p = s.projects().get(project);
        List<Network> networks = privateNetworks(s, project);
        boolean changed = false;
        if (p.isEmpty() || !enabled(p.get())) {
            for (Network n : networks) {
                changed |= forget(s, n.id());
            }
            return changed;
        }
        Map<NetworkId, Network> locked = new TreeMap<>();
        networks.stream().map(Network::id).sorted().forEach(id -> locked.put(id, s.networks().lock(id)));
        for (List<Network> pair : pairs(List.copyOf(locked.values()))) {
            Network a = pair.get(0), b = pair.get(1);
            if (peered(s, a, b)) {
                continue;
            }
            try {
                rules.admit(a, b, PeeringType.LOCAL, Graphs.of(s, locked));
            } catch (DomainException e) {
                continue; // shown as a condition of the project
            }
            Instant now = edits.now();
            s.peerings().insert(new Peering(PeeringId.parse(UUID.randomUUID().toString()), "auto-" + label(a) + "-" + label(b),
                    "managed by auto-peering of project " + project, Optional.of(project), a.partition(), a.id(), b.id(),
                    PeeringType.LOCAL, Optional.empty(), PeeringOrigin.AUTO, Labels.EMPTY, now, now));
            changed = true;
        }
        return changed;
    }

    /** Removes the auto peerings of a network (before it is freed, so that they never block the free). */
    boolean forget(Stores s, NetworkId network) {
        boolean changed = false;
        for (Peering p : s.peerings().of(network)) {
            if (p.origin() == PeeringOrigin.AUTO) {
                s.peerings().delete(p.id());
                changed = true;
            }
        }
        return changed;
    }

    /** Before a manual create of {@code a} and {@code b} (both locked): drops their auto peering, so the manual one replaces it. */
    static void replaceForManual(Stores s, NetworkId a, Optional<NetworkId> b) {
        if (b.isEmpty()) {
            return;
        }
        for (Peering p : s.peerings().of(a)) {
            if (p.origin() == PeeringOrigin.AUTO && p.other(a).equals(b)) {
                s.peerings().delete(p.id());
            }
        }
    }

    /** The pairs auto-peering would peer but the rules refuse, with the reason: the project's conditions. */
    List<V1Condition> conditions(Stores s, Project project) {
        if (!enabled(project)) {
            return List.of();
        }
        List<Network> networks = privateNetworks(s, project.id());
        Map<NetworkId, Network> byId = networks.stream().collect(Collectors.toMap(Network::id, n -> n, (x, y) -> x, TreeMap::new));
        List<V1Condition> out = new ArrayList<>();
        for (List<Network> pair : pairs(networks)) {
            Network a = pair.get(0), b = pair.get(1);
            if (peered(s, a, b)) {
                continue;
            }
            try {
                rules.admit(a, b, PeeringType.LOCAL, Graphs.of(s, byId));
                out.add(new V1Condition(CONDITION, a.describe() + " and " + b.describe() + " are not peered yet"));
            } catch (DomainException e) {
                out.add(new V1Condition(CONDITION, "auto-peering leaves out " + a.describe() + " and " + b.describe() + ": " + e.getMessage()));
            }
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

    private static boolean peered(Stores s, Network a, Network b) {
        return s.peerings().of(a.id()).stream().anyMatch(p -> p.other(a.id()).equals(Optional.of(b.id())));
    }

    private static String label(Network n) {
        return n.name().isBlank() ? n.id().value() : n.name();
    }
}
