package io.metalstack.peering.server.store;

import io.metalstack.peering.model.Machine;
import io.metalstack.peering.model.MachineId;
import io.metalstack.peering.model.Network;
import io.metalstack.peering.model.BgpPeer;
import io.metalstack.peering.model.NetworkId;
import io.metalstack.peering.model.Partition;
import io.metalstack.peering.model.PartitionId;
import io.metalstack.peering.model.Peering;
import io.metalstack.peering.model.PeeringId;
import io.metalstack.peering.model.Project;
import io.metalstack.peering.model.ProjectId;
import io.metalstack.peering.model.Switch;
import io.metalstack.peering.model.SwitchId;
import io.metalstack.peering.model.Vni;
import io.metalstack.peering.server.auth.Token;
import io.metalstack.peering.model.plan.InventoryChange;
import org.jdbi.v3.core.Handle;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** The JDBC unit of work: all stores over one JDBI handle (and so one transaction). */
public final class JdbcStores implements Stores {

    private final Handle handle;
    private final JdbcTable<PartitionId, Partition> partitions;
    private final JdbcTable<ProjectId, Project> projects;
    private final Networks networks;
    private final JdbcTable<SwitchId, Switch> switches;
    private final Machines machines;
    private final Peerings peerings;
    private final Tokens tokens;
    private long bumped = -1;
    private boolean bumpAtCommit;

    /** The transaction's handle, for this package's tests (a statement's plan). */
    Handle handle() {
        return handle;
    }

    JdbcStores(Handle handle) {
        this.handle = handle;
        this.partitions = new JdbcTable<>(handle, new JdbcTable.Codec<>("partitions", PartitionId::value, Partition::id,
                StoredPartition.FORM, p -> Map.of()));
        this.projects = new JdbcTable<>(handle, new JdbcTable.Codec<>("projects", ProjectId::value, Project::id,
                StoredProject.FORM, p -> Map.of()));
        this.networks = new Networks(handle);
        this.switches = new JdbcTable<>(handle, new JdbcTable.Codec<>("switches", SwitchId::value, Switch::id,
                StoredSwitch.FORM, s -> Map.of("partition_id", s.partition().value())));
        this.machines = new Machines(handle);
        this.peerings = new Peerings(handle);
        this.tokens = new Tokens(handle);
    }

    @Override
    public EntityStore<PartitionId, Partition> partitions() {
        return partitions;
    }

    @Override
    public EntityStore<ProjectId, Project> projects() {
        return projects;
    }

    @Override
    public NetworkStore networks() {
        return networks;
    }

    @Override
    public EntityStore<SwitchId, Switch> switches() {
        return switches;
    }

    @Override
    public MachineStore machines() {
        return machines;
    }

    @Override
    public PeeringStore peerings() {
        return peerings;
    }

    @Override
    public TokenStore tokens() {
        return tokens;
    }

    @Override
    public EventStore events() {
        return new JdbcEvents(handle);
    }

    @Override
    public SwitchStateStore switchState() {
        return new JdbcSwitchState(handle);
    }

    /**
     * Records what this unit of work wrote (the entities plans are made of) in the change log at its revision and, on
     * PostgreSQL, notifies the other replicas: NOTIFY is delivered at commit, never for a rolled-back write.
     */
    void logChanges(boolean postgres) {
        if (postgres && (bumped >= 0 || bumpAtCommit)) {
            logChangesAtOnce();
            return;
        }
        if (bumpAtCommit && bumped < 0) {
            bumpRevision();
        }
        if (bumped < 0) {
            return;
        }
        for (Change c : written()) {
            handle.createUpdate("INSERT INTO changes (rev, kind, id) VALUES (:rev, :kind, :id)")
                    .bind("rev", c.revision()).bind("kind", c.kind().text()).bind("id", c.id()).execute();
        }
        if (postgres) {
            handle.createQuery("SELECT pg_notify('" + JdbcSwitchState.CHANNEL + "', :rev)").bind("rev", Long.toString(bumped))
                    .mapTo(String.class).list();
        }
    }

    /**
     * PostgreSQL: the revision's bump (unless taken already), the change log's entries and the notify in one statement,
     * one round trip with the revision row locked.
     */
    private void logChangesAtOnce() {
        List<Change> changes = written();
        StringBuilder sql = new StringBuilder("WITH r AS (")
                .append(bumped >= 0 ? "SELECT CAST(:rev AS BIGINT) AS rev" : "UPDATE revision SET rev = rev + 1 WHERE id = 1 RETURNING rev")
                .append(")");
        if (!changes.isEmpty()) {
            sql.append(", c AS (INSERT INTO changes (rev, kind, id) SELECT r.rev, v.kind, v.id FROM r, (VALUES ");
            for (int i = 0; i < changes.size(); i++) {
                sql.append(i == 0 ? "" : ", ").append("(:kind").append(i).append(", :id").append(i).append(")");
            }
            sql.append(") AS v (kind, id))");
        }
        sql.append(" SELECT r.rev, pg_notify('" + JdbcSwitchState.CHANNEL + "', CAST(r.rev AS TEXT)) FROM r");
        var q = handle.createQuery(sql.toString());
        if (bumped >= 0) {
            q.bind("rev", bumped);
        }
        for (int i = 0; i < changes.size(); i++) {
            q.bind("kind" + i, changes.get(i).kind().text()).bind("id" + i, changes.get(i).id());
        }
        bumped = q.map((rs, ctx) -> rs.getLong(1)).one();
    }

    /** The entities plans are made of that this unit of work wrote, at the revision it bumped to (-1 if none). */
    public List<Change> written() {
        List<Change> out = new java.util.ArrayList<>();
        networks.written().keySet().forEach(id -> out.add(new Change(bumped, ChangeKind.NETWORK, id)));
        switches.written().keySet().forEach(id -> out.add(new Change(bumped, ChangeKind.SWITCH, id)));
        machines.written().keySet().forEach(id -> out.add(new Change(bumped, ChangeKind.MACHINE, id)));
        peerings.written().keySet().forEach(id -> out.add(new Change(bumped,
                peerings.onlyUpdated().contains(id) ? ChangeKind.PEERING_METADATA : ChangeKind.PEERING, id)));
        return out;
    }

    /**
     * What this unit of work wrote, as the planner takes it, from the writes themselves (in {@link #written()}'s order,
     * peering metadata left out); empty where no incremental change describes it: a switch written or a network deleted.
     */
    public Optional<List<InventoryChange>> inventoryChanges() {
        List<InventoryChange> out = new java.util.ArrayList<>();
        for (Optional<Network> n : networks.written().values()) {
            if (n.isEmpty()) {
                return Optional.empty();
            }
            out.add(new InventoryChange.NetworkSet(n.get()));
        }
        if (!switches.written().isEmpty()) {
            return Optional.empty();
        }
        machines.written().forEach((id, m) -> out.add(m.<InventoryChange>map(InventoryChange.MachineSet::new)
                .orElseGet(() -> new InventoryChange.MachineRemoved(MachineId.parse(id)))));
        peerings.written().forEach((id, p) -> {
            if (!peerings.onlyUpdated().contains(id)) {
                out.add(p.<InventoryChange>map(InventoryChange.PeeringSet::new).orElseGet(() -> new InventoryChange.PeeringRemoved(PeeringId.parse(id))));
            }
        });
        return Optional.of(out);
    }

    @Override
    public long bumpRevision() {
        if (peerings.postgres()) {
            bumped = handle.createQuery("UPDATE revision SET rev = rev + 1 WHERE id = 1 RETURNING rev").mapTo(Long.class).one();
            return bumped;
        }
        handle.createUpdate("UPDATE revision SET rev = rev + 1 WHERE id = 1").execute();
        bumped = revision();
        return bumped;
    }

    /**
     * The revision this unit of work commits at: the one it bumped to, the next one when it bumps at commit, else the
     * current one (it wrote nothing the plans are made of).
     */
    public long revisionAtCommit() {
        return bumped >= 0 ? bumped : bumpAtCommit ? revision() + 1 : revision();
    }

    @Override
    public void bumpRevisionAtCommit() {
        bumpAtCommit = true;
    }

    @Override
    public long revision() {
        return handle.createQuery("SELECT rev FROM revision WHERE id = 1").mapTo(Long.class).one();
    }

    /** The revision this unit of work bumped to, or -1 when it changed nothing. */
    long bumped() {
        return bumped;
    }

    private static final class Networks extends JdbcTable<NetworkId, Network> implements NetworkStore {
        Networks(Handle handle) {
            super(handle, new Codec<>("networks", NetworkId::value, Network::id, StoredNetwork.FORM,
                    n -> columns("name", n.name(), "partition_id", n.partition().map(PartitionId::value).orElse(null),
                            "project_id", n.project().map(ProjectId::value).orElse(null),
                            "parent_id", n.parent().map(NetworkId::value).orElse(null),
                            "net_type", n.type().wire(), "vrf", n.vrf().map(Vni::value).orElse(null))));
        }

        @Override
        public List<Network> children(NetworkId parent) {
            return where("parent_id = :parent", Map.of("parent", parent.value()));
        }

        @Override
        public List<Network> byName(String name) {
            return where("name = :name", Map.of("name", name));
        }

        @Override
        public Set<Integer> usedVrfs() {
            return new TreeSet<>(handle.createQuery("SELECT vrf FROM networks WHERE vrf IS NOT NULL").mapTo(Integer.class).list());
        }
    }

    private static final class Peerings extends JdbcTable<PeeringId, Peering> implements PeeringStore {
        Peerings(Handle handle) {
            super(handle, new Codec<>("peerings", PeeringId::value, Peering::id, StoredPeering.FORM,
                    p -> {
                        String a = p.network1().value();
                        // the one-network form pairs network1 with its session: unique per peering, one per pair of networks stays
                        String b = p.network2().map(NetworkId::value).orElse("session:" + p.id().value());
                        return columns("network1", a, "network2", p.network2().map(NetworkId::value).orElse(null),
                                "pair_low", a.compareTo(b) <= 0 ? a : b, "pair_high", a.compareTo(b) <= 0 ? b : a,
                                "project_id", p.project().map(ProjectId::value).orElse(null),
                                // one external session per exit-switch port, also between concurrent creates
                                "bgp_port", p.bgp().map(BgpPeer::portRef).orElse(null),
                                "bgp_switch", p.bgp().map(bgp -> bgp.localSwitch().value()).orElse(null));
                    }));
        }

        @Override
        public List<Peering> of(NetworkId network) {
            return of(List.of(network));
        }

        @Override
        public List<Peering> of(java.util.Collection<NetworkId> networks) {
            if (networks.isEmpty()) {
                return List.of();
            }
            List<String> ids = networks.stream().map(NetworkId::value).distinct().sorted().toList();
            // one index read per column, each row once: H2 answers "network1 IN (..) OR network2 IN (..)" by reading
            // every peering (a third of a create's CPU with 3,000 stored), PostgreSQL both ways by the two indexes
            var q = handle.createQuery("SELECT id, doc FROM peerings WHERE network1 IN (<n>)"
                    + " UNION ALL SELECT id, doc FROM peerings WHERE network2 IN (<n>) AND network1 NOT IN (<n>) ORDER BY id");
            return q.bindList("n", ids).map((rs, ctx) -> rs.getString("doc")).list().stream().map(codec::decode).toList();
        }

        @Override
        public List<Peering> externalOn(SwitchId id) {
            return where("bgp_switch = :s", Map.of("s", id.value()));
        }

        @Override
        public void updateEnabled(Peering p) {
            updatePlanned(p);
        }
    }

    private static final class Tokens extends JdbcTable<String, Token> implements TokenStore {
        Tokens(Handle handle) {
            super(handle, new Codec<>("tokens", id -> id, Token::id, StoredToken.FORM,
                    t -> Map.of("secret_hash", t.secretHash())));
        }

        @Override
        public Optional<Token> byHash(String secretHash) {
            return where("secret_hash = :h", Map.of("h", secretHash)).stream().findFirst();
        }
    }

    private static final class Machines extends JdbcTable<MachineId, Machine> implements MachineStore {
        Machines(Handle handle) {
            super(handle, new Codec<>("machines", MachineId::value, Machine::id, StoredMachine.FORM,
                    m -> columns("partition_id", m.partition().value(),
                            "project_id", m.allocation().map(a -> a.project().value()).orElse(null))));
        }

        @Override
        public List<Machine> on(SwitchId id) {
            return where("id IN (SELECT machine_id FROM machine_switches WHERE switch_id = :s)", Map.of("s", id.value()));
        }

        /** {@code machine_switches}: a row per switch one of the machine's connections ends at (the model's {@code Attachments} rule). */
        @Override
        void indexRows(String id, Optional<Machine> machine) {
            handle.createUpdate("DELETE FROM machine_switches WHERE machine_id = :m").bind("m", id).execute();
            machine.ifPresent(m -> m.connections().stream().map(c -> c.switchId().value()).distinct().forEach(sw ->
                    handle.createUpdate("INSERT INTO machine_switches (machine_id, switch_id) VALUES (:m, :s)")
                            .bind("m", id).bind("s", sw).execute()));
        }
    }

    private static Map<String, Object> columns(Object... keyValues) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }
}
