package io.metalstack.peering.server.fabric;

import io.metalstack.peering.model.Network;
import io.metalstack.peering.model.NetworkId;
import io.metalstack.peering.model.Peering;
import io.metalstack.peering.model.PeeringId;
import io.metalstack.peering.model.PeeringType;
import io.metalstack.peering.model.SwitchId;
import io.metalstack.peering.model.plan.ExternalSession;
import io.metalstack.peering.model.plan.Inventory;
import io.metalstack.peering.model.plan.Plan;
import io.metalstack.peering.model.plan.Planner;
import io.metalstack.peering.model.plan.SwitchIntent;
import io.metalstack.peering.model.plan.VrfImport;
import io.metalstack.peering.model.plan.VrfIntent;
import io.metalstack.peering.model.status.SwitchReport;
import io.metalstack.peering.model.status.SwitchStatus;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

import static java.util.Objects.requireNonNull;

/**
 * One immutable state of the {@link Fabric}: the plan, per switch the revision at which its intent last changed, the
 * last revision replayed, per peering the revision at which it was written, and the planner's error if the last
 * sync failed. Indexes derived from the plan are built once, on first use.
 */
public final class FabricState {

    static final FabricState EMPTY = new FabricState(Planner.plan(Inventory.EMPTY), Map.of(), 0, Map.of(), Optional.empty(), false);

    private final Plan plan;
    private final Map<SwitchId, Long> revisions;
    private final long seen;
    private final Map<PeeringId, Long> peeringRevisions;
    private final Optional<String> error;
    private final boolean started;
    private volatile Indexes indexes;

    FabricState(Plan plan, Map<SwitchId, Long> revisions, long seen, Map<PeeringId, Long> peeringRevisions,
                Optional<String> error, boolean started) {
        this.plan = requireNonNull(plan, "plan is null");
        this.revisions = Map.copyOf(revisions);
        this.seen = seen;
        this.peeringRevisions = Map.copyOf(peeringRevisions);
        this.error = requireNonNull(error, "error is null");
        this.started = started;
    }

    public Plan plan() {
        return plan;
    }

    public Map<SwitchId, Long> revisions() {
        return revisions;
    }

    /** The revision at which the switch's intent last changed; 0 for a switch the plan does not hold. */
    public long revision(SwitchId id) {
        return revisions.getOrDefault(id, 0L);
    }

    public long seen() {
        return seen;
    }

    /** The revision at which the peering was last written; 0 when the log does not know it. */
    public long peeringRevision(PeeringId id) {
        return peeringRevisions.getOrDefault(id, 0L);
    }

    Map<PeeringId, Long> peeringRevisions() {
        return peeringRevisions;
    }

    public Optional<String> error() {
        return error;
    }

    boolean started() {
        return started;
    }

    /** This state, marked so that the next sync plans everything again. */
    FabricState failed(String message) {
        return new FabricState(plan, revisions, seen, peeringRevisions, Optional.of(message), started);
    }

    /** The switches whose revision differs from {@code before}'s. */
    List<SwitchId> changedSince(FabricState before) {
        TreeSet<SwitchId> out = new TreeSet<>();
        revisions.forEach((id, rev) -> {
            if (!rev.equals(before.revisions.get(id))) {
                out.add(id);
            }
        });
        return List.copyOf(out);
    }

    public Optional<Network> network(NetworkId id) {
        return Optional.ofNullable(indexes().networks.get(id));
    }

    public Optional<Peering> peering(PeeringId id) {
        return Optional.ofNullable(indexes().peerings.get(id));
    }

    /** The switches on which the peering shows: an import between its two VRFs, or its external session. Sorted. */
    public SortedSet<SwitchId> switchesOf(PeeringId id) {
        return indexes().switchesByPeering.getOrDefault(id, new TreeSet<>());
    }

    /** The peerings that show on switch {@code id} (see {@link #switchesOf}), in id order. */
    public List<Peering> peeringsOn(SwitchId id) {
        return indexes().peeringsBySwitch.getOrDefault(id, new TreeSet<>()).stream().map(p -> indexes().peerings.get(p)).toList();
    }

    /** The peerings of a network in the plan. */
    List<Peering> peeringsOf(NetworkId network) {
        return indexes().peeringsByNetwork.getOrDefault(network, List.of());
    }

    private Indexes indexes() {
        Indexes i = indexes;
        if (i == null) {
            i = new Indexes(plan);
            indexes = i;
        }
        return i;
    }

    private static final class Indexes {
        final Map<NetworkId, Network> networks = new HashMap<>();
        final Map<PeeringId, Peering> peerings = new HashMap<>();
        final Map<NetworkId, List<Peering>> peeringsByNetwork = new HashMap<>();
        final Map<PeeringId, SortedSet<SwitchId>> switchesByPeering = new HashMap<>();
        final Map<SwitchId, SortedSet<PeeringId>> peeringsBySwitch = new HashMap<>();

        Indexes(Plan plan) {
            plan.inventory().networks().forEach(n -> networks.put(n.id(), n));
            Map<List<NetworkId>, PeeringId> byPair = new HashMap<>();
            for (Peering p : plan.inventory().peerings()) {
                peerings.put(p.id(), p);
                p.networks().forEach(n -> peeringsByNetwork.computeIfAbsent(n, k -> new java.util.ArrayList<>()).add(p));
                if (p.type() == PeeringType.LOCAL) {
                    // the planner keeps one import per pair, from the lower peering id
                    byPair.merge(pair(p.network1(), p.network2().orElseThrow()), p.id(), (a, b) -> a.compareTo(b) <= 0 ? a : b);
                }
            }
            for (SwitchIntent intent : plan.intents().values()) {
                for (VrfIntent v : intent.vrfs()) {
                    for (VrfImport x : v.imports()) {
                        PeeringId p = byPair.get(pair(v.network(), x.network()));
                        if (p != null) {
                            switchesByPeering.computeIfAbsent(p, k -> new TreeSet<>()).add(intent.id());
                        }
                    }
                }
                for (ExternalSession s : intent.external()) {
                    switchesByPeering.computeIfAbsent(s.peering(), k -> new TreeSet<>()).add(intent.id());
                }
            }
            switchesByPeering.forEach((p, switches) -> switches.forEach(sw -> peeringsBySwitch.computeIfAbsent(sw, k -> new TreeSet<>()).add(p)));
        }

        private static List<NetworkId> pair(NetworkId a, NetworkId b) {
            return a.compareTo(b) <= 0 ? List.of(a, b) : List.of(b, a);
        }
    }

    @Override
    public String toString() {
        return "FabricState[seen=" + seen + ", switches=" + new TreeMap<>(revisions) + ", error=" + error + "]";
    }

    /** The peering on every switch this state puts it on, from their reports. */
    public List<SwitchStatus.OnSwitch> onSwitches(Peering p, Map<SwitchId, SwitchReport> reports) {
        long revision = peeringRevision(p.id());
        List<SwitchStatus.OnSwitch> on = new ArrayList<>();
        for (SwitchId id : switchesOf(p.id())) {
            plan.intent(id).ifPresent(intent -> on.add(SwitchStatus.onSwitch(p, revision, intent, Optional.ofNullable(reports.get(id)), this::network)));
        }
        return on;
    }
}
