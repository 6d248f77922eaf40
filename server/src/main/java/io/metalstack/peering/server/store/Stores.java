package io.metalstack.peering.server.store;

import io.metalstack.peering.model.Machine;
import io.metalstack.peering.model.MachineId;
import io.metalstack.peering.model.Network;
import io.metalstack.peering.model.NetworkId;
import io.metalstack.peering.model.Partition;
import io.metalstack.peering.model.PartitionId;
import io.metalstack.peering.model.Peering;
import io.metalstack.peering.model.PeeringId;
import io.metalstack.peering.model.Project;
import io.metalstack.peering.model.ProjectId;
import io.metalstack.peering.model.Switch;
import io.metalstack.peering.model.SwitchId;
import io.metalstack.peering.model.status.SwitchReport;
import io.metalstack.peering.server.auth.Token;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/** One unit of work over all stores: everything done through one instance commits or rolls back together. */
public interface Stores {

    EntityStore<PartitionId, Partition> partitions();

    EntityStore<ProjectId, Project> projects();

    NetworkStore networks();

    EntityStore<SwitchId, Switch> switches();

    MachineStore machines();

    PeeringStore peerings();

    TokenStore tokens();

    /** Change log, persisted intent state and agent reports of the switches. */
    SwitchStateStore switchState();

    /** The audit timeline. */
    EventStore events();

    /** Increments the global revision (locks its row until commit: take it last) and returns the new value. */
    long bumpRevision();

    /**
     * Increments the global revision as the write's last statement, after the checks that run before its commit (the
     * fabric's capacity admission): its row lock serializes every write, so it is held for as short as possible. For a
     * write that does not need the new value.
     */
    void bumpRevisionAtCommit();

    long revision();

    interface NetworkStore extends EntityStore<NetworkId, Network> {
        List<Network> children(NetworkId parent);

        List<Network> byName(String name);

        Set<Integer> usedVrfs();
    }

    interface MachineStore extends EntityStore<MachineId, Machine> {
        /** The machines with a connection to switch {@code id}, ordered by id: read by index, not from the whole table. */
        List<Machine> on(SwitchId id);
    }

    interface PeeringStore extends EntityStore<PeeringId, Peering> {
        /** Every peering with {@code network} on either side. */
        List<Peering> of(NetworkId network);

        /** Every peering with one of {@code networks} on either side, in one read by index (none asked: no read). */
        List<Peering> of(java.util.Collection<NetworkId> networks);

        /** The external peerings whose BGP session is on switch {@code id} (their exit switch), ordered by id: read by index. */
        List<Peering> externalOn(SwitchId id);

        /** An update that enables or disables a peering: logged as a peering change (re-planned), not as metadata. */
        void updateEnabled(Peering p);
    }

    /** One entity written at one revision: what replicas replay to keep their plans current. */
    record Change(long revision, ChangeKind kind, String id) {}

    /** What the server keeps of a switch's intent across restarts: when it last changed, its digest, its VLANs. */
    record StoredIntent(long revision, String digest, java.util.SortedMap<io.metalstack.peering.model.Vni, Integer> vlans) {}

    /**
     * Where the change log stands, read in one statement: the global revision, the compaction horizon and every change
     * after {@code after} (ordered by revision), unless {@code after} is behind the horizon (then entries may be gone:
     * {@code behind}, and the changes are not to be replayed).
     */
    record LogSince(long revision, boolean behind, List<Change> changes) {
        public LogSince {
            changes = List.copyOf(changes);
        }
    }

    interface SwitchStateStore {
        /** Every change after {@code revision}, ordered by revision. */
        List<Change> changesSince(long revision);

        /** {@link LogSince}: the revision, whether {@code after} is behind the horizon, and the changes after it, in one read. */
        LogSince logSince(long after);

        /** Per peering the last revision at which it was written. */
        java.util.Map<PeeringId, Long> peeringRevisions();

        java.util.Map<SwitchId, StoredIntent> intents();

        void putIntent(SwitchId id, StoredIntent intent);

        java.util.Map<SwitchId, SwitchReport> reports();

        /** The reports of these switches only (by primary key; none asked: no read). */
        java.util.Map<SwitchId, SwitchReport> reports(java.util.Collection<SwitchId> ids);

        void putReport(SwitchId id, SwitchReport report);

        /** Forgets a deleted switch's intent state and report. */
        void deleteSwitch(SwitchId id);

        /** Entries of deleted entities at or below this revision may be gone from the change log (see {@link #compact}). */
        long horizon();

        /**
         * Compacts the change log: drops every entry superseded by a newer one of the same entity, and the entries at or
         * below {@code upTo} of entities that no longer exist (raising the horizon to {@code upTo}). Returns how many
         * entries went.
         */
        int compact(long upTo);
    }

    /**
     * Which events a read asks for: each present field must match ({@code from} inclusive, {@code to} exclusive);
     * {@code project} present: only the events readable by that project's members.
     */
    record EventFilter(Optional<io.metalstack.peering.model.audit.AuditKind> kind, Optional<String> objectId, Optional<String> actor,
                       Optional<io.metalstack.peering.model.audit.AuditAction> action,
                       Optional<java.time.Instant> from, Optional<java.time.Instant> to, Optional<ProjectId> project) {
        public EventFilter {
            java.util.stream.Stream.of(kind, objectId, actor, action, from, to, project).forEach(o -> java.util.Objects.requireNonNull(o, "filter field is null"));
        }
    }

    interface EventStore {
        /** Appends an event (one INSERT); its {@code seq} is the database's. */
        void append(io.metalstack.peering.model.audit.AuditEvent event);

        /** At most {@code limit} events matching {@code filter} after the event {@code after}, oldest first (by seq). */
        List<io.metalstack.peering.model.audit.AuditEvent> page(EventFilter filter, Optional<String> after, int limit);

        /** Deletes at most {@code max} of the oldest events before {@code before}; returns how many went. */
        int prune(java.time.Instant before, int max);
    }

    interface TokenStore extends EntityStore<String, Token> {
        Optional<Token> byHash(String secretHash);
    }
}
