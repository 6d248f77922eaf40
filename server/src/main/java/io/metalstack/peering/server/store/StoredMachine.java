package io.metalstack.peering.server.store;

import io.metalstack.peering.model.Allocation;
import io.metalstack.peering.model.Machine;
import io.metalstack.peering.model.MachineConnection;
import io.metalstack.peering.model.MachineId;
import io.metalstack.peering.model.MachineRole;
import io.metalstack.peering.model.NetworkId;
import io.metalstack.peering.model.PartitionId;
import io.metalstack.peering.model.PortName;
import io.metalstack.peering.model.ProjectId;
import io.metalstack.peering.model.SwitchId;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static io.metalstack.peering.server.store.StoredForm.parsed;
import static io.metalstack.peering.server.store.StoredForm.texts;

/** The document of a stored {@link Machine}. */
record StoredMachine(int schema, String id, String name, String partition, String role, List<Connection> connections,
                     StoredAllocation allocation, Instant created, Instant changed) implements StoredForm.Document {

    static final StoredForm<Machine, StoredMachine> FORM =
            new StoredForm<>("machine", StoredMachine.class, 1, StoredMachine::of, StoredMachine::machine);

    record Connection(String switchId, String port) {}

    record StoredAllocation(String project, List<String> networks) {}

    static StoredMachine of(Machine m) {
        return new StoredMachine(FORM.schema(), m.id().value(), m.name(), m.partition().value(), m.role().wire(),
                m.connections().stream().map(c -> new Connection(c.switchId().value(), c.port().value())).toList(),
                m.allocation().map(a -> new StoredAllocation(a.project().value(), texts(a.networks()))).orElse(null),
                m.created(), m.changed());
    }

    Machine machine() {
        return new Machine(MachineId.parse(id), name, PartitionId.parse(partition), MachineRole.parse(role),
                (connections == null ? List.<Connection>of() : connections).stream()
                        .map(c -> new MachineConnection(SwitchId.parse(c.switchId()), PortName.parse(c.port()))).toList(),
                Optional.ofNullable(allocation).map(a -> new Allocation(ProjectId.parse(a.project()), parsed(a.networks(), NetworkId::parse))),
                created, changed);
    }
}
