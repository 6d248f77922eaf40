package io.metalstack.peering.server.service;

import io.metalstack.peering.model.audit.AuditAction;
import io.metalstack.peering.model.audit.AuditKind;
import io.metalstack.peering.model.audit.Brief;
import io.metalstack.peering.model.Attachments;
import io.metalstack.peering.model.DomainException;
import io.metalstack.peering.model.Network;
import io.metalstack.peering.model.Peering;
import io.metalstack.peering.model.ProjectId;
import io.metalstack.peering.model.status.SwitchTransitions;
import io.metalstack.peering.model.PortName;
import io.metalstack.peering.model.Switch;
import io.metalstack.peering.model.SwitchId;
import io.metalstack.peering.model.Vni;
import io.metalstack.peering.model.plan.SwitchIntent;
import io.metalstack.peering.model.status.Condition;
import io.metalstack.peering.model.status.SwitchReport;
import io.metalstack.peering.model.status.SwitchStatus;
import io.metalstack.peering.server.auth.Principal;
import io.metalstack.peering.server.fabric.Fabric;
import io.metalstack.peering.server.fabric.FabricState;
import io.metalstack.peering.server.store.Database;
import io.metalstack.peering.server.store.Stores;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static java.util.Objects.requireNonNull;

/**
 * Switches: registered by admins or switch agents (infra), visible to admin and infra only, shown with the VRF each
 * port carries and with what the server knows of the switch (its intent's revision, its agent's last report, and the
 * conditions of both and of the plan). What is sent is read once the caller is known to be allowed.
 */
public final class SwitchService {

    private final Database db;
    private final Edits edits;
    private final Fabric fabric;

    public SwitchService(Database db, Edits edits, Fabric fabric) {
        this.db = requireNonNull(db, "db is null");
        this.edits = requireNonNull(edits, "edits is null");
        this.fabric = requireNonNull(fabric, "fabric is null");
    }

    /** A switch with the VRF each port carries (the primary network of the machine allocated behind it). */
    public record Viewed(Switch sw, Map<PortName, Vni> vrfs, Optional<Known> known) {
        public Viewed {
            requireNonNull(sw, "sw is null");
            vrfs = Map.copyOf(vrfs);
            requireNonNull(known, "known is null");
        }
    }

    /** What the server knows of a switch: its intent's revision (none without an intent), its agent's last report, conditions. */
    public record Known(Optional<Long> revision, Optional<SwitchReport> report, List<Condition> conditions) {
        public Known {
            requireNonNull(revision, "revision is null");
            requireNonNull(report, "report is null");
            conditions = List.copyOf(conditions);
        }
    }

    /** A report of the agent of switch {@code id}. */
    public record Report(SwitchId id, SwitchReport report) {
        public Report {
            requireNonNull(id, "id is null");
            requireNonNull(report, "report is null");
        }
    }

    public Viewed get(Principal who, Supplier<SwitchId> request) {
        who.requireAdminOrInfra("reading switches");
        SwitchId id = request.get();
        return db.read(s -> known(s, s.switches().get(id).orElseThrow(() -> new DomainException.NotFound("switch " + id + " not found")),
                cables(s, id), s.switchState().reports()));
    }

    /** A page of the switches (with their status) that {@code matches} accepts. */
    public Page<Viewed> list(Principal who, Page.Request page, Predicate<Viewed> matches) {
        who.requireAdminOrInfra("reading switches");
        return db.read(s -> {
            Map<SwitchId, SwitchReport> reports = s.switchState().reports();
            Attachments cables = Attachments.of(s.machines().list());
            return Page.collect(page, s.switches()::page, x -> x.id().value(),
                    x -> Optional.of(known(s, x, cables, reports)).filter(matches));
        });
    }

    /** {@code request} gives the switch to register, stamped with its creation time. */
    public Viewed create(Principal who, Function<Instant, Switch> request) {
        who.requireAdminOrInfra("registering a switch");
        Instant now = edits.now();
        Switch sw = request.apply(now);
        return db.write(s -> {
            s.partitions().get(sw.partition()).orElseThrow(() -> new DomainException.NotFound("partition " + sw.partition() + " not found"));
            s.switches().insert(sw);
            edits.audit(s, who, AuditAction.CREATE, AuditKind.SWITCH, sw.id().value(), List.of(), Brief.of(Optional.empty(), sw));
            s.bumpRevision();
            return viewed(s, sw, cables(s, sw.id()));
        });
    }

    /** A switch stays in its partition, and keeps every port a machine is connected to. */
    public Viewed update(Principal who, Supplier<Update<SwitchId, Switch>> request) {
        who.requireAdminOrInfra("updating a switch");
        Update<SwitchId, Switch> u = request.get();
        return db.write(s -> {
            Switch old = s.switches().lock(u.id());
            Switch sw = edits.apply(u, old, old.changed(), "switch " + old.id());
            if (!sw.partition().equals(old.partition())) {
                throw new DomainException.Unprocessable("switch " + old.id() + ": partitionid cannot change");
            }
            Attachments cables = cables(s, sw.id());
            List<String> orphaned = cables.on(sw.id()).stream()
                    .filter(a -> sw.port(a.port()).isEmpty()).map(a -> a.machine().id() + " (" + a.port() + ")").toList();
            Edits.refuseIfUsed("a port removed from switch " + sw.id(), "update", Map.of("machines", orphaned));
            s.switches().update(sw);
            edits.audit(s, who, AuditAction.UPDATE, AuditKind.SWITCH, sw.id().value(), List.of(), Brief.of(Optional.of(old), sw));
            s.bumpRevision();
            return viewed(s, sw, cables);
        });
    }

    /** Deletes a switch no machine is connected to and no external peering has its session on; answers it as it was. */
    public Viewed delete(Principal who, Supplier<SwitchId> request) {
        who.requireAdmin("deleting a switch");
        SwitchId id = request.get();
        return db.write(s -> {
            Switch sw = s.switches().lock(id);
            Attachments cables = cables(s, id);
            Viewed before = viewed(s, sw, cables);
            Edits.refuseIfUsed("switch " + id, "delete", Map.of(
                    "machines", cables.machinesOn(id).stream().map(m -> m.id().value()).toList(),
                    "peerings", s.peerings().externalOn(id).stream().map(p -> p.id().value()).toList()));
            s.switches().delete(id);
            s.switchState().deleteSwitch(id);
            edits.audit(s, who, AuditAction.DELETE, AuditKind.SWITCH, id.value(), List.of(), Brief.deleted(sw));
            s.bumpRevision();
            return before;
        });
    }

    /** Stores a switch agent's report (admin or infra); answers the switch with what the report says of it. */
    public Viewed report(Principal who, Supplier<Report> request) {
        who.requireAdminOrInfra("reporting for a switch");
        Report r = request.get();
        SwitchId id = r.id();
        return db.write(s -> {
            Switch sw = s.switches().get(id).orElseThrow(() -> new DomainException.NotFound("switch " + id + " not found"));
            Optional<SwitchReport> before = Optional.ofNullable(s.switchState().reports(List.of(id)).get(id));
            s.switchState().putReport(id, r.report());
            transitions(s, who, id, before, r.report());
            return known(s, sw, cables(s, id), Map.of(id, r.report()));
        });
    }

    /**
     * The audit timeline's switch side: per peering the current plan puts on the switch, what the new report changed
     * against the previous one (applied, failed, leak, leak cleared, session state); nothing for a report that changes
     * nothing.
     */
    private void transitions(Stores s, Principal who, SwitchId id, Optional<SwitchReport> before, SwitchReport after) {
        FabricState st = fabric.state();
        Optional<SwitchIntent> intent = st.plan().intent(id);
        if (intent.isEmpty()) {
            return;
        }
        for (Peering p : st.peeringsOn(id)) {
            List<Optional<ProjectId>> readers = Stream.concat(Stream.of(p.project()),
                    p.networks().stream().map(n -> st.network(n).flatMap(Network::project))).distinct().toList();
            for (SwitchTransitions.Transition t : SwitchTransitions.of(p, st.peeringRevision(p.id()), intent.get(), before, after, st::network)) {
                edits.audit(s, who, t.action(), AuditKind.PEERING, p.id().value(), readers, t.brief());
            }
        }
    }

    /** The cables on switch {@code id}: its machines, read by the store's index, not from the whole table. */
    private static Attachments cables(Stores s, SwitchId id) {
        return Attachments.of(s.machines().on(id));
    }

    /** The switch as {@code s} holds it, with the VRF each port carries; {@code cables} indexes {@code s}'s machines. */
    private static Viewed viewed(Stores s, Switch sw, Attachments cables) {
        Map<PortName, Vni> vrfs = new HashMap<>();
        for (Attachments.Attachment a : cables.on(sw.id())) {
            a.machine().portNetwork().flatMap(id -> s.networks().get(id)).flatMap(Network::vrf).ifPresent(vrf -> vrfs.put(a.port(), vrf));
        }
        return new Viewed(sw, vrfs, Optional.empty());
    }

    /** The same, with what the reports and the current plan say of it: intent revision, last report, conditions (error, leak, plan). */
    private Viewed known(Stores s, Switch sw, Attachments cables, Map<SwitchId, SwitchReport> reports) {
        SwitchId id = sw.id();
        FabricState st = fabric.state();
        Optional<SwitchReport> report = Optional.ofNullable(reports.get(id));
        Optional<SwitchIntent> intent = st.plan().intent(id);
        List<SwitchStatus.VrfCheck> checks = intent.isPresent() && report.isPresent()
                ? SwitchStatus.check(intent.get(), report.get(), st::network) : List.of();
        List<Condition> conditions = new ArrayList<>(SwitchStatus.conditions(id, report, checks));
        st.error().ifPresent(e -> conditions.add(new Condition("plan", "planning the fabric failed; this switch keeps its last intent: " + e)));
        Optional.ofNullable(st.plan().failures().get(id)).ifPresent(e -> conditions.add(new Condition("plan",
                "planning this switch failed; it keeps its last intent until a change plans it again: " + e.getMessage())));
        return new Viewed(sw, viewed(s, sw, cables).vrfs(), Optional.of(new Known(intent.map(x -> st.revision(id)), report, conditions)));
    }
}
