package io.metalstack.peering.model;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** A bare-metal machine (or firewall) and its switch connections. */
public record Machine(MachineId id, String name, PartitionId partition, MachineRole role,
                      List<MachineConnection> connections, Optional<Allocation> allocation,
                      Instant created, Instant changed) {
    public Machine {
        requireNonNull(id, "id is null");
        name = name == null ? "" : name;
        requireNonNull(partition, "partition is null");
        requireNonNull(role, "role is null");
        connections = List.copyOf(connections);
        requireNonNull(allocation, "allocation is null");
        requireNonNull(created, "created is null");
        requireNonNull(changed, "changed is null");
    }

    /** The VRF its switch ports carry: the primary network's, for an allocated machine (never for a firewall). */
    public Optional<NetworkId> portNetwork() {
        return role == MachineRole.MACHINE ? allocation.map(Allocation::primary) : Optional.empty();
    }
}
