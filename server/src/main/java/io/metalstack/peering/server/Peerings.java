package io.metalstack.peering.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.metalstack.peering.api.V1Peering;
import io.metalstack.peering.api.V1PeeringFindRequest;
import io.metalstack.peering.api.V1Condition;
import io.metalstack.peering.api.V1PeeringStatus;
import io.metalstack.peering.api.V1PeeringSwitchStatus;
import io.metalstack.peering.model.AddressFamily;
import io.metalstack.peering.model.BgpPeer;
import io.metalstack.peering.model.DomainException;
import io.metalstack.peering.model.Labels;
import io.metalstack.peering.model.Network;
import io.metalstack.peering.model.NetworkId;
import io.metalstack.peering.model.Peering;
import io.metalstack.peering.model.PeeringId;
import io.metalstack.peering.model.PeeringOrigin;
import io.metalstack.peering.model.PeeringType;
import io.metalstack.peering.model.ProjectId;
import io.metalstack.peering.model.Switch;
import io.metalstack.peering.model.SwitchId;
import io.metalstack.peering.model.SwitchRole;
import io.metalstack.peering.model.rules.Exchange;
import io.metalstack.peering.model.rules.PeeringRules;

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
final class Peerings {

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
            return wire(p, s.networks().get(p.network1()), s.networks().get(p.network2()), s.switchState().reports());
        });
    }

    private List<V1Peering> list(Principal who) {
        return db.read(s -> {
            Map<NetworkId, Network> networks = new HashMap<>();
            s.networks().list().forEach(n -> networks.put(n.id(), n));
            Map<SwitchId, SwitchReport> reports = s.switchState().reports();
            return s.peerings().list().stream()
                    .filter(p -> sees(who, p, Optional.ofNullable(networks.get(p.network1())), Optional.ofNullable(networks.get(p.network2()))))
                    .map(p -> wire(p, Optional.ofNullable(networks.get(p.network1())), Optional.ofNullable(networks.get(p.network2())), reports))
                    .toList();
        });
    }

    /** Its own project's members, and the members of a project owning a network in it (a shared network's owner). */
    private static boolean sees(Principal who, Peering p, Optional<Network> n1, Optional<Network> n2) {
        return who.sees(p.project()) || Stream.of(n1, n2).flatMap(Optional::stream).anyMatch(n -> who.member(n.project()));
    }

    private static Peering visible(Stores s, Principal who, PeeringId id) {
        return s.peerings().get(id).filter(p -> sees(who, p, s.networks().get(p.network1()), s.networks().get(p.network2())))
                .orElseThrow(() -> new DomainException.NotFound("peering " + id + " not found"));
    }

    private Object create(Call c) {
        Principal who = c.principal();
        V1Peering w = c.body(V1Peering.class);
        String ref1 = Wire.required(w.network1(), "network1");
        String ref2 = Wire.required(w.network2(), "network2");
        PeeringType type = PeeringType.parse(w.peeringtype() == null ? "local" : w.peeringtype());
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
            }
        }
        PeeringId id = w.id() == null || w.id().isBlank() ? PeeringId.parse(UUID.randomUUID().toString()) : PeeringId.parse(w.id());
        Peering created = db.write(s -> {
            NetworkId id1 = resolve(s, who, ref1), id2 = resolve(s, who, ref2);
            // lock both rows in a stable order, so two requests on the same pair never wait for each other crosswise
            Map<NetworkId, Network> locked = new TreeMap<>();
            Stream.of(id1, id2).sorted().distinct().forEach(n -> locked.put(n, s.networks().lock(n)));
            Network n1 = locked.get(id1), n2 = locked.get(id2);
            Optional<ProjectId> project = owner(who, n1, n2);
            who.requireWrite(project, "creating a peering of " + n1.describe() + " and " + n2.describe());
            rules.admit(n1, n2, type, Graphs.of(s, locked));
            if (bgp.isPresent()) {
                checkBgp(s, bgp.get());
            }
            Instant now = edits.now();
            Network primary = n1.type().isPrivate() ? n1 : n2;
            Peering p = new Peering(id, w.name(), w.description(), project, primary.partition(), n1.id(), n2.id(), type, bgp,
                    PeeringOrigin.MANUAL, Labels.of(w.labels()), now, now);
            s.peerings().insert(p);
            s.bumpRevision();
            return p;
        });
        // after the commit, so that the status names the switches the new plan puts it on
        return db.read(s -> wire(created, s.networks().get(created.network1()), s.networks().get(created.network2()),
                s.switchState().reports()));
    }

    /** A network reference: an id, or the name of exactly one network the caller sees. */
    private static NetworkId resolve(Stores s, Principal who, String ref) {
        Optional<NetworkId> asId = parseId(ref);
        if (asId.isPresent() && s.networks().get(asId.get()).filter(n -> Networks.sees(who, n)).isPresent()) {
            return asId.get();
        }
        List<Network> named = s.networks().byName(ref).stream().filter(n -> Networks.sees(who, n)).toList();
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

    /** An external peering's port: an existing port of an exit switch. */
    private static void checkBgp(Stores s, BgpPeer bgp) {
        Switch sw = s.switches().get(bgp.localSwitch()).orElseThrow(() -> new DomainException.Unprocessable(String.format(
                "bgp.local.port %s: switch %s is not registered", bgp.portRef(), bgp.localSwitch())));
        if (sw.role() != SwitchRole.EXIT) {
            throw new DomainException.Unprocessable(String.format("bgp.local.port %s: switch %s is a %s switch; external peerings sit on exit switches",
                    bgp.portRef(), sw.id(), sw.role().wire()));
        }
        if (sw.port(bgp.localPort()).isEmpty()) {
            throw new DomainException.Unprocessable(String.format("bgp.local.port %s: switch %s has no port %s",
                    bgp.portRef(), sw.id(), bgp.localPort()));
        }
        if (bgp.localCidr().family() != bgp.remoteCidr().family()) {
            throw new DomainException.Unprocessable(String.format("bgp.local.cidr %s and bgp.remote.cidr %s are of different address families",
                    bgp.localCidr(), bgp.remoteCidr()));
        }
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
                    || (w.network2() != null && !w.network2().equals(old.network2().value()))
                    || (w.peeringtype() != null && PeeringType.parse(w.peeringtype()) != old.type())
                    || (w.bgp() != null && !Wire.bgp(w.bgp()).equals(old.bgp()));
            if (fixedChanged) {
                throw new DomainException.Unprocessable(String.format(
                        "peering %s: network1, network2, peeringtype and bgp cannot change; delete it and create a new one", id));
            }
            Peering p = new Peering(old.id(), w.name(), w.description(), old.project(), old.partition(), old.network1(), old.network2(),
                    old.type(), old.bgp(), old.origin(), Labels.of(w.labels()), old.created(), edits.next(old.changed()));
            s.peerings().update(p);
            s.bumpRevision();
            return wire(p, s.networks().get(p.network1()), s.networks().get(p.network2()), s.switchState().reports());
        });
    }

    private Object delete(Call c) {
        Principal who = c.principal();
        PeeringId id = PeeringId.parse(c.path("id"));
        // the switches it was on: they must apply the delete's revision before it is gone from the fabric
        List<SwitchId> on = List.copyOf(fabric.state().switchesOf(id));
        return db.write(s -> {
            visible(s, who, id);
            Peering p = s.peerings().lock(id);
            Optional<Network> n1 = s.networks().get(p.network1()), n2 = s.networks().get(p.network2());
            boolean sharedOwner = who.role().writes() && Stream.of(n1, n2).flatMap(Optional::stream)
                    .anyMatch(n -> n.shared() && who.member(n.project()));
            if (!sharedOwner) {
                who.requireWrite(p.project(), "deleting peering " + id);
            }
            s.peerings().delete(id);
            long revision = s.bumpRevision();
            V1PeeringStatus was = wire(p, n1, n2, Map.of()).status();
            return Wire.peering(p, new V1PeeringStatus("deleted", was.families(), was.omitted(),
                    on.isEmpty() ? "deleted" : "deleted; withdrawn once switches " + String.join(", ", on.stream().map(SwitchId::value).toList())
                            + " apply revision " + revision + " (GET /v1/switch/{id}: lastsync.revision)",
                    revision, on.stream().map(x -> new V1PeeringSwitchStatus(x.value(), "pending", null, null, null, null, null)).toList(),
                    null));
        });
    }

    private V1Peering wire(Peering p, Optional<Network> n1, Optional<Network> n2, Map<SwitchId, SwitchReport> reports) {
        if (n1.isEmpty() || n2.isEmpty()) {
            return Wire.peering(p, new V1PeeringStatus("failed", List.of(), Map.of(), "a network of this peering no longer exists"));
        }
        return Wire.peering(p, status(p, Exchange.families(n1.get(), n2.get()), n1.get(), n2.get(), reports));
    }

    /**
     * The families exchanged and why others are not, and the phase derived from the reports of the switches the
     * current plan puts the peering on ({@link SwitchStatus}).
     */
    private V1PeeringStatus status(Peering p, Exchange.Result exchange, Network n1, Network n2, Map<SwitchId, SwitchReport> reports) {
        Map<String, String> omitted = new TreeMap<>();
        exchange.omitted().forEach((f, why) -> omitted.put(f.label(), PeeringRules.explain(f, why, n1, n2)));
        List<String> families = exchange.families().stream().sorted().map(AddressFamily::label).toList();
        FabricState st = fabric.state();
        long revision = st.peeringRevision(p.id());
        List<SwitchStatus.OnSwitch> on = SwitchStatus.onSwitches(p, st, reports);
        SwitchStatus.Phase phase = SwitchStatus.phase(on.stream().map(SwitchStatus.OnSwitch::phase).toList());
        List<V1Condition> conditions = on.stream().flatMap(o -> o.conditions().stream()).toList();
        long done = on.stream().filter(o -> o.phase() == SwitchStatus.Phase.ACTIVE).count();
        String message = on.isEmpty() ? "stored; not yet applied by any switch agent" : switch (phase) {
            case PENDING -> String.format("%d of %d switches applied revision %d", done, on.size(), revision);
            case ACTIVE -> String.format("applied on all %d switches", on.size());
            case DEGRADED -> String.format("%d of %d switches fine; see switches and conditions", done, on.size());
            case FAILED -> String.format("failed on all %d switches", on.size());
        };
        return new V1PeeringStatus(phase.wire(), families, omitted.isEmpty() ? null : omitted, message,
                revision == 0 ? null : revision, on.isEmpty() ? null : on.stream().map(SwitchStatus.OnSwitch::wire).toList(),
                conditions.isEmpty() ? null : conditions);
    }
}
