package io.metalstack.peering.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.metalstack.peering.api.V1Peering;
import io.metalstack.peering.api.V1PeeringFindRequest;
import io.metalstack.peering.api.V1Condition;
import io.metalstack.peering.api.V1PeeringSession;
import io.metalstack.peering.api.V1PeeringStatus;
import io.metalstack.peering.api.V1PeeringSwitchStatus;
import io.metalstack.peering.model.AddressFamily;
import io.metalstack.peering.model.BgpPeer;
import io.metalstack.peering.model.DomainException;
import io.metalstack.peering.model.Labels;
import io.metalstack.peering.model.Network;
import io.metalstack.peering.model.PartitionId;
import io.metalstack.peering.model.NetworkId;
import io.metalstack.peering.model.Peering;
import io.metalstack.peering.model.PeeringNetworks;
import io.metalstack.peering.model.PeeringId;
import io.metalstack.peering.model.PeeringOrigin;
import io.metalstack.peering.model.PeeringType;
import io.metalstack.peering.model.ProjectId;
import io.metalstack.peering.model.Switch;
import io.metalstack.peering.model.SwitchId;
import io.metalstack.peering.model.rules.Exchange;
import io.metalstack.peering.model.rules.ExternalPeeringRules;
import io.metalstack.peering.model.rules.PeeringRules;
import io.metalstack.peering.server.auth.Principal;
import io.metalstack.peering.server.fabric.SwitchStatus;
import io.metalstack.peering.server.fabric.FabricState;
import io.metalstack.peering.server.fabric.Fabric;
import io.metalstack.peering.server.store.Graphs;
import io.metalstack.peering.server.store.StoredFabric;
import io.metalstack.peering.server.store.Stores;
import io.metalstack.peering.server.store.SwitchReport;
import io.metalstack.peering.server.store.Database;
import io.metalstack.peering.server.wire.Wire;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.BiPredicate;
import java.util.stream.Stream;

import static io.javalin.http.HandlerType.DELETE;
import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.POST;
import static io.javalin.http.HandlerType.PUT;

/**
 * {@code /v1/network/peering}: create validates the peering rules and writes in one transaction that row-locks both
 * networks (in id order), so conflicting creates serialize. A peering belongs to the project of its private side
 * (the non-shared one across projects); the project owning a shared network in it may also see and delete it.
 */
public final class Peerings {

    static final String BASE = "/v1/network/peering";

    private final Database db;
    private final Edits edits;
    private final ObjectMapper json;
    private final PeeringRules rules;
    private final Fabric fabric;

    Peerings(Database db, Edits edits, ObjectMapper json, PeeringRules rules, Fabric fabric) {
        this.db = db;
        this.edits = edits;
        this.json = json;
        this.rules = rules;
        this.fabric = fabric;
    }

    List<Route> routes() {
        return List.of(
                new Route(PUT, BASE, true, 201, "create a peering (network1/network2 by id or unique name); checks the peering rules",
                        V1Peering.class, V1Peering.class, false, this::create),
                new Route(POST, BASE, true, 200, "update a peering's name, description and labels (send changed)", V1Peering.class, V1Peering.class, false, this::update),
                new Route(GET, BASE + "/{id}", true, 200, "get a peering with its status", null, V1Peering.class, false, c -> get(c.principal(), c.path("id"))),
                new Route(GET, BASE, true, 200, "list the peerings visible to the caller", null, V1Peering.class, true, c -> list(c.principal())),
                new Route(POST, BASE + "/find", true, 200, "find peerings (projectid, networkid, partitionid, peeringtype, ...)",
                        V1PeeringFindRequest.class, V1Peering.class, true, c -> Find.filter(json, V1Peering.class, list(c.principal()), c.bodyTree(),
                        Map.<String, BiPredicate<V1Peering, JsonNode>>of("networkid",
                                                (p, want) -> want.asText().equals(p.network1()) || want.asText().equals(p.network2())))),
                new Route(DELETE, BASE + "/{id}", true, 200, "delete a peering (its project, or the project owning a shared network in it)",
                        null, V1Peering.class, false, this::delete));
    }

    private V1Peering get(Principal who, String id) {
        return db.read(s -> {
            Peering p = visible(s, who, PeeringId.parse(id));
            return wire(who, p, PeeringNetworks.of(p, s.networks()::get), s.switchState().reports());
        });
    }

    private List<V1Peering> list(Principal who) {
        return db.read(s -> {
            Map<NetworkId, Network> networks = new HashMap<>();
            s.networks().list().forEach(n -> networks.put(n.id(), n));
            Map<SwitchId, SwitchReport> reports = s.switchState().reports();
            return s.peerings().list().stream()
                    .filter(p -> sees(who, p, Optional.ofNullable(networks.get(p.network1())), p.network2().map(networks::get)))
                    .map(p -> wire(who, p, PeeringNetworks.of(p, n -> Optional.ofNullable(networks.get(n))), reports))
                    .toList();
        });
    }

    /** Its own project's members, and the members of a project owning a network in it (a shared network's owner). */
    private static boolean sees(Principal who, Peering p, Optional<Network> n1, Optional<Network> n2) {
        return who.sees(p.project()) || Stream.of(n1, n2).flatMap(Optional::stream).anyMatch(n -> who.member(n.project()));
    }

    private static Peering visible(Stores s, Principal who, PeeringId id) {
        return s.peerings().get(id).filter(p -> sees(who, p, s.networks().get(p.network1()), p.network2().flatMap(n -> s.networks().get(n))))
                .orElseThrow(() -> new DomainException.NotFound("peering " + id + " not found"));
    }

    private Object create(Call c) {
        Principal who = c.principal();
        V1Peering w = c.body(V1Peering.class);
        String ref1 = Wire.required(w.network1(), "network1");
        PeeringType type = PeeringType.parse(w.peeringtype() == null ? (w.bgp() != null ? "external" : "local") : w.peeringtype());
        Optional<String> ref2 = switch (type) {
            case LOCAL -> Optional.of(Wire.required(w.network2(), "network2"));
            // the MEP's one-network form: a BGP session of network1 itself
            case EXTERNAL -> Optional.ofNullable(w.network2()).filter(x -> !x.isBlank());
        };
        Optional<BgpPeer> bgp = Wire.bgp(w.bgp());
        switch (type) {
            case LOCAL -> {
                if (bgp.isPresent()) {
                    throw DomainException.invalid("a local peering has no bgp block: remove bgp or use peeringtype external");
                }
            }
            case EXTERNAL -> {
                if (bgp.isEmpty()) {
                    throw DomainException.invalid("an external peering needs bgp {local {as, cidr, port}, remote {as, cidr}}");
                }
                who.requireAdmin("creating an external BGP peering (it configures a session on an exit switch)");
            }
        }
        boolean chosen = w.id() != null && !w.id().isBlank();
        if (chosen && !who.admin()) {
            // an id taken by another project's peering would answer 409 where GET answers 404: an existence oracle
            throw DomainException.invalid("field id: the server chooses a peering's id; leave it empty (only an admin may choose one)");
        }
        PeeringId id = chosen ? PeeringId.parse(w.id()) : PeeringId.parse(UUID.randomUUID().toString());
        Peering created = db.write(s -> create(s, who, id, w, type, ref1, ref2, bgp, PeeringOrigin.MANUAL));
        // after the commit, so that the status names the switches the new plan puts it on
        return db.read(s -> wire(who, created, PeeringNetworks.of(created, s.networks()::get), s.switchState().reports()));
    }

    /** Admits and inserts a peering inside the caller's write transaction (also used by auto-peering). */
    Peering create(Stores s, Principal who, PeeringId id, V1Peering w, PeeringType type, String ref1, Optional<String> ref2,
                   Optional<BgpPeer> bgp, PeeringOrigin origin) {
        NetworkId id1 = resolve(s, who, ref1);
        Optional<NetworkId> id2 = ref2.map(r -> resolve(s, who, r));
        // lock both rows in a stable order, so two requests on the same pair never wait for each other crosswise
        Map<NetworkId, Network> locked = new TreeMap<>();
        Stream.concat(Stream.of(id1), id2.stream()).sorted().distinct().forEach(n -> locked.put(n, s.networks().lock(n)));
        Network n1 = locked.get(id1);
        Optional<Network> n2 = id2.map(locked::get);
        Optional<ProjectId> project = n2.map(x -> owner(who, n1, x)).orElse(n1.type().isPrivate() ? n1.project() : Optional.empty());
        who.requireWrite(project, "creating a peering of " + n1.describe() + n2.map(x -> " and " + x.describe()).orElse(""));
        if (origin == PeeringOrigin.MANUAL) {
            // a manual peering takes over a pair that auto-peering holds
            AutoPeering.replaceForManual(s, id1, id2);
        }
        if (n2.isPresent()) {
            rules.admit(n1, n2.get(), type, Graphs.of(s, locked));
        } else {
            rules.admitAlone(n1, Graphs.of(s, locked));
        }
        Optional<BgpPeer> admitted = bgp.map(b -> ExternalPeeringRules.check(id, n1, n2, b, new StoredFabric(s)));
        Instant now = edits.now();
        Network primary = n1.type().isPrivate() || n2.isEmpty() ? n1 : n2.get();
        Optional<PartitionId> partition = primary.partition().or(() -> admitted.flatMap(b -> s.switches().get(b.localSwitch())).map(Switch::partition));
        Peering p = new Peering(id, w.name(), w.description(), project, partition, n1.id(), n2.map(Network::id), type, admitted,
                origin, Labels.of(w.labels()), now, now);
        s.peerings().insert(p);
        s.bumpRevision();
        return p;
    }

    /** A network reference: an id, or the name of exactly one network the caller sees. */
    private static NetworkId resolve(Stores s, Principal who, String ref) {
        Optional<NetworkId> asId = parseId(ref);
        if (asId.isPresent() && s.networks().get(asId.get()).filter(n -> who.sees(n)).isPresent()) {
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

    private Object update(Call c) {
        Principal who = c.principal();
        V1Peering w = c.body(V1Peering.class);
        PeeringId id = PeeringId.parse(Wire.required(w.id(), "id"));
        return db.write(s -> {
            visible(s, who, id);
            Peering old = s.peerings().lock(id);
            who.requireWrite(old.project(), "updating peering " + id);
            Edits.checkChanged(w.changed(), old.changed(), "peering " + id);
            boolean fixedChanged = (w.network1() != null && !w.network1().equals(old.network1().value()))
                    || (w.network2() != null && !Optional.of(w.network2()).equals(old.network2().map(NetworkId::value)))
                    || (w.peeringtype() != null && PeeringType.parse(w.peeringtype()) != old.type())
                    || (w.bgp() != null && !sameBgp(w.bgp(), old.bgp()));
            if (fixedChanged) {
                throw new DomainException.Unprocessable(String.format(
                        "peering %s: network1, network2, peeringtype and bgp cannot change; delete it and create a new one", id));
            }
            Peering p = new Peering(old.id(), w.name(), w.description(), old.project(), old.partition(), old.network1(), old.network2(),
                    old.type(), old.bgp(), old.origin(), Labels.of(w.labels()), old.created(), edits.next(old.changed()));
            s.peerings().update(p);
            s.bumpRevision();
            return wire(who, p, PeeringNetworks.of(p, s.networks()::get), s.switchState().reports());
        });
    }

    /**
     * Whether a sent bgp block is the stored one: compared after normalization (the stored addresses carry the subnet
     * length admission derived; the password is never echoed, so an absent password with {@code haspassword} matching
     * means unchanged).
     */
    private static boolean sameBgp(io.metalstack.peering.api.V1Bgp sent, Optional<BgpPeer> stored) {
        if (stored.isEmpty()) {
            return false;
        }
        BgpPeer old = stored.get();
        BgpPeer now = Wire.bgp(sent).orElseThrow();
        ExternalPeeringRules.Link link = ExternalPeeringRules.link(now.localCidr(), now.remoteCidr());
        now = now.withAddresses(link.local(), link.remote());
        if (sent.password() == null) {
            if (sent.haspassword() != null && sent.haspassword() != old.hasPassword()) {
                return false;
            }
            now = now.withPassword(old.password());
        }
        return now.equals(old);
    }

    private Object delete(Call c) {
        Principal who = c.principal();
        PeeringId id = PeeringId.parse(c.path("id"));
        // the switches it was on: they must apply the delete's revision before it is gone from the fabric
        List<SwitchId> on = List.copyOf(fabric.state().switchesOf(id));
        return db.write(s -> {
            visible(s, who, id);
            Peering p = s.peerings().lock(id);
            Optional<Network> n1 = s.networks().get(p.network1()), n2 = p.network2().flatMap(x -> s.networks().get(x));
            boolean sharedOwner = who.role().writes() && Stream.of(n1, n2).flatMap(Optional::stream)
                    .anyMatch(n -> n.shared() && who.member(n.project()));
            if (!sharedOwner) {
                who.requireWrite(p.project(), "deleting peering " + id);
            }
            s.peerings().delete(id);
            long revision = s.bumpRevision();
            V1PeeringStatus was = wire(who, p, PeeringNetworks.of(p, s.networks()::get), Map.of()).status();
            return Wire.peering(p, new V1PeeringStatus("deleted", was.families(), was.omitted(),
                    on.isEmpty() ? "deleted" : "deleted; withdrawn once switches " + String.join(", ", on.stream().map(SwitchId::value).toList())
                            + " apply revision " + revision + " (GET /v1/switch/{id}: lastsync.revision)",
                    revision, on.stream().map(x -> new V1PeeringSwitchStatus(x.value(), "pending", null, null, null, null, null)).toList(),
                    null));
        });
    }

    /** {@code networks}: empty when a network of the peering no longer exists. */
    private V1Peering wire(Principal who, Peering p, Optional<PeeringNetworks> networks, Map<SwitchId, SwitchReport> reports) {
        if (networks.isEmpty()) {
            return Wire.peering(p, new V1PeeringStatus("failed", List.of(), Map.of(), "a network of this peering no longer exists"));
        }
        Network n1 = networks.get().network1();
        Optional<Network> n2 = networks.get().network2();
        // the one-network form exchanges what its session speaks
        Exchange.Result exchange = n2.map(x -> Exchange.families(n1, x))
                .orElseGet(() -> new Exchange.Result(p.bgp().map(b -> b.remoteCidr().family()).filter(Exchange.familiesOf(n1)::contains)
                        .map(java.util.Set::of).orElse(java.util.Set.of()), Map.of()));
        return Wire.peering(p, status(who, p, exchange, n1, n2, reports));
    }

    /**
     * The families exchanged and why others are not, and the phase derived from the reports of the switches the
     * current plan puts the peering on ({@link SwitchStatus}); an agent's error text only for admin and infra.
     */
    private V1PeeringStatus status(Principal who, Peering p, Exchange.Result exchange, Network n1, Optional<Network> n2,
                                   Map<SwitchId, SwitchReport> reports) {
        Map<String, String> omitted = new TreeMap<>();
        n2.ifPresent(x -> exchange.omitted().forEach((f, why) -> omitted.put(f.label(), PeeringRules.explain(f, why, n1, x))));
        List<String> families = exchange.families().stream().sorted().map(AddressFamily::label).toList();
        FabricState st = fabric.state();
        long revision = st.peeringRevision(p.id());
        List<SwitchStatus.OnSwitch> on = SwitchStatus.onSwitches(p, st, reports).stream()
                .map(o -> who.global() ? o : o.withoutErrorText()).toList();
        // no switch carries either network yet: nothing to wait for, it takes effect with the first machine
        SwitchStatus.Phase phase = on.isEmpty() ? SwitchStatus.Phase.ACTIVE
                : SwitchStatus.phase(on.stream().map(SwitchStatus.OnSwitch::phase).toList());
        List<V1Condition> conditions = new java.util.ArrayList<>(on.stream().flatMap(o -> o.conditions().stream()).toList());
        if (on.isEmpty()) {
            conditions.add(noSwitch(p, n1, n2));
        }
        long done = on.stream().filter(o -> o.phase() == SwitchStatus.Phase.ACTIVE).count();
        List<V1PeeringSession> sessions = p.bgp().flatMap(b -> Optional.ofNullable(reports.get(b.localSwitch())).map(r -> r.sessions().stream()
                .filter(x -> x.peering().equals(p.id()))
                .map(x -> new V1PeeringSession(b.localSwitch().value(), x.state(), x.prefixesReceived())).toList())).orElse(List.of());
        String message = on.isEmpty() ? "stored; no switch carries its networks yet" : switch (phase) {
            case PENDING -> String.format("%d of %d switches applied revision %d", done, on.size(), revision);
            case ACTIVE -> String.format("applied on all %d switches", on.size());
            case DEGRADED -> String.format("%d of %d switches fine; see switches and conditions", done, on.size());
            case FAILED -> String.format("failed on all %d switches", on.size());
        };
        return new V1PeeringStatus(phase.wire(), families, omitted.isEmpty() ? null : omitted, message,
                revision == 0 ? null : revision, on.isEmpty() ? null : on.stream().map(SwitchStatus.OnSwitch::wire).toList(),
                conditions.isEmpty() ? null : conditions, sessions.isEmpty() ? null : sessions);
    }

    /** The condition of a peering that affects no switch yet (its networks have no machines anywhere). */
    static V1Condition noSwitch(Peering p, Network n1, Optional<Network> n2) {
        String networks = n1.describe() + n2.map(x -> " or " + x.describe()).orElse("");
        return new V1Condition("NoSwitch", p.bgp().isPresent()
                ? "no switch carries the session on " + p.bgp().get().portRef() + " yet; it takes effect when the exit switch is registered"
                : "no switch carries " + networks + " yet; the peering takes effect when a machine is allocated");
    }
}
