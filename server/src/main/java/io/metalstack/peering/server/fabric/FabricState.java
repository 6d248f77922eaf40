package io.metalstack.peering.server.fabric;

import io.metalstack.peering.model.Network;
import io.metalstack.peering.model.NetworkId;
import io.metalstack.peering.model.Peering;
import io.metalstack.peering.model.PeeringId;
import io.metalstack.peering.model.PeeringType;
import io.metalstack.peering.model.SwitchId;
import io.metalstack.peering.model.plan.Inventory;
import io.metalstack.peering.model.plan.OverlayMap;
import io.metalstack.peering.model.plan.Plan;
import io.metalstack.peering.model.plan.Planner;
import io.metalstack.peering.model.plan.SwitchIntent;
import io.metalstack.peering.model.plan.VrfImport;
import io.metalstack.peering.model.plan.VrfIntent;
import io.metalstack.peering.model.status.SwitchReport;
import io.metalstack.peering.model.status.SwitchStatus;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

import static java.util.Objects.requireNonNull;

/**
 * One immutable state of the {@link Fabric}: the plan, per switch the revision at which its intent last changed, the
 * last revision replayed, per peering the revision at which it was written, and the planner's error if the last
 * sync failed. Indexes derived from the plan are built once, on first use, or derived from the previous state's
 * ({@link #replanned}).
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
        // an OverlayMap (Fabric derives each sync's from the last one's) is never changed once handed over
        this.peeringRevisions = peeringRevisions instanceof OverlayMap<PeeringId, Long> ? peeringRevisions : Map.copyOf(peeringRevisions);
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
        return plan.network(id);
    }

    public Optional<Peering> peering(PeeringId id) {
        return plan.peering(id);
    }

    /** The switches on which the peering shows: an import between its two VRFs, or its external session. Sorted. */
    public SortedSet<SwitchId> switchesOf(PeeringId id) {
        Indexes i = indexes();
        SortedSet<SwitchId> out = new TreeSet<>(i.external.getOrDefault(id, EMPTY_SWITCHES));
        plan.peering(id).filter(p -> p.type() == PeeringType.LOCAL).ifPresent(p -> {
            List<NetworkId> pair = Indexes.pair(p.network1(), p.network2().orElseThrow());
            if (id.equals(i.owner(pair))) {
                out.addAll(i.importing.getOrDefault(pair, EMPTY_SWITCHES));
            }
        });
        return out;
    }

    /** The peerings that show on switch {@code id} (see {@link #switchesOf}), in id order. */
    public List<Peering> peeringsOn(SwitchId id) {
        Indexes i = indexes();
        TreeSet<PeeringId> on = new TreeSet<>();
        plan.intent(id).ifPresent(intent -> {
            Indexes.pairs(intent).forEach(pair -> {
                PeeringId owner = i.owner(pair);
                if (owner != null) {
                    on.add(owner);
                }
            });
            intent.external().forEach(s -> on.add(s.peering()));
        });
        return on.stream().flatMap(p -> plan.peering(p).stream()).toList();
    }

    /**
     * The state after an incremental re-plan of {@code before}: its indexes derived from {@code before}'s in time
     * proportional to the change (the switches whose intent the re-plan replaced and the peerings it wrote), not
     * rebuilt from every peering, where {@code before}'s are built.
     */
    static FabricState replanned(FabricState before, Plan plan, Map<SwitchId, Long> revisions, long seen,
                                 Map<PeeringId, Long> peeringRevisions, Collection<PeeringId> peerings) {
        FabricState after = new FabricState(plan, revisions, seen, peeringRevisions, Optional.empty(), true);
        Indexes built = before.indexes;
        if (built != null) {
            after.indexes = built.with(before.plan, plan, peerings);
        }
        return after;
    }

    private static final SortedSet<SwitchId> EMPTY_SWITCHES = Collections.emptySortedSet();

    private Indexes indexes() {
        Indexes i = indexes;
        if (i == null) {
            i = Indexes.of(plan);
            indexes = i;
        }
        return i;
    }

    /** The indexes, built fresh (no state to derive them from), for the test that compares a derived one with it. */
    List<Map<?, ?>> indexMaps(boolean fresh) {
        Indexes i = fresh ? Indexes.of(plan) : indexes();
        return List.of(new HashMap<>(i.localByPair), new HashMap<>(i.importing), new HashMap<>(i.external));
    }

    /**
     * What {@link #switchesOf} and {@link #peeringsOn} read: per pair of networks its local peerings (the planner keeps
     * one import per pair, from the lowest peering id, planned or not) and the switches importing between the two, per
     * peering the switches of its external session. Never mutated once published: {@link #with} lays
     * {@link OverlayMap}s over the maps it changes, and replaces a changed set by a copy.
     */
    private static final class Indexes {
        final Map<List<NetworkId>, SortedSet<PeeringId>> localByPair;
        final Map<List<NetworkId>, SortedSet<SwitchId>> importing;
        final Map<PeeringId, SortedSet<SwitchId>> external;
        /** Built from nothing: sets are mutated in place, nothing is shared yet. */
        private final boolean fresh;

        private Indexes(Map<List<NetworkId>, SortedSet<PeeringId>> localByPair, Map<List<NetworkId>, SortedSet<SwitchId>> importing,
                        Map<PeeringId, SortedSet<SwitchId>> external, boolean fresh) {
            this.localByPair = localByPair;
            this.importing = importing;
            this.external = external;
            this.fresh = fresh;
        }

        static Indexes of(Plan plan) {
            Indexes i = new Indexes(new HashMap<>(), new HashMap<>(), new HashMap<>(), true);
            plan.inventory().peerings().forEach(p -> i.peering(p, true));
            plan.intents().values().forEach(intent -> i.intent(intent, true));
            return i;
        }

        /** The indexes of {@code after}, re-planned from {@code before} (whose indexes these are) writing {@code peerings}. */
        Indexes with(Plan before, Plan after, Collection<PeeringId> peerings) {
            Indexes next = new Indexes(OverlayMap.derive(localByPair), OverlayMap.derive(importing), OverlayMap.derive(external), false);
            for (PeeringId id : new HashSet<>(peerings)) {
                before.peering(id).ifPresent(p -> next.peering(p, false));
                after.peering(id).ifPresent(p -> next.peering(p, true));
            }
            // a re-plan keeps the intent object of every switch it did not re-plan
            Set<SwitchId> switches = new HashSet<>(before.intents().keySet());
            switches.addAll(after.intents().keySet());
            for (SwitchId id : switches) {
                SwitchIntent was = before.intents().get(id);
                SwitchIntent now = after.intents().get(id);
                if (was != now) {
                    if (was != null) {
                        next.intent(was, false);
                    }
                    if (now != null) {
                        next.intent(now, true);
                    }
                }
            }
            return next;
        }

        PeeringId owner(List<NetworkId> pair) {
            SortedSet<PeeringId> local = localByPair.get(pair);
            return local == null ? null : local.first();
        }

        private void peering(Peering p, boolean add) {
            if (p.type() == PeeringType.LOCAL) {
                update(localByPair, pair(p.network1(), p.network2().orElseThrow()), p.id(), add);
            }
        }

        private void intent(SwitchIntent intent, boolean add) {
            pairs(intent).forEach(pair -> update(importing, pair, intent.id(), add));
            intent.external().forEach(s -> update(external, s.peering(), intent.id(), add));
        }

        private <K, V extends Comparable<V>> void update(Map<K, SortedSet<V>> map, K key, V value, boolean add) {
            SortedSet<V> set = map.get(key);
            if (add ? set != null && set.contains(value) : set == null || !set.contains(value)) {
                return;
            }
            if (fresh && set != null) {
                if (add) {
                    set.add(value);
                } else {
                    set.remove(value);
                }
                return;
            }
            TreeSet<V> copy = set == null ? new TreeSet<>() : new TreeSet<>(set);
            if (add) {
                copy.add(value);
            } else {
                copy.remove(value);
            }
            if (copy.isEmpty()) {
                map.remove(key);
            } else {
                map.put(key, copy);
            }
        }

        /** The pairs of networks the intent imports between. */
        static Set<List<NetworkId>> pairs(SwitchIntent intent) {
            Set<List<NetworkId>> out = new HashSet<>();
            for (VrfIntent v : intent.vrfs()) {
                for (VrfImport x : v.imports()) {
                    out.add(pair(v.network(), x.network()));
                }
            }
            return out;
        }

        static List<NetworkId> pair(NetworkId a, NetworkId b) {
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
