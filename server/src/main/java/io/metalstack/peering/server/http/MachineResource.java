package io.metalstack.peering.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.metalstack.peering.api.V1Machine;
import io.metalstack.peering.api.V1MachineAllocation;
import io.metalstack.peering.model.Machine;
import io.metalstack.peering.model.Allocation;
import io.metalstack.peering.model.DomainException;
import io.metalstack.peering.model.MachineId;
import io.metalstack.peering.server.service.MachineService;
import io.metalstack.peering.server.service.Update;
import io.metalstack.peering.server.wire.Wire;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.javalin.http.HandlerType.DELETE;
import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.POST;
import static io.javalin.http.HandlerType.PUT;

/** {@code /v1/machine}: the routes, and the wire form of a machine ({@link MachineService} decides). */
public final class MachineResource {

    private final MachineService machines;
    private final ObjectMapper json;

    MachineResource(MachineService machines, ObjectMapper json) {
        this.machines = machines;
        this.json = json;
    }

    List<Route> routes() {
        String base = "/v1/machine";
        return List.of(
                new Route(PUT, base, true, 201, "register a machine or firewall with its connections (admin)", V1Machine.class, V1Machine.class, false,
                        c -> Wire.machine(machines.create(c.principal(), now -> {
                            V1Machine w = c.body(V1Machine.class);
                            if (w.allocation() != null) {
                                throw DomainException.invalid("machine %s: register it without allocation, then POST /v1/machine/%s/allocate", w.id(), w.id());
                            }
                            return Wire.machine(w, now, now);
                        }))),
                new Route(POST, base, true, 200, "update a machine (admin; send changed)", V1Machine.class, V1Machine.class, false,
                        c -> Wire.machine(machines.update(c.principal(), () -> {
                            V1Machine w = c.body(V1Machine.class);
                            // the allocation is not the update's: allocate and free change it
                            return new Update<>(MachineId.parse(Wire.required(w.id(), "id")), Optional.ofNullable(w.changed()), (old, changed) ->
                                    Wire.machine(new V1Machine(w.id(), w.name(), w.partitionid(), w.role(), w.connections(), null, null, null),
                                            old.created(), changed));
                        }))),
                new Route(POST, base + "/{id}/allocate", true, 200, "allocate a free machine into a project and its networks (private one first)",
                        V1MachineAllocation.class, V1Machine.class, false, this::allocate),
                new Route(POST, base + "/{id}/free", true, 200, "free an allocated machine", null, V1Machine.class, false,
                        c -> Wire.machine(machines.free(c.principal(), MachineId.parse(c.path("id"))))),
                new Route(GET, base + "/{id}", true, 200, "get a machine", null, V1Machine.class, false,
                        c -> Wire.machine(machines.get(c.principal(), MachineId.parse(c.path("id"))))),
                new Route(GET, base, true, 200, "list the machines visible to the caller", null, V1Machine.class, true,
                        c -> Paging.<Machine, V1Machine>list(c, base, Wire::machine, (page, m) -> machines.list(c.principal(), page, m))),
                new Route(POST, base + "/find", true, 200, "find machines", V1Machine.class, V1Machine.class, true,
                        c -> Paging.<Machine, V1Machine>find(c, json, base, V1Machine.class, Map.of(), Wire::machine, (page, m) -> machines.list(c.principal(), page, m))),
                new Route(DELETE, base + "/{id}", true, 200, "delete a machine (admin; refused while allocated)", null, V1Machine.class, false,
                        c -> Wire.machine(machines.delete(c.principal(), () -> MachineId.parse(c.path("id"))))));
    }

    private Object allocate(Call c) {
        MachineId id = MachineId.parse(c.path("id"));
        Allocation allocation = Wire.allocation(c.body(V1MachineAllocation.class));
        return Wire.machine(machines.allocate(c.principal(), id, allocation));
    }
}
