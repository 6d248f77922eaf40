package io.metalstack.peering.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.metalstack.peering.api.V1Bgp;
import io.metalstack.peering.api.V1Peering;
import io.metalstack.peering.api.V1PeeringFindRequest;
import io.metalstack.peering.model.BgpPeer;
import io.metalstack.peering.model.NetworkId;
import io.metalstack.peering.model.Peering;
import io.metalstack.peering.model.PeeringId;
import io.metalstack.peering.model.PeeringType;
import io.metalstack.peering.model.rules.ExternalPeeringRules;
import io.metalstack.peering.server.service.PeeringService;
import io.metalstack.peering.server.wire.StatusWire;
import io.metalstack.peering.server.wire.Wire;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiPredicate;

import static io.javalin.http.HandlerType.DELETE;
import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.POST;
import static io.javalin.http.HandlerType.PUT;

/** {@code /v1/network/peering}: the routes, and the wire form of a peering and its status ({@link PeeringService} decides). */
public final class PeeringResource {

    static final String BASE = "/v1/network/peering";

    private final PeeringService peerings;
    private final ObjectMapper json;

    PeeringResource(PeeringService peerings, ObjectMapper json) {
        this.peerings = peerings;
        this.json = json;
    }

    List<Route> routes() {
        return List.of(
                new Route(PUT, BASE, true, 201, "create a peering (network1/network2 by id or unique name); checks the peering rules",
                        V1Peering.class, V1Peering.class, false, this::create),
                new Route(POST, BASE, true, 200, "update a peering's name, description, labels, enabled and exchange (send changed)", V1Peering.class, V1Peering.class, false, this::update),
                new Route(GET, BASE + "/{id}", true, 200, "get a peering with its status", null, V1Peering.class, false,
                        c -> wire(peerings.get(c.principal(), PeeringId.parse(c.path("id"))))),
                new Route(GET, BASE, true, 200, "list the peerings visible to the caller", null, V1Peering.class, true,
                        c -> Paging.list(c, BASE, PeeringResource::wire, (page, m) -> peerings.list(c.principal(), page, m))),
                new Route(POST, BASE + "/find", true, 200, "find peerings (projectid, networkid, partitionid, peeringtype, ...)",
                        V1PeeringFindRequest.class, V1Peering.class, true, c -> Paging.find(c, json, BASE, V1Peering.class,
                        Map.<String, BiPredicate<V1Peering, JsonNode>>of("networkid",
                                (p, want) -> want.asText().equals(p.network1()) || want.asText().equals(p.network2())),
                        PeeringResource::wire, (page, m) -> peerings.list(c.principal(), page, m))),
                new Route(DELETE, BASE + "/{id}", true, 200, "delete a peering (its project, or the project owning a shared network in it)",
                        null, V1Peering.class, false, c -> wire(peerings.delete(c.principal(), PeeringId.parse(c.path("id"))))));
    }

    private Object create(Call c) {
        V1Peering w = c.body(V1Peering.class);
        String ref1 = Wire.required(w.network1(), "network1");
        PeeringType type = PeeringType.parse(w.peeringtype() == null ? (w.bgp() != null ? "external" : "local") : w.peeringtype());
        Optional<String> ref2 = switch (type) {
            case LOCAL -> Optional.of(Wire.required(w.network2(), "network2"));
            // the MEP's one-network form: a BGP session of network1 itself
            case EXTERNAL -> Optional.ofNullable(w.network2()).filter(x -> !x.isBlank());
        };
        Optional<BgpPeer> bgp = Wire.bgp(w.bgp());
        return wire(peerings.create(c.principal(), new PeeringService.Draft(Optional.ofNullable(w.id()), w.name(), w.description(),
                labels(w), ref1, ref2, type, bgp, !Boolean.FALSE.equals(w.enabled()), Wire.exchange(w.exchange()))));
    }

    private Object update(Call c) {
        V1Peering w = c.body(V1Peering.class);
        PeeringId id = PeeringId.parse(Wire.required(w.id(), "id"));
        return wire(peerings.update(c.principal(), new PeeringService.Edit(id, Optional.ofNullable(w.changed()), w.name(), w.description(),
                labels(w), Optional.ofNullable(w.enabled()), old -> changesFixed(w, old),
                Optional.ofNullable(w.exchange()).map(Wire::exchange))));
    }

    private static Map<String, String> labels(V1Peering w) {
        return w.labels() == null ? Map.of() : w.labels();
    }

    /** Whether the sent peering names other networks, another type or another bgp block than the stored one; unsent fields keep theirs. */
    private static boolean changesFixed(V1Peering w, Peering old) {
        return (w.network1() != null && !w.network1().equals(old.network1().value()))
                || (w.network2() != null && !Optional.of(w.network2()).equals(old.network2().map(NetworkId::value)))
                || (w.peeringtype() != null && PeeringType.parse(w.peeringtype()) != old.type())
                || (w.bgp() != null && !sameBgp(w.bgp(), old.bgp()));
    }

    /**
     * Whether a sent bgp block is the stored one: compared after normalization (the stored addresses carry the subnet
     * length admission derived; the password is never echoed, so an absent password with {@code haspassword} matching
     * means unchanged).
     */
    private static boolean sameBgp(V1Bgp sent, Optional<BgpPeer> stored) {
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

    private static V1Peering wire(PeeringService.Viewed v) {
        return Wire.peering(v.peering(), StatusWire.peering(v.status()));
    }
}
