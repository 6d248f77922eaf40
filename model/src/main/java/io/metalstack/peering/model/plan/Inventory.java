package io.metalstack.peering.model.plan;

import io.metalstack.peering.model.Machine;
import io.metalstack.peering.model.Network;
import io.metalstack.peering.model.Partition;
import io.metalstack.peering.model.Peering;
import io.metalstack.peering.model.Project;
import io.metalstack.peering.model.Switch;

import java.util.List;

/**
 * Everything the planner reads: the domain objects of the fabric, in any order (the planner sorts).
 * A snapshot: it is never mutated; {@link #with(InventoryChange)} returns a new one.
 */
public record Inventory(List<Partition> partitions, List<Project> projects, List<Network> networks,
                        List<Switch> switches, List<Machine> machines, List<Peering> peerings) {
    public static final Inventory EMPTY = new Inventory(List.of(), List.of(), List.of(), List.of(), List.of(), List.of());

    public Inventory {
        partitions = List.copyOf(partitions);
        projects = List.copyOf(projects);
        networks = List.copyOf(networks);
        switches = List.copyOf(switches);
        machines = List.copyOf(machines);
        peerings = List.copyOf(peerings);
    }
}
