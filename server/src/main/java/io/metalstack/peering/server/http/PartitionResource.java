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
                Route.put(base, "create a partition (admin)").created().takes(V1Partition.class).answers(V1Partition.class)
                        .to(c -> Wire.partition(partitions.create(c.principal(), now -> Wire.partition(c.body(V1Partition.class), now, now)))),
                Route.post(base, "update a partition (admin; send changed)").takes(V1Partition.class).answers(V1Partition.class)
                        .to(c -> Wire.partition(partitions.update(c.principal(), () -> {
                            V1Partition w = c.body(V1Partition.class);
                            return new Update<>(PartitionId.parse(Wire.required(w.id(), "id")), Optional.ofNullable(w.changed()),
                                    (old, changed) -> Wire.partition(w, old.created(), changed));
                        }))),
                Route.get(base + "/{id}", "get a partition").answers(V1Partition.class)
                        .to(c -> Wire.partition(partitions.get(PartitionId.parse(c.path("id"))))),
                Route.get(base, "list partitions").answersListOf(V1Partition.class).to(c -> Paging.list(c, base, Wire::partition, partitions::list)),
                Route.post(base + "/find", "find partitions").takes(V1Partition.class).answersListOf(V1Partition.class)
                        .to(c -> Paging.find(c, json, base, V1Partition.class, Map.of(), Wire::partition, partitions::list)),
                Route.delete(base + "/{id}", "delete a partition (admin; refused while used)").answers(V1Partition.class)
                        .to(c -> Wire.partition(partitions.delete(c.principal(), () -> PartitionId.parse(c.path("id"))))));
    }

}
