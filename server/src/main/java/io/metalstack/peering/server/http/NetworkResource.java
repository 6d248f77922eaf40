package io.metalstack.peering.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.metalstack.peering.api.V1Network;
import io.metalstack.peering.api.V1NetworkAllocateRequest;
import io.metalstack.peering.api.V1NetworkFindRequest;
import io.metalstack.peering.model.Network;
import io.metalstack.peering.model.AddressFamily;
import io.metalstack.peering.model.NetworkId;
import io.metalstack.peering.model.PartitionId;
import io.metalstack.peering.model.ProjectId;
import io.metalstack.peering.server.service.NetworkService;
import io.metalstack.peering.server.service.Update;
import io.metalstack.peering.server.wire.Wire;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static io.javalin.http.HandlerType.DELETE;
import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.POST;
import static io.javalin.http.HandlerType.PUT;

/** {@code /v1/network}: the routes, and the wire form of a network ({@link NetworkService} decides). */
public final class NetworkResource {

    private final NetworkService networks;
    private final ObjectMapper json;

    NetworkResource(NetworkService networks, ObjectMapper json) {
        this.networks = networks;
        this.json = json;
    }

    List<Route> routes() {
        String base = "/v1/network";
        return List.of(
                new Route(PUT, base, true, 201, "create a super, underlay or external network (admin)", V1Network.class, V1Network.class, false,
                        c -> Wire.network(networks.create(c.principal(), now -> Wire.network(c.body(V1Network.class), now, now)))),
                new Route(POST, base, true, 200, "update a network (send changed); re-checks its peerings", V1Network.class, V1Network.class, false, this::update),
                new Route(POST, base + "/allocate", true, 201, "allocate a child network from the partition's super network", V1NetworkAllocateRequest.class, V1Network.class, false, this::allocate),
                new Route(DELETE, base + "/free/{id}", true, 200, "free an allocated child network (refused while used)", null, V1Network.class, false,
                        c -> Wire.network(networks.free(c.principal(), NetworkId.parse(c.path("id"))))),
                new Route(GET, base + "/{id}", true, 200, "get a network", null, V1Network.class, false,
                        c -> Wire.network(networks.get(c.principal(), NetworkId.parse(c.path("id"))))),
                new Route(GET, base, true, 200, "list the networks visible to the caller", null, V1Network.class, true,
                        c -> Paging.<Network, V1Network>list(c, base, Wire::network, (page, m) -> networks.list(c.principal(), page, m))),
                new Route(POST, base + "/find", true, 200, "find networks (id, name, projectid, partitionid, networktype, vrf, labels)",
                        V1NetworkFindRequest.class, V1Network.class, true, c -> Paging.<Network, V1Network>find(c, json, base, V1Network.class, Map.of(),
                                Wire::network, (page, m) -> networks.list(c.principal(), page, m))),
                new Route(DELETE, base + "/{id}", true, 200, "delete a network (admin; refused while used)", null, V1Network.class, false,
                        c -> Wire.network(networks.delete(c.principal(), () -> NetworkId.parse(c.path("id"))))));
    }

    private Object allocate(Call c) {
        V1NetworkAllocateRequest r = c.body(V1NetworkAllocateRequest.class);
        PartitionId partition = PartitionId.parse(Wire.required(r.partitionid(), "partitionid"));
        ProjectId project = ProjectId.parse(Wire.required(r.projectid(), "projectid"));
        Map<AddressFamily, Integer> lengths = Wire.lengths(r.length());
        Set<AddressFamily> families = EnumSet.noneOf(AddressFamily.class);
        if (r.addressfamilies() != null) {
            r.addressfamilies().forEach(f -> families.add(AddressFamily.parse(f)));
        }
        return Wire.network(networks.allocate(c.principal(), new NetworkService.Allocation(partition, project, lengths, families,
                r.name(), r.description(), Boolean.TRUE.equals(r.shared()), r.labels() == null ? Map.of() : r.labels())));
    }

    /** The sent network is complete except its type, which defaults to the stored one. */
    private Object update(Call c) {
        V1Network w = c.body(V1Network.class);
        NetworkId id = NetworkId.parse(Wire.required(w.id(), "id"));
        return Wire.network(networks.update(c.principal(), new Update<>(id, Optional.ofNullable(w.changed()), (old, changed) -> {
            V1Network complete = new V1Network(w.id(), w.name(), w.description(), w.partitionid(), w.projectid(),
                    w.parentnetworkid(), w.networktype() == null ? old.type().wire() : w.networktype(), w.prefixes(),
                    w.destinationprefixes(), w.vrf(), w.defaultchildprefixlength(), w.nat(), w.shared(), w.labels(), null, null,
                    w.additionalannouncablecidrs());
            return Wire.network(complete, old.created(), changed);
        })));
    }
}
