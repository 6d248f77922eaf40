package io.metalstack.peering.server.fabric;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.metalstack.peering.api.IntentCodec;
import io.metalstack.peering.api.Json;
import io.metalstack.peering.model.DomainException;
import io.metalstack.peering.model.Machine;
import io.metalstack.peering.model.MachineId;
import io.metalstack.peering.model.Network;
import io.metalstack.peering.model.NetworkId;
import io.metalstack.peering.model.Peering;
import io.metalstack.peering.model.PeeringId;
import io.metalstack.peering.model.SwitchId;
import io.metalstack.peering.model.Vni;
import io.metalstack.peering.model.plan.Inventory;
import io.metalstack.peering.model.plan.InventoryChange;
import io.metalstack.peering.model.plan.OverlayMap;
import io.metalstack.peering.model.plan.Plan;
import io.metalstack.peering.model.plan.Planner;
import io.metalstack.peering.model.plan.SwitchIntent;
import io.metalstack.peering.server.store.InternalErrors;
import io.metalstack.peering.server.store.ChangeKind;
import io.metalstack.peering.server.store.Stores;
import io.metalstack.peering.server.store.JdbcStores;
import io.metalstack.peering.server.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * The server's current plan of the fabric and, per switch, the revision at which its intent last changed.
 *
 * <p>Every committed write logs the entities it wrote in the {@code changes} table. {@link #sync()} replays the log
 * since the last revision it saw, in one snapshot: each logged change re-plans only the switches it affects
 * ({@link Planner#affected}, {@link Planner#replan}); a switch whose intent differs afterwards gets the change's
 * revision and its watchers are woken. A switch change (or anything the planner cannot apply incrementally) plans
 * the whole fabric again, keeping the VLANs. {@code sync} runs after each local commit and, on PostgreSQL, when
 * another replica announces a commit ({@link ReplicaListener}); all replicas replay the same log the same way.
 */
public final class Fabric {

    private static final Logger LOG = LoggerFactory.getLogger(Fabric.class);
    private static final ObjectMapper JSON = Json.mapper();

    /** Revisions the change log keeps the entries of deleted entities for; a replica further behind plans in full. */
    static final long RETENTION = 10_000;
    /** The log is compacted every this many revisions. */
    public static final long COMPACT_EVERY = 256;

    private final Database db;
    private final Watchers watchers = new Watchers();
    private final long retention;
    private volatile FabricState state;
    private long compacted;

    public Fabric(Database db) {
        this(db, RETENTION);
    }

    public Fabric(Database db, long retention) {
        this.db = db;
        this.retention = retention;
        this.state = FabricState.EMPTY;
        sync();
        db.beforeCommit(this::admit);
        db.onCommit(this::replay);
    }

    /**
     * Returns once the state has replayed {@code revision}: after each local commit, so that the writer's answer shows the
     * new plan, and for each commit another replica (or this one) announces. One sync replays every commit before its
     * snapshot, so writers that commit while another one syncs wait for it and then find their revision replayed already
     * (or share the next sync): one plan for many commits, and a commit announced twice is replayed by one sync.
     */
    public void replay(long revision) {
        if (replayed(revision)) {
            return;
        }
        synchronized (this) {
            if (!replayed(revision)) {
                sync();
            }
        }
    }

    private boolean replayed(long revision) {
        FabricState st = state;
        return st.started() && st.error().isEmpty() && st.seen() >= revision;
    }

    /**
     * Capacity admission, in the write's transaction before it commits: the plan is brought up to what the transaction
     * sees (changes other writes or replicas committed since this replica's last sync), then the write's own changes are
     * planned on it, and a switch that could be planned before them but not with them (more VRFs than its VLAN ids, or
     * any other plan limit) refuses the write with 409 naming the switch. Two concurrent writes may still pass together
     * what neither passes alone (a peering create is admitted before it takes the revision row's lock, {@link
     * Stores#bumpRevisionAtCommit}, so that lock, which every write waits for, is not held while this reads); then only
     * that switch fails to plan ({@link Planner#replanEach}) and shows a plan condition. Where the plan cannot be brought up to date incrementally (a switch or a deleted network changed, or
     * planning failed as a whole), the check is left to the sync after the commit.
     */
    private void admit(JdbcStores s) {
        List<Stores.Change> own = s.written();
        if (own.stream().allMatch(c -> c.kind() == ChangeKind.PEERING_METADATA)) {
            return;
        }
        replanned(s);
    }

    /** The plan brought up to what a write's transaction sees, and the same with the write's own changes. */
    private record Replanned(Plan before, Plan after) {}

    /** {@link #admit}'s planning: empty where the plan cannot be brought up to date incrementally. */
    private Optional<Replanned> replanned(JdbcStores s) {
        FabricState st = state;
        if (!st.started() || st.error().isPresent()) {
            return Optional.empty();
        }
        Stores.LogSince since = s.switchState().logSince(st.seen());
        if (since.behind()) {
            return Optional.empty();
        }
        List<InventoryChange> committed = changes(s, since.changes());
        Optional<List<InventoryChange>> mine = s.inventoryChanges();
        if (committed == null || mine.isEmpty()) {
            return Optional.empty();
        }
        Plan plan = st.plan();
        try {
            for (InventoryChange c : committed) {
                plan = Planner.replanEach(plan, c);
            }
            Plan before = plan;
            for (InventoryChange c : mine.get()) {
                Plan next = Planner.replanEach(plan, c);
                for (SwitchId id : Planner.affected(plan, c)) {
                    DomainException failure = next.failures().get(id);
                    if (failure != null && !plan.failures().containsKey(id)) {
                        String prefix = "switch " + id + ": ";
                        throw new DomainException.Conflict(String.format("switch %s cannot carry this change: %s", id,
                                failure.getMessage().startsWith(prefix) ? failure.getMessage().substring(prefix.length()) : failure.getMessage()));
                    }
                }
                plan = next;
            }
            return Optional.of(new Replanned(before, plan));
        } catch (DomainException.Conflict refused) {
            throw refused;
        } catch (RuntimeException e) {
            // the inventory is not what the incremental plan expects: the sync after the commit plans it in full
            LOG.debug("capacity admission left to the sync: {}", InternalErrors.describe(e));
            return Optional.empty();
        }
    }

    /** The fabric before and after a write that is not committed (a dry run). */
    public record Preview(FabricState before, FabricState after) {}

    /**
     * What the write in {@code s}'s transaction, not committed, would make of the fabric: planned as {@link #admit}
     * plans it (and refused as it refuses), so that a dry run answers what the write would. Where that cannot be
     * done incrementally, both sides are planned in full from the transaction's inventory, {@code undo} giving the
     * inventory without the write. The after state holds the written peerings at the transaction's revision.
     */
    public Preview preview(JdbcStores s, UnaryOperator<Inventory> undo) {
        FabricState st = state;
        Replanned r = replanned(s).orElseGet(() -> {
            Inventory now = new Inventory(s.partitions().list(), s.projects().list(), s.networks().list(), s.switches().list(),
                    s.machines().list(), s.peerings().list());
            Plan before = Planner.planEach(undo.apply(now), st.plan().vlans(), st.plan().intents());
            return new Replanned(before, Planner.planEach(now, before.vlans(), before.intents()));
        });
        long revision = s.revisionAtCommit();
        Map<PeeringId, Long> peerings = OverlayMap.derive(st.peeringRevisions());
        s.written().stream().filter(c -> c.kind() == ChangeKind.PEERING).forEach(c -> peerings.put(PeeringId.parse(c.id()), revision));
        Map<SwitchId, Long> revisions = new HashMap<>(st.revisions());
        r.after().intents().forEach((id, intent) -> {
            if (!r.before().intent(id).equals(Optional.of(intent))) {
                revisions.put(id, revision);
            }
        });
        return new Preview(new FabricState(r.before(), st.revisions(), st.seen(), st.peeringRevisions(), Optional.empty(), true),
                new FabricState(r.after(), revisions, revision, peerings, Optional.empty(), true));
    }

    /** The planner's changes for logged ones, or null where one needs a full plan. */
    private static List<InventoryChange> changes(Stores s, List<Stores.Change> logged) {
        List<InventoryChange> out = new ArrayList<>();
        Written written = Written.read(s, logged);
        for (Stores.Change c : logged) {
            if (c.kind() == ChangeKind.PEERING_METADATA) {
                continue;
            }
            InventoryChange change = change(written, c);
            if (change == null) {
                return null;
            }
            out.add(change);
        }
        return out;
    }

    /**
     * The entities logged changes name, as a transaction holds them: one read per kind (by primary key), not one per
     * change, so that replaying what other writers committed since the last sync costs the same few reads however many
     * they wrote (the capacity admission does it while it holds the pair's row locks).
     */
    private record Written(Map<PeeringId, Peering> peerings, Map<MachineId, Machine> machines, Map<NetworkId, Network> networks) {
        static Written read(Stores s, java.util.Collection<Stores.Change> logged) {
            return new Written(s.peerings().getAll(ids(logged, ChangeKind.PEERING, PeeringId::parse)),
                    s.machines().getAll(ids(logged, ChangeKind.MACHINE, MachineId::parse)),
                    s.networks().getAll(ids(logged, ChangeKind.NETWORK, NetworkId::parse)));
        }

        private static <I> List<I> ids(java.util.Collection<Stores.Change> logged, ChangeKind kind, java.util.function.Function<String, I> parse) {
            return logged.stream().filter(c -> c.kind() == kind).map(c -> parse.apply(c.id())).distinct().toList();
        }
    }

    /** The logged change as the planner takes it, with the entity as the transaction holds it; null where only a full plan will do. */
    private static InventoryChange change(Written w, Stores.Change c) {
        return switch (c.kind()) {
            case PEERING -> Optional.ofNullable(w.peerings().get(PeeringId.parse(c.id()))).<InventoryChange>map(InventoryChange.PeeringSet::new)
                    .orElseGet(() -> new InventoryChange.PeeringRemoved(PeeringId.parse(c.id())));
            case MACHINE -> Optional.ofNullable(w.machines().get(MachineId.parse(c.id()))).<InventoryChange>map(InventoryChange.MachineSet::new)
                    .orElseGet(() -> new InventoryChange.MachineRemoved(MachineId.parse(c.id())));
            case NETWORK -> Optional.ofNullable(w.networks().get(NetworkId.parse(c.id()))).<InventoryChange>map(InventoryChange.NetworkSet::new).orElse(null);
            case SWITCH, PEERING_METADATA -> null;
        };
    }

    public FabricState state() {
        return state;
    }

    public Watchers watchers() {
        return watchers;
    }

    /** What one snapshot read of the change log gave. */
    private record Batch(long revision, Inventory full, List<Change> changes, Map<PeeringId, Long> peeringRevisions,
                         Map<SwitchId, Stores.StoredIntent> stored) {}

    /** One logged change with the entity as the snapshot holds it. */
    private record Change(long revision, ChangeKind kind, InventoryChange change) {}

    /**
     * Catches up with the change log. Never throws: the writes it replays are committed; a plan that fails is
     * logged and kept as the state's error, and the next sync plans the whole fabric again.
     */
    public synchronized void sync() {
        FabricState before = state;
        try {
            Batch batch = db.snapshot(s -> read(s, before));
            if (batch == null) {
                return;
            }
            FabricState after = apply(before, batch);
            persist(before, after, batch.stored());
            state = after;
            db.observed(after.seen());
            watchers.publish(after.changedSince(before));
            compactEvery(after.seen());
        } catch (RuntimeException e) {
            LOG.error("planning the fabric failed; switches keep their last intent until the next change", InternalErrors.redacted(e));
            state = before.failed(e instanceof DomainException ? e.getMessage() : InternalErrors.describe(e));
        }
    }

    /** Every {@link #COMPACT_EVERY} revisions: the change log keeps one entry per live entity plus the retention. */
    private void compactEvery(long seen) {
        if (seen - compacted < COMPACT_EVERY) {
            return;
        }
        compacted = seen;
        try {
            int dropped = db.write(s -> s.switchState().compact(seen - retention));
            LOG.debug("change log compacted at revision {}: {} entries dropped", seen, dropped);
        } catch (RuntimeException e) {
            LOG.warn("compacting the change log failed; it is tried again later: {}", InternalErrors.describe(e));
        }
    }

    private static Batch read(Stores s, FabricState before) {
        // the revision, the horizon and the log since the last sync in one read (a first sync plans in full: no log)
        Stores.LogSince since = before.started() ? s.switchState().logSince(before.seen()) : new Stores.LogSince(s.revision(), false, List.of());
        long revision = since.revision();
        if (revision <= before.seen() && before.error().isEmpty() && before.started()) {
            return null;
        }
        // behind the compaction horizon, entries of deleted entities may be gone: replaying would miss them
        boolean behind = since.behind();
        List<Stores.Change> log = since.changes();
        // one entry per entity, at its last revision: the snapshot holds its latest state anyway
        Map<String, Stores.Change> last = new LinkedHashMap<>();
        log.forEach(c -> {
            last.remove(c.kind() + "/" + c.id());
            last.put(c.kind() + "/" + c.id(), c);
        });
        boolean full = !before.started() || before.error().isPresent() || behind;
        List<Change> changes = new ArrayList<>();
        Written written = Written.read(s, last.values());
        for (Stores.Change c : last.values()) {
            if (c.kind() == ChangeKind.PEERING_METADATA) {
                continue;
            }
            InventoryChange change = change(written, c);
            if (change == null) {
                full = true; // a switch, or a deleted network: no incremental change describes it
            } else {
                changes.add(new Change(c.revision(), c.kind(), change));
            }
        }
        changes.sort(java.util.Comparator.comparingLong(Change::revision));
        Inventory inventory = full ? new Inventory(s.partitions().list(), s.projects().list(), s.networks().list(),
                s.switches().list(), s.machines().list(), s.peerings().list()) : null;
        return new Batch(revision, inventory, changes, full ? s.switchState().peeringRevisions() : peeringRevisions(before, log, changes),
                before.started() ? Map.of() : s.switchState().intents());
    }

    /**
     * The peerings' revisions after {@code log}, from {@code before}'s (not a read of the whole log): a written peering
     * gets the entry's revision, a deleted one is forgotten (nothing shows its status any more).
     */
    private static Map<PeeringId, Long> peeringRevisions(FabricState before, List<Stores.Change> log, List<Change> changes) {
        // derived, not copied: a copy of every peering's revision per sync cost O(peerings) per create
        Map<PeeringId, Long> out = OverlayMap.derive(before.peeringRevisions());
        for (Stores.Change c : log) {
            if (c.kind() == ChangeKind.PEERING) {
                out.put(PeeringId.parse(c.id()), c.revision());
            }
        }
        for (Change c : changes) {
            if (c.change() instanceof InventoryChange.PeeringRemoved removed) {
                out.remove(removed.id());
            }
        }
        return out;
    }

    private static FabricState apply(FabricState before, Batch b) {
        Map<SwitchId, Long> revisions = new HashMap<>(before.revisions());
        Plan plan;
        if (b.full() != null) {
            Map<SwitchId, SortedMap<Vni, Integer>> vlans = new HashMap<>();
            b.stored().forEach((id, stored) -> vlans.put(id, stored.vlans()));
            vlans.putAll(before.plan().vlans());
            // switch by switch: one that cannot be planned keeps its last intent and shows a plan condition, the others progress
            plan = Planner.planEach(b.full(), vlans, before.plan().intents());
            revisions.keySet().retainAll(plan.intents().keySet());
            // at start, an intent stored by the last run is recognised by its digest
            Map<SwitchId, String> digests = before.started() ? Map.of()
                    : digests(plan.intents().values().stream().filter(i -> b.stored().containsKey(i.id())).toList());
            for (SwitchIntent intent : plan.intents().values()) {
                Stores.StoredIntent stored = b.stored().get(intent.id());
                if (!before.started() && stored != null && stored.digest().equals(digests.get(intent.id()))) {
                    revisions.put(intent.id(), stored.revision());
                } else if (!Objects.equals(before.plan().intent(intent.id()).orElse(null), intent) || !revisions.containsKey(intent.id())) {
                    revisions.put(intent.id(), b.revision());
                }
            }
        } else {
            plan = before.plan();
            List<PeeringId> peerings = new ArrayList<>();
            for (Change c : b.changes()) {
                if (c.change() instanceof InventoryChange.PeeringSet set) {
                    peerings.add(set.peering().id());
                } else if (c.change() instanceof InventoryChange.PeeringRemoved removed) {
                    peerings.add(removed.id());
                }
                Plan next = Planner.replanEach(plan, c.change());
                for (SwitchId id : Planner.affected(plan, c.change())) {
                    Optional<SwitchIntent> now = next.intent(id);
                    if (now.isEmpty()) {
                        revisions.remove(id);
                    } else if (!now.equals(plan.intent(id))) {
                        revisions.put(id, c.revision());
                    }
                }
                plan = next;
            }
            logFailures(before, plan);
            return FabricState.replanned(before, plan, revisions, b.revision(), b.peeringRevisions(), peerings);
        }
        logFailures(before, plan);
        return new FabricState(plan, revisions, b.revision(), b.peeringRevisions(), Optional.empty(), true);
    }

    private static void logFailures(FabricState before, Plan plan) {
        plan.failures().forEach((id, e) -> {
            if (!before.plan().failures().containsKey(id)) {
                LOG.warn("planning switch {} failed; it keeps its last intent until a change plans it again: {}", id, e.getMessage());
            }
        });
    }

    /** Keeps what a restart needs: per switch whose intent changed its revision, digest and VLANs. */
    private void persist(FabricState before, FabricState after, Map<SwitchId, Stores.StoredIntent> stored) {
        List<SwitchIntent> changed = new ArrayList<>();
        for (SwitchIntent intent : after.plan().intents().values()) {
            long revision = after.revision(intent.id());
            Stores.StoredIntent known = stored.get(intent.id());
            boolean unchanged = before.started()
                    ? before.plan().intent(intent.id()).map(intent::equals).orElse(false) && before.revision(intent.id()) == revision
                    : known != null && known.revision() == revision;
            if (!unchanged) {
                changed.add(intent);
            }
        }
        Map<SwitchId, String> digests = digests(changed);
        Map<SwitchId, Stores.StoredIntent> write = new TreeMap<>();
        for (SwitchIntent intent : changed) {
            TreeMap<Vni, Integer> vlans = new TreeMap<>();
            intent.vrfs().forEach(v -> vlans.put(v.vni(), v.vlan()));
            write.put(intent.id(), new Stores.StoredIntent(after.revision(intent.id()), digests.get(intent.id()), vlans));
        }
        if (write.isEmpty()) {
            return;
        }
        try {
            db.write(s -> {
                write.forEach(s.switchState()::putIntent);
                return null;
            });
        } catch (DomainException.Conflict e) {
            // another replica inserted the same rows at the same moment: they are equal, nothing is lost
            LOG.debug("switch intent state written concurrently: {}", e.getMessage());
        }
    }

    /** The intents' digests; many (a full plan at start) are computed in parallel. */
    private static Map<SwitchId, String> digests(List<SwitchIntent> intents) {
        return (intents.size() >= PARALLEL_DIGESTS_FROM ? intents.parallelStream() : intents.stream())
                .collect(Collectors.toMap(SwitchIntent::id, Fabric::digest));
    }

    private static final int PARALLEL_DIGESTS_FROM = 64;

    /** A digest of the intent's wire form: recognises an unchanged intent across restarts. */
    static String digest(SwitchIntent intent) {
        try {
            byte[] bytes = JSON.writeValueAsBytes(IntentCodec.toWire(intent));
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot digest the intent of switch " + intent.id(), e);
        }
    }
}
