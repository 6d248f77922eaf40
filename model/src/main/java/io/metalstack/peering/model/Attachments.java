package io.metalstack.peering.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * Which machine is cabled to which port of which switch, indexed once from a list of machines so that reading one
 * switch costs only what is on it. The one rule of "machines on a switch": a machine is on every switch one of its
 * connections ends at. The planner's {@code FabricIndex} builds its own index with {@link #add}.
 */
public final class Attachments {

    /** A machine's cable on a port of the indexed switch. */
    public record Attachment(PortName port, Machine machine) {
        public Attachment {
            requireNonNull(port, "port is null");
            requireNonNull(machine, "machine is null");
        }
    }

    private final Map<SwitchId, List<Attachment>> bySwitch;

    private Attachments(Map<SwitchId, List<Attachment>> bySwitch) {
        this.bySwitch = bySwitch;
    }

    /** The index of {@code machines}; per switch, its attachments in the order of the list and of each machine's connections. */
    public static Attachments of(Collection<Machine> machines) {
        Map<SwitchId, List<Attachment>> index = new HashMap<>();
        machines.forEach(m -> add(index, m));
        index.replaceAll((id, list) -> List.copyOf(list));
        return new Attachments(index);
    }

    /** Adds each connection of {@code m} to {@code index}, under the switch it ends at. */
    public static void add(Map<SwitchId, List<Attachment>> index, Machine m) {
        for (MachineConnection c : m.connections()) {
            index.computeIfAbsent(c.switchId(), k -> new ArrayList<>()).add(new Attachment(c.port(), m));
        }
    }

    /** The cables on switch {@code id}. */
    public List<Attachment> on(SwitchId id) {
        return bySwitch.getOrDefault(id, List.of());
    }

    /** Machines with at least one connection to switch {@code id}, each once, in the order of the indexed list. */
    public List<Machine> machinesOn(SwitchId id) {
        Map<MachineId, Machine> machines = new LinkedHashMap<>();
        on(id).forEach(a -> machines.putIfAbsent(a.machine().id(), a.machine()));
        return List.copyOf(machines.values());
    }
}
