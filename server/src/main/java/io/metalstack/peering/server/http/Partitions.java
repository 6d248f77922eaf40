package io.metalstack.peering.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.metalstack.peering.api.V1Partition;
import io.metalstack.peering.model.Partition;
import io.metalstack.peering.model.PartitionId;
import io.metalstack.peering.server.store.Database;
import io.metalstack.peering.server.wire.Wire;
import io.metalstack.peering.server.service.Edits;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.javalin.http.HandlerType.DELETE;
import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.POST;
import static io.javalin.http.HandlerType.PUT;

/** {@code /v1/partition}: admins write, every token reads. */
public final class Partitions {

    private final Database db;
    private final Edits edits;
    private final ObjectMapper json;

    Partitions(Database db, Edits edits, ObjectMapper json) {
        this.db = db;
        this.edits = edits;
        this.json = json;
    }

    List<Route> routes() {
        String base = "/v1/partition";
        return List.of(
                new Route(PUT, base, true, 201, "create a partition (admin)", V1Partition.class, V1Partition.class, false, this::create),
                new Route(POST, base, true, 200, "update a partition (admin; send changed)", V1Partition.class, V1Partition.class, false, this::update),
                new Route(GET, base + "/{id}", true, 200, "get a partition", null, V1Partition.class, false,
                        c -> Wire.partition(db.read(s -> s.partitions().get(PartitionId.parse(c.path("id")))
                                .orElseThrow(() -> notFound(c.path("id")))))),
                new Route(GET, base, true, 200, "list partitions", null, V1Partition.class, true, c -> list()),
                new Route(POST, base + "/find", true, 200, "find partitions", V1Partition.class, V1Partition.class, true,
                        c -> Find.filter(json, V1Partition.class, list(), c.bodyTree(), Map.of())),
                new Route(DELETE, base + "/{id}", true, 200, "delete a partition (admin; refused while used)", null, V1Partition.class, false, this::delete));
    }

    private static io.metalstack.peering.model.DomainException.NotFound notFound(String id) {
        return new io.metalstack.peering.model.DomainException.NotFound("partition " + id + " not found");
    }

    private List<V1Partition> list() {
        return db.read(s -> s.partitions().list()).stream().map(Wire::partition).toList();
    }

    private Object create(Call c) {
        c.principal().requireAdmin("creating a partition");
        Instant now = edits.now();
        Partition p = Wire.partition(c.body(V1Partition.class), now, now);
        return Wire.partition(db.write(s -> {
            s.partitions().insert(p);
            s.bumpRevision();
            return p;
        }));
    }

    private Object update(Call c) {
        c.principal().requireAdmin("updating a partition");
        V1Partition w = c.body(V1Partition.class);
        return Wire.partition(db.write(s -> {
            Partition old = s.partitions().lock(PartitionId.parse(Wire.required(w.id(), "id")));
            Edits.checkChanged(w.changed(), old.changed(), "partition " + old.id());
            Partition p = Wire.partition(w, old.created(), edits.next(old.changed()));
            s.partitions().update(p);
            s.bumpRevision();
            return p;
        }));
    }

    private Object delete(Call c) {
        c.principal().requireAdmin("deleting a partition");
        PartitionId id = PartitionId.parse(c.path("id"));
        return Wire.partition(db.write(s -> {
            Partition p = s.partitions().lock(id);
            Edits.refuseIfUsed("partition " + id, "delete", Map.of(
                    "networks", s.networks().list().stream().filter(n -> n.partition().equals(java.util.Optional.of(id))).map(n -> n.id().value()).toList(),
                    "switches", s.switches().list().stream().filter(x -> x.partition().equals(id)).map(x -> x.id().value()).toList(),
                    "machines", s.machines().list().stream().filter(m -> m.partition().equals(id)).map(m -> m.id().value()).toList()));
            s.partitions().delete(id);
            s.bumpRevision();
            return p;
        }));
    }

}
