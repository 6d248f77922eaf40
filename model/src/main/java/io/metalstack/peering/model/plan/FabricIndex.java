package io.metalstack.peering.model.plan;

import io.metalstack.peering.model.DomainException;
import io.metalstack.peering.model.Machine;
import io.metalstack.peering.model.MachineConnection;
import io.metalstack.peering.model.MachineId;
import io.metalstack.peering.model.MachineRole;
import io.metalstack.peering.model.Network;
import io.metalstack.peering.model.NetworkId;
import io.metalstack.peering.model.PartitionId;
import io.metalstack.peering.model.Peering;
import io.metalstack.peering.model.PeeringId;
import io.metalstack.peering.model.PortName;
import io.metalstack.peering.model.Switch;
import io.metalstack.peering.model.SwitchId;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The inventory indexed once (by id, by switch, by network), so that planning one switch costs only what is
 * on it and its VRFs' peerings: no scan over the whole fabric per switch.
 */
final class FabricIndex {
    /** A machine's cable on a port of the indexed switch. */
    record Attachment(PortName port, Machine machine) {}

    private final Inventory inventory;
    private final Map<NetworkId, Network> networks = new HashMap<>();
    private final Map<SwitchId, Switch> switches = new TreeMap<>();
    private final Map<MachineId, Machine> machines = new HashMap<>();
    private final Map<PeeringId, Peering> peerings = new HashMap<>();
    private final Map<SwitchId, List<Attachment>> attachments = new HashMap<>();
    private final Map<NetworkId, Set<SwitchId>> localSwitches = new HashMap<>();
    private final Map<NetworkId, Set<SwitchId>> firewallSwitches = new HashMap<>();
    private final Map<NetworkId, List<Peering>> localPeerings = new HashMap<>();
    private final Map<NetworkId, List<Peering>> externalPeerings = new HashMap<>();
    private final Map<SwitchId, List<Peering>> externalBySwitch = new HashMap<>();
    private final Map<SwitchId, Integer> zones = new HashMap<>();

    FabricIndex(Inventory inventory) {
        this.inventory = inventory;
        for (Network n : inventory.networks()) {
            unique(networks.put(n.id(), n), "network", n.id());
        }
        for (Switch s : inventory.switches()) {
            unique(switches.put(s.id(), s), "switch", s.id());
        }
        for (Machine m : inventory.machines()) {
            unique(machines.put(m.id(), m), "machine", m.id());
            indexMachine(m);
        }
        for (Peering p : inventory.peerings()) {
            unique(peerings.put(p.id(), p), "peering", p.id());
            switch (p.type()) {
                case LOCAL -> {
                    localPeerings.computeIfAbsent(p.network1(), k -> new ArrayList<>()).add(p);
                    localPeerings.computeIfAbsent(p.network2(), k -> new ArrayList<>()).add(p);
                }
                case EXTERNAL -> {
                    externalPeerings.computeIfAbsent(p.network1(), k -> new ArrayList<>()).add(p);
                    externalPeerings.computeIfAbsent(p.network2(), k -> new ArrayList<>()).add(p);
                    p.bgp().ifPresent(b -> externalBySwitch.computeIfAbsent(b.localSwitch(), k -> new ArrayList<>()).add(p));
                }
            }
        }
        // ids decide the order in which peerings are considered, never the inventory's list order
        Comparator<Peering> byId = Comparator.comparing(Peering::id);
        localPeerings.values().forEach(l -> l.sort(byId));
        externalPeerings.values().forEach(l -> l.sort(byId));
        externalBySwitch.values().forEach(l -> l.sort(byId));
        attachments.values().forEach(l -> l.sort(Comparator.comparing(Attachment::port)));
        indexZones();
    }

    private void indexMachine(Machine m) {
        for (MachineConnection c : m.connections()) {
            List<Attachment> onSwitch = attachments.computeIfAbsent(c.switchId(), k -> new ArrayList<>());
            for (Attachment a : onSwitch) {
                if (a.port().equals(c.port())) {
                    throw new DomainException.Conflict(String.format(
                            "port %s of switch %s is connected to both machine %s and machine %s: fix the machines' connections",
                            c.port(), c.switchId(), a.machine().id(), m.id()));
                }
            }
            onSwitch.add(new Attachment(c.port(), m));
            m.allocation().ifPresent(alloc -> {
                if (m.role() == MachineRole.MACHINE) {
                    localSwitches.computeIfAbsent(alloc.primary(), k -> new TreeSet<>()).add(c.switchId());
                } else {
                    alloc.networks().forEach(n -> firewallSwitches.computeIfAbsent(n, k -> new TreeSet<>()).add(c.switchId()));
                }
            });
        }
    }

    /** Zones of a partition's switches, sorted by name, numbered 1, 2, ... */
    private void indexZones() {
        Map<PartitionId, TreeSet<String>> names = new HashMap<>();
        switches.values().forEach(s -> names.computeIfAbsent(s.partition(), k -> new TreeSet<>()).add(s.zone()));
        for (Switch s : switches.values()) {
            zones.put(s.id(), names.get(s.partition()).headSet(s.zone()).size() + 1);
        }
    }

    private static void unique(Object previous, String kind, Object id) {
        if (previous != null) {
            throw new DomainException.Conflict(String.format("the inventory holds %s %s twice: ids must be unique", kind, id));
        }
    }

    Inventory inventory() {
        return inventory;
    }

    Network network(NetworkId id, String usedBy) {
        Network n = networks.get(id);
        if (n == null) {
            throw new DomainException.Unprocessable(String.format(
                    "%s refers to network %s, which does not exist: fix or delete the reference", usedBy, id));
        }
        return n;
    }

    Iterable<Switch> switches() {
        return switches.values();
    }

    Switch switchOrNull(SwitchId id) {
        return switches.get(id);
    }

    Machine machineOrNull(MachineId id) {
        return machines.get(id);
    }

    Peering peeringOrNull(PeeringId id) {
        return peerings.get(id);
    }

    List<Attachment> attachments(SwitchId id) {
        return attachments.getOrDefault(id, List.of());
    }

    /** Switches where a machine of the network has a port: where its VRF is local. */
    Set<SwitchId> localSwitches(NetworkId id) {
        return localSwitches.getOrDefault(id, Set.of());
    }

    Set<SwitchId> firewallSwitches(NetworkId id) {
        return firewallSwitches.getOrDefault(id, Set.of());
    }

    boolean isLocal(NetworkId network, SwitchId sw) {
        return localSwitches(network).contains(sw);
    }

    /** Local peerings of a network, by peering id. */
    List<Peering> localPeerings(NetworkId id) {
        return localPeerings.getOrDefault(id, List.of());
    }

    List<Peering> externalPeerings(NetworkId id) {
        return externalPeerings.getOrDefault(id, List.of());
    }

    /** External peerings whose BGP session sits on this switch, by peering id. */
    List<Peering> externalPeeringsOn(SwitchId id) {
        return externalBySwitch.getOrDefault(id, List.of());
    }

    int zone(SwitchId id) {
        return zones.get(id);
    }
}
