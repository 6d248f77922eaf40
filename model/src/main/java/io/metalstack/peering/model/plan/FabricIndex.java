package io.metalstack.peering.model.plan;

import io.metalstack.peering.model.Attachments;
import io.metalstack.peering.model.Attachments.Attachment;
import io.metalstack.peering.model.DomainException;
import io.metalstack.peering.model.Machine;
import io.metalstack.peering.model.MachineConnection;
import io.metalstack.peering.model.MachineId;
import io.metalstack.peering.model.MachineRole;
import io.metalstack.peering.model.Network;
import io.metalstack.peering.model.NetworkId;
import io.metalstack.peering.model.Partition;
import io.metalstack.peering.model.PartitionId;
import io.metalstack.peering.model.Peering;
import io.metalstack.peering.model.PeeringId;
import io.metalstack.peering.model.Project;
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
    // Never mutated once built: an index derived by with() shares the maps a change does not touch and lays an
    // OverlayMap over the others. Its inventory is not copied either (a peering change would copy the list of every
    // peering): the lists of the kinds the change did not touch are carried over, a touched kind's list is null and
    // read off its map when inventory() is first asked for.
    private volatile Inventory inventory;
    private final List<Partition> partitionList;
    private final List<Project> projectList;
    private final List<Switch> switchList;
    private List<Network> networkList;
    private List<Machine> machineList;
    private List<Peering> peeringList;
    private Map<NetworkId, Network> networks = new HashMap<>();
    private Map<SwitchId, Switch> switches = new TreeMap<>();
    private Map<MachineId, Machine> machines = new HashMap<>();
    private Map<PeeringId, Peering> peerings = new HashMap<>();
    private Map<SwitchId, List<Attachment>> attachments = new HashMap<>();
    private Map<NetworkId, Set<SwitchId>> localSwitches = new HashMap<>();
    private Map<NetworkId, Set<SwitchId>> firewallSwitches = new HashMap<>();
    private Map<NetworkId, List<Peering>> localPeerings = new HashMap<>();
    private Map<NetworkId, List<Peering>> externalPeerings = new HashMap<>();
    private Map<SwitchId, List<Peering>> externalBySwitch = new HashMap<>();
    private Map<SwitchId, Integer> zones = new HashMap<>();

    FabricIndex(Inventory inventory) {
        this.inventory = inventory;
        partitionList = inventory.partitions();
        projectList = inventory.projects();
        switchList = inventory.switches();
        networkList = inventory.networks();
        machineList = inventory.machines();
        peeringList = inventory.peerings();
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
            indexPeering(p);
        }
        // ids decide the order in which peerings are considered, never the inventory's list order
        localPeerings.values().forEach(l -> l.sort(BY_ID));
        externalPeerings.values().forEach(l -> l.sort(BY_ID));
        externalBySwitch.values().forEach(l -> l.sort(BY_ID));
        attachments.values().forEach(l -> l.sort(BY_PORT));
        indexZones();
    }

    private static final Comparator<Peering> BY_ID = Comparator.comparing(Peering::id);
    private static final Comparator<Attachment> BY_PORT = Comparator.comparing(Attachment::port);

    private FabricIndex(FabricIndex o) {
        partitionList = o.partitionList;
        projectList = o.projectList;
        switchList = o.switchList;
        networkList = o.networkList;
        machineList = o.machineList;
        peeringList = o.peeringList;
        networks = o.networks;
        switches = o.switches;
        machines = o.machines;
        peerings = o.peerings;
        attachments = o.attachments;
        localSwitches = o.localSwitches;
        firewallSwitches = o.firewallSwitches;
        localPeerings = o.localPeerings;
        externalPeerings = o.externalPeerings;
        externalBySwitch = o.externalBySwitch;
        zones = o.zones;
    }

    private void indexPeering(Peering p) {
        // a disabled or unapproved peering stays known by id (a change to it re-plans the switches it was on) but is
        // indexed nowhere the planner looks: it is planned as absent
        if (!p.planned()) {
            return;
        }
        switch (p.type()) {
            case LOCAL -> {
                p.networks().forEach(n -> localPeerings.computeIfAbsent(n, k -> new ArrayList<>()).add(p));
            }
            case EXTERNAL -> {
                p.networks().forEach(n -> externalPeerings.computeIfAbsent(n, k -> new ArrayList<>()).add(p));
                p.bgp().ifPresent(b -> externalBySwitch.computeIfAbsent(b.localSwitch(), k -> new ArrayList<>()).add(p));
            }
        }
    }

    /**
     * The index of {@code change.applyTo(inventory)}, derived from this one in time proportional to what the change
     * touches (the touched maps are {@link OverlayMap}s over this index's, not copies): what keeps a re-plan cheap
     * at any fabric size. Equal to a fresh index of it.
     */
    FabricIndex with(InventoryChange change) {
        FabricIndex next = new FabricIndex(this);
        if (change instanceof InventoryChange.PeeringSet c) {
            next.replacePeering(peerings.get(c.peering().id()), c.peering());
        } else if (change instanceof InventoryChange.PeeringRemoved c) {
            next.replacePeering(peerings.get(c.id()), null);
        } else if (change instanceof InventoryChange.MachineSet c) {
            next.replaceMachine(machines.get(c.machine().id()), c.machine());
        } else if (change instanceof InventoryChange.MachineRemoved c) {
            next.replaceMachine(machines.get(c.id()), null);
        } else if (change instanceof InventoryChange.NetworkSet c) {
            next.networkList = null;
            next.networks = OverlayMap.derive(networks);
            next.networks.put(c.network().id(), c.network());
        } else {
            throw new IllegalStateException("unknown inventory change " + change);
        }
        return next;
    }

    private void replacePeering(Peering old, Peering now) {
        peeringList = null;
        peerings = OverlayMap.derive(peerings);
        localPeerings = OverlayMap.derive(localPeerings);
        externalPeerings = OverlayMap.derive(externalPeerings);
        externalBySwitch = OverlayMap.derive(externalBySwitch);
        if (old != null) {
            peerings.remove(old.id());
            for (NetworkId n : old.networks()) {
                withoutPeering(localPeerings, n, old);
                withoutPeering(externalPeerings, n, old);
            }
            old.bgp().ifPresent(b -> withoutPeering(externalBySwitch, b.localSwitch(), old));
        }
        if (now != null) {
            peerings.put(now.id(), now);
        }
        if (now != null && now.planned()) {
            switch (now.type()) {
                case LOCAL -> {
                    now.networks().forEach(n -> withPeering(localPeerings, n, now));
                }
                case EXTERNAL -> {
                    now.networks().forEach(n -> withPeering(externalPeerings, n, now));
                    now.bgp().ifPresent(b -> withPeering(externalBySwitch, b.localSwitch(), now));
                }
            }
        }
    }

    private static <K> void withoutPeering(Map<K, List<Peering>> map, K key, Peering p) {
        List<Peering> list = map.get(key);
        if (list != null && list.contains(p)) {
            List<Peering> copy = new ArrayList<>(list);
            copy.remove(p);
            if (copy.isEmpty()) {
                map.remove(key);
            } else {
                map.put(key, copy);
            }
        }
    }

    private static <K> void withPeering(Map<K, List<Peering>> map, K key, Peering p) {
        List<Peering> copy = new ArrayList<>(map.getOrDefault(key, List.of()));
        copy.add(p);
        copy.sort(BY_ID);
        map.put(key, copy);
    }

    private void replaceMachine(Machine old, Machine now) {
        machineList = null;
        machines = OverlayMap.derive(machines);
        attachments = OverlayMap.derive(attachments);
        localSwitches = OverlayMap.derive(localSwitches);
        firewallSwitches = OverlayMap.derive(firewallSwitches);
        Set<SwitchId> touchedSwitches = new TreeSet<>();
        Set<NetworkId> touchedNetworks = new TreeSet<>();
        for (Machine m : new Machine[] {old, now}) {
            if (m != null) {
                m.connections().forEach(c -> touchedSwitches.add(c.switchId()));
                m.allocation().ifPresent(a -> touchedNetworks.addAll(a.networks()));
            }
        }
        if (old != null) {
            machines.remove(old.id());
            for (SwitchId s : touchedSwitches) {
                List<Attachment> copy = new ArrayList<>(attachments.getOrDefault(s, List.of()));
                copy.removeIf(a -> a.machine().id().equals(old.id()));
                attachments.put(s, copy);
            }
        }
        if (now != null) {
            machines.put(now.id(), now);
            for (SwitchId s : touchedSwitches) {
                attachments.put(s, new ArrayList<>(attachments.getOrDefault(s, List.of())));
            }
            attach(now);
            touchedSwitches.forEach(s -> attachments.get(s).sort(BY_PORT));
        }
        for (SwitchId s : touchedSwitches) {
            if (attachments.containsKey(s) && attachments.get(s).isEmpty()) {
                attachments.remove(s);
            }
        }
        // locality of a touched network on a touched switch: whatever the (updated) attachments there say
        for (NetworkId n : touchedNetworks) {
            Set<SwitchId> local = new TreeSet<>(localSwitches.getOrDefault(n, Set.of()));
            Set<SwitchId> firewall = new TreeSet<>(firewallSwitches.getOrDefault(n, Set.of()));
            for (SwitchId s : touchedSwitches) {
                local.remove(s);
                firewall.remove(s);
                for (Attachment a : attachments(s)) {
                    Machine m = a.machine();
                    if (m.allocation().isEmpty()) {
                        continue;
                    }
                    if (m.role() == MachineRole.MACHINE && m.allocation().get().primary().equals(n)) {
                        local.add(s);
                    } else if (m.role() != MachineRole.MACHINE && m.allocation().get().networks().contains(n)) {
                        firewall.add(s);
                    }
                }
            }
            putOrRemove(localSwitches, n, local);
            putOrRemove(firewallSwitches, n, firewall);
        }
    }

    private static void putOrRemove(Map<NetworkId, Set<SwitchId>> map, NetworkId key, Set<SwitchId> value) {
        if (value.isEmpty()) {
            map.remove(key);
        } else {
            map.put(key, value);
        }
    }

    private void indexMachine(Machine m) {
        attach(m);
        m.allocation().ifPresent(alloc -> {
            for (MachineConnection c : m.connections()) {
                if (m.role() == MachineRole.MACHINE) {
                    localSwitches.computeIfAbsent(alloc.primary(), k -> new TreeSet<>()).add(c.switchId());
                } else {
                    alloc.networks().forEach(n -> firewallSwitches.computeIfAbsent(n, k -> new TreeSet<>()).add(c.switchId()));
                }
            }
        });
    }

    private void attach(Machine m) {
        Attachments.add(attachments, m);
        for (MachineConnection c : m.connections()) {
            List<Attachment> onPort = attachments(c.switchId()).stream().filter(a -> a.port().equals(c.port())).toList();
            if (onPort.size() > 1) {
                throw new DomainException.Conflict(String.format(
                        "port %s of switch %s is connected to both machine %s and machine %s: fix the machines' connections",
                        c.port(), c.switchId(), onPort.get(0).machine().id(), m.id()));
            }
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

    /** Every map of the index, for tests that compare an index derived by {@link #with} with a fresh one. */
    List<Map<?, ?>> maps() {
        return List.of(networks, switches, machines, peerings, attachments, localSwitches, firewallSwitches, localPeerings,
                externalPeerings, externalBySwitch, zones);
    }

    /**
     * The inventory this index was built from, or (derived by {@link #with}) the one it stands for: equal, but for
     * list order, to {@code change.applyTo(...)} of the index it was derived from (a kind a change touched lists its
     * entities in the order of its map). Built once, on first use: a re-plan itself never needs it.
     */
    Inventory inventory() {
        Inventory i = inventory;
        if (i == null) {
            i = new Inventory(partitionList, projectList, networkList != null ? networkList : OverlayMap.values(networks),
                    switchList, machineList != null ? machineList : OverlayMap.values(machines),
                    peeringList != null ? peeringList : OverlayMap.values(peerings));
            inventory = i;
        }
        return i;
    }

    /** Every network, in no particular order. */
    Iterable<Network> networks() {
        return networks.values();
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

    Network networkOrNull(NetworkId id) {
        return networks.get(id);
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
