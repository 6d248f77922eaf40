package io.metalstack.peering.server.service;

import io.metalstack.peering.model.audit.AuditAction;
import io.metalstack.peering.model.audit.AuditKind;
import io.metalstack.peering.model.BgpPeer;
import io.metalstack.peering.model.audit.Brief;
import io.metalstack.peering.model.DomainException;
import io.metalstack.peering.model.ExchangedPrefixes;
import io.metalstack.peering.model.Labels;
import io.metalstack.peering.model.Network;
import io.metalstack.peering.model.NetworkId;
import io.metalstack.peering.model.PartitionId;
import io.metalstack.peering.model.PeeringApproval;
import io.metalstack.peering.model.Peering;
import io.metalstack.peering.model.PeeringId;
import io.metalstack.peering.model.PeeringNetworks;
import io.metalstack.peering.model.PeeringOrigin;
import io.metalstack.peering.model.PeeringType;
import io.metalstack.peering.model.ProjectId;
import io.metalstack.peering.model.Switch;
import io.metalstack.peering.model.SwitchId;
import io.metalstack.peering.model.rules.ExternalPeeringRules;
import io.metalstack.peering.model.rules.PeeringGraph;
import io.metalstack.peering.model.rules.PeeringRules;
import io.metalstack.peering.model.rules.SelectiveExchange;
import io.metalstack.peering.model.status.PeeringStatus;
import io.metalstack.peering.model.status.SwitchReport;
import io.metalstack.peering.model.status.SwitchStatus;
import io.metalstack.peering.server.auth.Principal;
import io.metalstack.peering.server.fabric.Fabric;
import io.metalstack.peering.server.fabric.FabricState;
import io.metalstack.peering.server.store.Database;
import io.metalstack.peering.server.store.Graphs;
import io.metalstack.peering.server.store.StoredFabric;
import io.metalstack.peering.server.store.Stores;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;

import static java.util.Objects.requireNonNull;

/**
 * Peerings: create checks the peering rules and writes in one transaction that row-locks both networks (in id order),
 * so conflicting creates serialize. A peering belongs to the project of its private side (the non-shared one across
 * projects); the project owning a shared network in it may also see and delete it. Every answer carries the status
 * derived from the reports of the switches the current plan puts the peering on.
 */
public final class PeeringService {

    private final Database db;
    private final Edits edits;
    private final PeeringRules rules;
    private final Fabric fabric;
    private final PeeringApproval approval;

    public PeeringService(Database db, Edits edits, PeeringRules rules, Fabric fabric) {
        this(db, edits, rules, fabric, new PeeringApproval(PeeringApproval.DEFAULT_TTL));
    }

    /** {@code approval}: how long a peering awaits a shared network owner's approval before it expires. */
    public PeeringService(Database db, Edits edits, PeeringRules rules, Fabric fabric, PeeringApproval approval) {
        this.db = requireNonNull(db, "db is null");
        this.edits = requireNonNull(edits, "edits is null");
        this.rules = requireNonNull(rules, "rules is null");
        this.fabric = requireNonNull(fabric, "fabric is null");
        this.approval = requireNonNull(approval, "approval is null");
    }

    /** A peering with its status as the caller may see it. */
    public record Viewed(Peering peering, PeeringStatus status) {
        public Viewed {
            requireNonNull(peering, "peering is null");
            requireNonNull(status, "status is null");
        }
    }

    /**
     * A peering to create. {@code id} as sent: only an admin may choose one, so it is parsed once that is decided;
     * {@code network1} and {@code network2} are network ids or unique names; {@code labels} are checked when the
     * peering is built, after its rules. A disabled one ({@code enabled} false) is admitted as any other, and planned
     * on no switch. {@code exchange}: what each side lets the other reach (checked by {@code rules.SelectiveExchange}).
     */
    public record Draft(Optional<String> id, String name, String description, Map<String, String> labels, String network1,
                        Optional<String> network2, PeeringType type, Optional<BgpPeer> bgp, boolean enabled, ExchangedPrefixes exchange) {
        public Draft {
            requireNonNull(id, "id is null");
            requireNonNull(network1, "network1 is null");
            requireNonNull(network2, "network2 is null");
            requireNonNull(type, "type is null");
            requireNonNull(bgp, "bgp is null");
            requireNonNull(exchange, "exchange is null");
        }

        /** A peering that exchanges all prefixes of both sides. */
        public Draft(Optional<String> id, String name, String description, Map<String, String> labels, String network1,
                     Optional<String> network2, PeeringType type, Optional<BgpPeer> bgp, boolean enabled) {
            this(id, name, description, labels, network1, network2, type, bgp, enabled, ExchangedPrefixes.ALL);
        }
    }

    /** Whether an update asks to change what a peering keeps for life (its networks, type and bgp block). */
    @FunctionalInterface
    public interface FixedFields {
        boolean changedFrom(Peering stored);
    }

    /**
     * An update of a peering's name, description, labels and whether it is enabled (empty: keep the stored value);
     * {@code changed} is the version the caller read. {@code exchange}: a new selection of what each side lets the other
     * reach (empty: keep the stored one).
     */
    public record Edit(PeeringId id, Optional<Instant> changed, String name, String description, Map<String, String> labels,
                       Optional<Boolean> enabled, FixedFields fixed, Optional<ExchangedPrefixes> exchange) {
        public Edit {
            requireNonNull(id, "id is null");
            requireNonNull(changed, "changed is null");
            requireNonNull(enabled, "enabled is null");
            requireNonNull(fixed, "fixed is null");
            requireNonNull(exchange, "exchange is null");
        }

        /** An edit that keeps the stored selection. */
        public Edit(PeeringId id, Optional<Instant> changed, String name, String description, Map<String, String> labels,
                    Optional<Boolean> enabled, FixedFields fixed) {
            this(id, changed, name, description, labels, enabled, fixed, Optional.empty());
        }
    }

    public Viewed get(Principal who, PeeringId id) {
        return db.read(s -> {
            Peering p = visible(s, who, id);
            FabricState st = fabric.state();
            return viewed(who, p, PeeringNetworks.of(p, s.networks()::get), s.switchState().reports(reporting(st, p)), st);
        });
    }

    /**
     * A page of the peerings the caller sees (with their status) that {@code matches} accepts. Each read of a page's
     * peerings is followed by one read of their networks by id and one of the reports of their switches (by primary
     * key), so a page costs three reads whatever the number of peerings stored; all networks and reports (one read of
     * each table) only when all peerings are asked for.
     */
    public Page<Viewed> list(Principal who, Page.Request page, Predicate<Viewed> matches) {
        return db.read(s -> {
            FabricState st = fabric.state();
            Map<NetworkId, Optional<Network>> networks = new HashMap<>();
            Map<SwitchId, SwitchReport> reports = new HashMap<>();
            java.util.function.BiFunction<Optional<String>, Integer, List<Peering>> fetch = s.peerings()::page;
            if (page.limit().isEmpty()) {
                s.networks().list().forEach(n -> networks.put(n.id(), Optional.of(n)));
                reports.putAll(s.switchState().reports());
            } else {
                fetch = (after, n) -> {
                    List<Peering> rows = s.peerings().page(after, n);
                    List<NetworkId> unread = rows.stream().flatMap(p -> p.networks().stream()).filter(x -> !networks.containsKey(x))
                            .distinct().toList();
                    Map<NetworkId, Network> read = s.networks().getAll(unread);
                    unread.forEach(x -> networks.put(x, Optional.ofNullable(read.get(x))));
                    reports.putAll(s.switchState().reports(rows.stream().flatMap(p -> reporting(st, p).stream())
                            .filter(x -> !reports.containsKey(x)).collect(java.util.stream.Collectors.toCollection(TreeSet::new))));
                    return rows;
                };
            }
            Function<NetworkId, Optional<Network>> network = n -> networks.getOrDefault(n, Optional.empty());
            return Page.collect(page, fetch, p -> p.id().value(),
                    p -> Optional.of(p).filter(x -> sees(who, x, network.apply(x.network1()), x.network2().flatMap(network)))
                            .map(x -> viewed(who, x, PeeringNetworks.of(x, network), reports, st)).filter(matches));
        });
    }

    /** Its own project's members, and the members of a project owning a network in it (a shared network's owner). */
    private static boolean sees(Principal who, Peering p, Optional<Network> n1, Optional<Network> n2) {
        return who.sees(p.project()) || Stream.of(n1, n2).flatMap(Optional::stream).anyMatch(n -> who.member(n.project()));
    }

    /** Who may read a peering's events: its project's members and those of a project owning a network in it (as {@link #sees}). */
    static List<Optional<ProjectId>> readers(Peering p, Optional<Network> n1, Optional<Network> n2) {
        return Stream.concat(Stream.of(p.project()), Stream.of(n1, n2).flatMap(Optional::stream).map(Network::project)).distinct().toList();
    }

    static List<Optional<ProjectId>> readers(Stores s, Peering p) {
        return readers(p, s.networks().get(p.network1()), p.network2().flatMap(n -> s.networks().get(n)));
    }

    static Peering visible(Stores s, Principal who, PeeringId id) {
        return s.peerings().get(id).filter(p -> sees(who, p, s.networks().get(p.network1()), p.network2().flatMap(n -> s.networks().get(n))))
                .orElseThrow(() -> new DomainException.NotFound("peering " + id + " not found"));
    }

    public Viewed create(Principal who, Draft d) {
        PeeringId id = idOf(who, d);
        Written created = db.write(s -> create(s, who, id, d));
        // after the commit, so that the status names the switches the new plan puts it on; its networks as the write
        // locked them (no other write changed them before the commit)
        FabricState st = fabric.state();
        Set<SwitchId> reporting = reporting(st, created.peering());
        Map<SwitchId, SwitchReport> reports = reporting.isEmpty() ? Map.of() : db.read(s -> s.switchState().reports(reporting));
        return viewed(who, created.peering(), PeeringNetworks.of(created.peering(), n -> Optional.ofNullable(created.networks().get(n))),
                reports, st);
    }

    /** The checks of a draft that need no transaction (its type's fields, who may), and the id it gets. */
    PeeringId idOf(Principal who, Draft d) {
        switch (d.type()) {
            case LOCAL -> {
                if (d.bgp().isPresent()) {
                    throw DomainException.invalid("a local peering has no bgp block: remove bgp or use peeringtype external");
                }
            }
            case EXTERNAL -> {
                if (d.bgp().isEmpty()) {
                    throw DomainException.invalid("an external peering needs bgp {local {as, cidr, port}, remote {as, cidr}}");
                }
                who.requireAdmin("creating an external BGP peering (it configures a session on an exit switch)");
            }
        }
        Optional<String> chosen = d.id().filter(x -> !x.isBlank());
        if (chosen.isPresent() && !who.admin()) {
            // an id taken by another project's peering would answer 409 where GET answers 404: an existence oracle
            throw DomainException.invalid("field id: the server chooses a peering's id; leave it empty (only an admin may choose one)");
        }
        return PeeringId.parse(chosen.orElseGet(() -> UUID.randomUUID().toString()));
    }

    /** A peering as its write transaction inserted it, with the networks it locked. */
    record Written(Peering peering, Map<NetworkId, Network> networks) {}

    /** Admits and inserts a peering inside the write transaction. */
    Written create(Stores s, Principal who, PeeringId id, Draft d) {
        // the references that are ids in one read, the others by name
        Map<NetworkId, Network> byId = s.networks().getAll(Stream.concat(Stream.of(d.network1()), d.network2().stream())
                .map(PeeringService::parseId).flatMap(Optional::stream).toList());
        NetworkId id1 = resolve(s, who, d.network1(), byId);
        Optional<NetworkId> id2 = d.network2().map(r -> resolve(s, who, r, byId));
        // lock both rows in a stable order (one statement, in id order), so two requests on the same pair never wait
        // for each other crosswise
        List<NetworkId> ids = Stream.concat(Stream.of(id1), id2.stream()).sorted().distinct().toList();
        Map<NetworkId, Network> locked = new TreeMap<>(s.networks().lockAll(ids));
        ids.stream().filter(n -> !locked.containsKey(n)).findFirst().ifPresent(n -> locked.put(n, s.networks().lock(n))); // gone: NotFound
        Network n1 = locked.get(id1);
        Optional<Network> n2 = id2.map(locked::get);
        Optional<ProjectId> project = n2.map(x -> owner(who, n1, x)).orElse(n1.type().isPrivate() ? n1.project() : Optional.empty());
        who.requireWrite(project, "creating a peering of " + n1.describe() + n2.map(x -> " and " + x.describe()).orElse(""));
        // a manual peering takes over a pair that auto-peering holds
        PeeringGraph graph = Graphs.of(s, locked);
        if (AutoPeering.replaceForManual(s, edits, who, id1, id2, graph.peeringsOf(id1))) {
            graph = Graphs.of(s, locked); // read again without the auto peering it dropped
        }
        if (n2.isPresent()) {
            rules.admit(n1, n2.get(), d.type(), d.exchange(), graph);
        } else {
            SelectiveExchange.check(n1, n2, d.type(), d.exchange());
            rules.admitAlone(n1, graph);
        }
        Optional<BgpPeer> admitted = d.bgp().map(b -> ExternalPeeringRules.check(id, n1, n2, b, new StoredFabric(s)));
        Instant now = edits.now();
        Network primary = n1.type().isPrivate() || n2.isEmpty() ? n1 : n2.get();
        Optional<PartitionId> partition = primary.partition().or(() -> admitted.flatMap(b -> s.switches().get(b.localSwitch())).map(Switch::partition));
        Peering p = new Peering(id, d.name(), d.description(), project, partition, n1.id(), n2.map(Network::id), d.type(), admitted,
                PeeringOrigin.MANUAL, Labels.of(d.labels()), now, now, d.enabled(), PeeringApproval.onCreate(project, n1, n2), d.exchange());
        s.peerings().insert(p);
        edits.audit(s, who, AuditAction.CREATE, AuditKind.PEERING, id.value(), readers(p, Optional.of(n1), n2), Brief.of(Optional.empty(), p));
        s.bumpRevisionAtCommit();
        return new Written(p, Map.copyOf(locked));
    }

    /** A network reference: an id, or the name of exactly one network the caller sees; {@code byId}: the references read as ids. */
    private static NetworkId resolve(Stores s, Principal who, String ref, Map<NetworkId, Network> byId) {
        Optional<NetworkId> asId = parseId(ref);
        if (asId.isPresent() && Optional.ofNullable(byId.get(asId.get())).filter(n -> who.sees(n)).isPresent()) {
            return asId.get();
        }
        List<Network> named = s.networks().byName(ref).stream().filter(n -> who.sees(n)).toList();
        if (named.size() == 1) {
            return named.get(0).id();
        }
        if (named.isEmpty()) {
            throw new DomainException.NotFound("network " + ref + " not found");
        }
        throw DomainException.invalid("network name \"%s\" is ambiguous (%s): use the network id", ref,
                String.join(", ", named.stream().map(n -> n.id().value()).toList()));
    }

    private static Optional<NetworkId> parseId(String ref) {
        try {
            return Optional.of(NetworkId.parse(ref));
        } catch (DomainException.Invalid e) {
            return Optional.empty();
        }
    }

    /** The project a new peering belongs to: its private side's, the non-shared one when the two differ. */
    private static Optional<ProjectId> owner(Principal who, Network n1, Network n2) {
        List<Network> privates = Stream.of(n1, n2).filter(n -> n.type().isPrivate()).toList();
        if (privates.isEmpty()) {
            return Optional.empty();
        }
        if (privates.size() == 1 || privates.get(0).project().equals(privates.get(1).project())) {
            return privates.get(0).project();
        }
        List<Network> unshared = privates.stream().filter(n -> !n.shared()).toList();
        if (unshared.size() == 1) {
            return unshared.get(0).project();
        }
        return privates.stream().map(Network::project).filter(who::member).findFirst().orElse(privates.get(0).project());
    }

    public Viewed update(Principal who, Edit e) {
        Peering updated = db.write(s -> update(s, who, e));
        // after the commit, as create: enabling or disabling changes the switches the plan puts it on
        return db.read(s -> {
            FabricState st = fabric.state();
            return viewed(who, updated, PeeringNetworks.of(updated, s.networks()::get), s.switchState().reports(reporting(st, updated)), st);
        });
    }

    /** Checks and writes an update inside the write transaction. */
    Peering update(Stores s, Principal who, Edit e) {
        PeeringId id = e.id();
        visible(s, who, id);
        Peering old = s.peerings().lock(id);
        who.requireWrite(old.project(), "updating peering " + id);
        Edits.checkChanged(e.changed().orElse(null), old.changed(), "peering " + id);
        if (e.fixed().changedFrom(old)) {
            throw new DomainException.Unprocessable(String.format(
                    "peering %s: network1, network2, peeringtype and bgp cannot change; delete it and create a new one", id));
        }
        boolean enabled = e.enabled().orElse(old.enabled());
        ExchangedPrefixes exchange = e.exchange().orElse(old.exchange());
        boolean reselected = !exchange.equals(old.exchange());
        if (reselected) {
            reselect(s, old, exchange);
        }
        if (enabled && !old.enabled()) {
            readmit(s, old.withExchange(exchange));
        }
        Peering p = new Peering(old.id(), e.name(), e.description(), old.project(), old.partition(), old.network1(), old.network2(),
                old.type(), old.bgp(), old.origin(), Labels.of(e.labels()), old.created(), edits.next(old.changed()), enabled,
                old.approval(), exchange);
        // a new selection changes what the switches import: a plan change, as enabling is
        if (enabled == old.enabled() && !reselected) {
            s.peerings().update(p);
        } else {
            s.peerings().updateEnabled(p);
        }
        edits.audit(s, who, enabled == old.enabled() ? AuditAction.UPDATE : enabled ? AuditAction.ENABLE : AuditAction.DISABLE, AuditKind.PEERING, id.value(), readers(s, p),
                Brief.of(Optional.of(old), p));
        s.bumpRevision();
        return p;
    }

    /**
     * The rules again for a disabled peering about to be enabled, as its create ran them (its networks or the exit
     * switch may have changed meanwhile): enabling is no way around them. It counts in the graph already (a disabled
     * peering keeps its place), so duplicate and quota hold; what the networks allow and the overlaps are checked here,
     * the capacity by the fabric before the commit.
     */
    private void readmit(Stores s, Peering p) {
        Map<NetworkId, Network> locked = new TreeMap<>();
        p.networks().stream().sorted().forEach(n -> locked.put(n, s.networks().lock(n)));
        rules.recheck(p.network1(), Graphs.of(s, locked)).stream().filter(v -> v.peering().id().equals(p.id())).findFirst()
                .ifPresent(v -> {
                    throw v.reason();
                });
        p.bgp().ifPresent(b -> ExternalPeeringRules.check(p.id(), locked.get(p.network1()), p.network2().map(locked::get), b,
                new StoredFabric(s)));
    }

    /**
     * Approves or rejects a peering awaiting a shared network owner's approval ({@link ApprovalDecision} says who may and
     * when). Approving re-runs the rules as enabling does (the world may have changed since the request) and plans it.
     */
    public Viewed decide(Principal who, PeeringId id, ApprovalDecision decision) {
        Peering decided = db.write(s -> {
            visible(s, who, id);
            Peering old = s.peerings().lock(id);
            decision.check(who, approval.at(old, edits.now()), PeeringNetworks.of(old, s.networks()::get));
            Peering p = new Peering(old.id(), old.name(), old.description(), old.project(), old.partition(), old.network1(), old.network2(),
                    old.type(), old.bgp(), old.origin(), old.labels(), old.created(), edits.next(old.changed()), old.enabled(), decision.result(),
                    old.exchange());
            if (p.planned()) {
                readmit(s, old);
                s.peerings().updateEnabled(p);
            } else {
                // a rejected or still disabled one changes nothing a switch is configured with
                s.peerings().update(p);
            }
            edits.audit(s, who, decision == ApprovalDecision.APPROVE ? AuditAction.APPROVE : AuditAction.REJECT, AuditKind.PEERING, id.value(), readers(s, p),
                    Brief.of(Optional.of(old), p));
            s.bumpRevision();
            return p;
        });
        // after the commit, as create: an approved peering is on the switches the new plan puts it on
        FabricState st = fabric.state();
        return db.read(s -> viewed(who, decided, PeeringNetworks.of(decided, s.networks()::get), s.switchState().reports(reporting(st, decided)), st));
    }

    /**
     * A new selection of what each side lets the other reach, against the networks as they are now (their rows locked,
     * so a concurrent update of one of them serializes with this one).
     */
    private static void reselect(Stores s, Peering p, ExchangedPrefixes exchange) {
        Map<NetworkId, Network> locked = new TreeMap<>();
        p.networks().stream().sorted().forEach(n -> locked.put(n, s.networks().lock(n)));
        SelectiveExchange.check(locked.get(p.network1()), p.network2().map(locked::get), p.type(), exchange);
    }

    /** Deletes a peering (its project, or the project owning a shared network in it); the status names the switches that withdraw it. */
    public Viewed delete(Principal who, PeeringId id) {
        // the switches it was on: they must apply the delete's revision before it is gone from the fabric
        List<SwitchId> on = List.copyOf(fabric.state().switchesOf(id));
        return db.write(s -> delete(s, who, id, on));
    }

    /** Deletes inside the write transaction; {@code on}: the switches the peering was on. */
    Viewed delete(Stores s, Principal who, PeeringId id, List<SwitchId> on) {
        visible(s, who, id);
        Peering p = s.peerings().lock(id);
        Optional<Network> n1 = s.networks().get(p.network1()), n2 = p.network2().flatMap(x -> s.networks().get(x));
        boolean sharedOwner = who.role().writes() && Stream.of(n1, n2).flatMap(Optional::stream)
                .anyMatch(n -> n.shared() && who.member(n.project()));
        if (!sharedOwner) {
            who.requireWrite(p.project(), "deleting peering " + id);
        }
        s.peerings().delete(id);
        edits.audit(s, who, AuditAction.DELETE, AuditKind.PEERING, id.value(), readers(p, n1, n2), Brief.deleted(p));
        long revision = s.bumpRevision();
        PeeringStatus was = viewed(who, p, PeeringNetworks.of(p, s.networks()::get), Map.of()).status();
        return new Viewed(p, new PeeringStatus.Deleted(was, revision, on));
    }

    /** {@code networks}: empty when a network of the peering no longer exists; an agent's error text only for admin and infra. */
    private Viewed viewed(Principal who, Peering stored, Optional<PeeringNetworks> networks, Map<SwitchId, SwitchReport> reports) {
        return viewed(who, stored, networks, reports, fabric.state());
    }

    /** As {@code st} puts the peering on its switches; {@code reports}: at least those of its switches. */
    private Viewed viewed(Principal who, Peering stored, Optional<PeeringNetworks> networks, Map<SwitchId, SwitchReport> reports,
                          FabricState st) {
        return viewed(st, who, approval.at(stored, edits.now()), networks, reports);
    }

    /** As the fabric {@code st} puts the peering on its switches (a dry run's: the fabric it would be). */
    static Viewed viewed(FabricState st, Principal who, Peering p, Optional<PeeringNetworks> networks, Map<SwitchId, SwitchReport> reports) {
        List<SwitchStatus.OnSwitch> on = st.onSwitches(p, reports).stream().map(o -> who.global() ? o : o.withoutErrorText()).toList();
        return new Viewed(p, PeeringStatus.of(p, networks, st.peeringRevision(p.id()), on, reports));
    }

    /** The switches whose reports the peering's status reads: those {@code st} puts it on, and an external one's exit switch. */
    private static Set<SwitchId> reporting(FabricState st, Peering p) {
        Set<SwitchId> out = new TreeSet<>(st.switchesOf(p.id()));
        p.bgp().ifPresent(b -> out.add(b.localSwitch()));
        return out;
    }
}
