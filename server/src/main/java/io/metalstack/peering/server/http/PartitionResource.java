package io.metalstack.peering.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.metalstack.peering.api.V1Partition;
import io.metalstack.peering.model.PartitionId;
import io.metalstack.peering.server.service.PartitionService;
import io.metalstack.peering.server.service.Update;
import io.metalstack.peering.server.wire.Wire;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.javalin.http.HandlerType.DELETE;
import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.POST;
import static io.javalin.http.HandlerType.PUT;

/** {@code /v1/partition}: the routes, and the wire form of a partition ({@link PartitionService} decides). */
public final class PartitionResource {

    private final PartitionService partitions;
    private final ObjectMapper json;

    PartitionResource(PartitionService partitions, ObjectMapper json) {
        this.partitions = partitions;
        this.json = json;
    }

    List<Route> routes() {
        String base = "/v1/partition";
        return List.of(
                new Route(PUT, base, true, 201, "create a partition (admin)", V1Partition.class, V1Partition.class, false,
                        c -> Wire.partition(partitions.create(c.principal(), now -> Wire.partition(c.body(V1Partition.class), now, now)))),
                new Route(POST, base, true, 200, "update a partition (admin; send changed)", V1Partition.class, V1Partition.class, false,
                        c -> Wire.partition(partitions.update(c.principal(), () -> {
                            V1Partition w = c.body(V1Partition.class);
                            return new Update<>(PartitionId.parse(Wire.required(w.id(), "id")), Optional.ofNullable(w.changed()),
                                    (old, changed) -> Wire.partition(w, old.created(), changed));
                        }))),
                new Route(GET, base + "/{id}", true, 200, "get a partition", null, V1Partition.class, false,
                        c -> Wire.partition(partitions.get(PartitionId.parse(c.path("id"))))),
                new Route(GET, base, true, 200, "list partitions", null, V1Partition.class, true,
                        c -> Paging.list(c, base, Wire::partition, partitions::list)),
                new Route(POST, base + "/find", true, 200, "find partitions", V1Partition.class, V1Partition.class, true,
                        c -> Paging.find(c, json, base, V1Partition.class, Map.of(), Wire::partition, partitions::list)),
                new Route(DELETE, base + "/{id}", true, 200, "delete a partition (admin; refused while used)", null, V1Partition.class, false,
                        c -> Wire.partition(partitions.delete(c.principal(), () -> PartitionId.parse(c.path("id"))))));
    }

}
