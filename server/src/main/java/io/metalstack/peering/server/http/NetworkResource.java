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
                Route.put(base, "create a super, underlay or external network (admin)").created().takes(V1Network.class).answers(V1Network.class)
                        .to(c -> Wire.network(networks.create(c.principal(), now -> Wire.network(c.body(V1Network.class), now, now)))),
                Route.post(base, "update a network (send changed); re-checks its peerings").takes(V1Network.class).answers(V1Network.class)
                        .to(this::update),
                Route.post(base + "/allocate", "allocate a child network from the partition's super network")
                        .created().takes(V1NetworkAllocateRequest.class).answers(V1Network.class).to(this::allocate),
                Route.delete(base + "/free/{id}", "free an allocated child network (refused while used)").answers(V1Network.class)
                        .to(c -> Wire.network(networks.free(c.principal(), NetworkId.parse(c.path("id"))))),
                Route.get(base + "/{id}", "get a network").answers(V1Network.class)
                        .to(c -> Wire.network(networks.get(c.principal(), NetworkId.parse(c.path("id"))))),
                Route.get(base, "list the networks visible to the caller").answersListOf(V1Network.class)
                        .to(c -> Paging.<Network, V1Network>list(c, base, Wire::network, (page, m) -> networks.list(c.principal(), page, m))),
                Route.post(base + "/find", "find networks (id, name, projectid, partitionid, networktype, vrf, labels)")
                        .takes(V1NetworkFindRequest.class).answersListOf(V1Network.class)
                        .to(c -> Paging.<Network, V1Network>find(c, json, base, V1Network.class, Map.of(),
                                Wire::network, (page, m) -> networks.list(c.principal(), page, m))),
                Route.delete(base + "/{id}", "delete a network (admin; refused while used)").answers(V1Network.class)
                        .to(c -> Wire.network(networks.delete(c.principal(), () -> NetworkId.parse(c.path("id"))))));
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
