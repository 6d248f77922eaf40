package io.metalstack.peering.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.metalstack.peering.api.IntentCodec;
import io.metalstack.peering.api.Json;
import io.metalstack.peering.model.DomainException;
import io.metalstack.peering.model.MachineId;
import io.metalstack.peering.model.NetworkId;
import io.metalstack.peering.model.PeeringId;
import io.metalstack.peering.model.SwitchId;
import io.metalstack.peering.model.Vni;
import io.metalstack.peering.model.plan.Inventory;
import io.metalstack.peering.model.plan.InventoryChange;
import io.metalstack.peering.model.plan.Plan;
import io.metalstack.peering.model.plan.Planner;
import io.metalstack.peering.model.plan.SwitchIntent;
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
final class Fabric {

    private static final Logger LOG = LoggerFactory.getLogger(Fabric.class);
    private static final ObjectMapper JSON = Json.mapper();

    private final Database db;
    private final Watchers watchers = new Watchers();
    private volatile FabricState state;

    Fabric(Database db) {
        this.db = db;
        this.state = FabricState.EMPTY;
        sync();
        db.onCommit(rev -> sync());
    }

    FabricState state() {
        return state;
    }

    Watchers watchers() {
        return watchers;
    }

    /** What one snapshot read of the change log gave. */
    private record Batch(long revision, Inventory full, List<Change> changes, Map<PeeringId, Long> peeringRevisions,
                         Map<SwitchId, Stores.StoredIntent> stored) {}

    /** One logged change with the entity as the snapshot holds it. */
    private record Change(long revision, String kind, InventoryChange change) {}

    /**
     * Catches up with the change log. Never throws: the writes it replays are committed; a plan that fails is
     * logged and kept as the state's error, and the next sync plans the whole fabric again.
     */
    synchronized void sync() {
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
        } catch (RuntimeException e) {
            LOG.error("planning the fabric failed; switches keep their last intent until the next change", InternalErrors.redacted(e));
            state = before.failed(e instanceof DomainException ? e.getMessage() : InternalErrors.describe(e));
        }
    }

    private static Batch read(Stores s, FabricState before) {
        long revision = s.revision();
        if (revision <= before.seen() && before.error().isEmpty() && before.started()) {
            return null;
        }
        List<Stores.Change> log = before.started() ? s.switchState().changesSince(before.seen()) : List.of();
        // one entry per entity, at its last revision: the snapshot holds its latest state anyway
        Map<String, Stores.Change> last = new LinkedHashMap<>();
        log.forEach(c -> {
            last.remove(c.kind() + "/" + c.id());
            last.put(c.kind() + "/" + c.id(), c);
        });
        boolean full = !before.started() || before.error().isPresent();
        List<Change> changes = new ArrayList<>();
        for (Stores.Change c : last.values()) {
            if (c.kind().equals(JdbcStores.PEERING_METADATA)) {
                continue;
            }
            InventoryChange change = switch (c.kind()) {
                case "peering" -> s.peerings().get(PeeringId.parse(c.id())).<InventoryChange>map(InventoryChange.PeeringSet::new)
                        .orElseGet(() -> new InventoryChange.PeeringRemoved(PeeringId.parse(c.id())));
                case "machine" -> s.machines().get(MachineId.parse(c.id())).<InventoryChange>map(InventoryChange.MachineSet::new)
                        .orElseGet(() -> new InventoryChange.MachineRemoved(MachineId.parse(c.id())));
                case "network" -> s.networks().get(NetworkId.parse(c.id())).<InventoryChange>map(InventoryChange.NetworkSet::new).orElse(null);
                default -> null;
            };
            if (change == null) {
                full = true; // a switch, or a deleted network: no incremental change describes it
            } else {
                changes.add(new Change(c.revision(), c.kind(), change));
            }
        }
        changes.sort(java.util.Comparator.comparingLong(Change::revision));
        Inventory inventory = full ? new Inventory(s.partitions().list(), s.projects().list(), s.networks().list(),
                s.switches().list(), s.machines().list(), s.peerings().list()) : null;
        return new Batch(revision, inventory, changes, s.switchState().peeringRevisions(),
                before.started() ? Map.of() : s.switchState().intents());
    }

    private static FabricState apply(FabricState before, Batch b) {
        Map<SwitchId, Long> revisions = new HashMap<>(before.revisions());
        Plan plan;
        if (b.full() != null) {
            Map<SwitchId, SortedMap<Vni, Integer>> vlans = new HashMap<>();
            b.stored().forEach((id, stored) -> vlans.put(id, stored.vlans()));
            vlans.putAll(before.plan().vlans());
            plan = Planner.plan(b.full(), vlans);
            revisions.keySet().retainAll(plan.intents().keySet());
            for (SwitchIntent intent : plan.intents().values()) {
                Stores.StoredIntent stored = b.stored().get(intent.id());
                if (!before.started() && stored != null && stored.digest().equals(digest(intent))) {
                    revisions.put(intent.id(), stored.revision());
                } else if (!Objects.equals(before.plan().intent(intent.id()).orElse(null), intent) || !revisions.containsKey(intent.id())) {
                    revisions.put(intent.id(), b.revision());
                }
            }
        } else {
            plan = before.plan();
            for (Change c : b.changes()) {
                Plan next = Planner.replan(plan, c.change());
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
        }
        return new FabricState(plan, revisions, b.revision(), b.peeringRevisions(), Optional.empty(), true);
    }

    /** Keeps what a restart needs: per switch whose intent changed its revision, digest and VLANs. */
    private void persist(FabricState before, FabricState after, Map<SwitchId, Stores.StoredIntent> stored) {
        Map<SwitchId, Stores.StoredIntent> write = new TreeMap<>();
        for (SwitchIntent intent : after.plan().intents().values()) {
            long revision = after.revision(intent.id());
            Stores.StoredIntent known = stored.get(intent.id());
            boolean unchanged = before.started()
                    ? before.plan().intent(intent.id()).map(intent::equals).orElse(false) && before.revision(intent.id()) == revision
                    : known != null && known.revision() == revision;
            if (!unchanged) {
                TreeMap<Vni, Integer> vlans = new TreeMap<>();
                intent.vrfs().forEach(v -> vlans.put(v.vni(), v.vlan()));
                write.put(intent.id(), new Stores.StoredIntent(revision, digest(intent), vlans));
            }
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
