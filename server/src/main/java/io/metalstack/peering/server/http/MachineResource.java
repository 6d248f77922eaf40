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
                Route.put(base, "register a machine or firewall with its connections (admin)").created().takes(V1Machine.class)
                        .answers(V1Machine.class).to(c -> Wire.machine(machines.create(c.principal(), now -> {
                            V1Machine w = c.body(V1Machine.class);
                            if (w.allocation() != null) {
                                throw DomainException.invalid("machine %s: register it without allocation, then POST /v1/machine/%s/allocate", w.id(), w.id());
                            }
                            return Wire.machine(w, now, now);
                        }))),
                Route.post(base, "update a machine (admin; send changed)").takes(V1Machine.class).answers(V1Machine.class)
                        .to(c -> Wire.machine(machines.update(c.principal(), () -> {
                            V1Machine w = c.body(V1Machine.class);
                            // the allocation is not the update's: allocate and free change it
                            return new Update<>(MachineId.parse(Wire.required(w.id(), "id")), Optional.ofNullable(w.changed()), (old, changed) ->
                                    Wire.machine(new V1Machine(w.id(), w.name(), w.partitionid(), w.role(), w.connections(), null, null, null),
                                            old.created(), changed));
                        }))),
                Route.post(base + "/{id}/allocate", "allocate a free machine into a project and its networks (private one first)")
                        .takes(V1MachineAllocation.class).answers(V1Machine.class).to(this::allocate),
                Route.post(base + "/{id}/free", "free an allocated machine").answers(V1Machine.class)
                        .to(c -> Wire.machine(machines.free(c.principal(), MachineId.parse(c.path("id"))))),
                Route.get(base + "/{id}", "get a machine").answers(V1Machine.class)
                        .to(c -> Wire.machine(machines.get(c.principal(), MachineId.parse(c.path("id"))))),
                Route.get(base, "list the machines visible to the caller").answersListOf(V1Machine.class)
                        .to(c -> Paging.<Machine, V1Machine>list(c, base, Wire::machine, (page, m) -> machines.list(c.principal(), page, m))),
                Route.post(base + "/find", "find machines").takes(V1Machine.class).answersListOf(V1Machine.class)
                        .to(c -> Paging.<Machine, V1Machine>find(c, json, base, V1Machine.class, Map.of(), Wire::machine,
                                (page, m) -> machines.list(c.principal(), page, m))),
                Route.delete(base + "/{id}", "delete a machine (admin; refused while allocated)").answers(V1Machine.class)
                        .to(c -> Wire.machine(machines.delete(c.principal(), () -> MachineId.parse(c.path("id"))))));
    }

    private Object allocate(Call c) {
        MachineId id = MachineId.parse(c.path("id"));
        Allocation allocation = Wire.allocation(c.body(V1MachineAllocation.class));
        return Wire.machine(machines.allocate(c.principal(), id, allocation));
    }
}
