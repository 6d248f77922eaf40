package io.metalstack.peering.model.plan;

import io.metalstack.peering.model.Allocation;
import io.metalstack.peering.model.Asn;
import io.metalstack.peering.model.BgpPeer;
import io.metalstack.peering.model.InterfaceAddress;
import io.metalstack.peering.model.IpPrefix;
import io.metalstack.peering.model.Ipv4Address;
import io.metalstack.peering.model.ExchangedPrefixes;
import io.metalstack.peering.model.Labels;
import io.metalstack.peering.model.Machine;
import io.metalstack.peering.model.MachineConnection;
import io.metalstack.peering.model.MachineId;
import io.metalstack.peering.model.MachineRole;
import io.metalstack.peering.model.Network;
import io.metalstack.peering.model.NetworkId;
import io.metalstack.peering.model.NetworkType;
import io.metalstack.peering.model.Partition;
import io.metalstack.peering.model.PartitionId;
import io.metalstack.peering.model.Peering;
import io.metalstack.peering.model.PeeringId;
import io.metalstack.peering.model.PeeringOrigin;
import io.metalstack.peering.model.PeeringType;
import io.metalstack.peering.model.PortName;
import io.metalstack.peering.model.Project;
import io.metalstack.peering.model.ProjectId;
import io.metalstack.peering.model.Switch;
import io.metalstack.peering.model.SwitchId;
import io.metalstack.peering.model.SwitchOs;
import io.metalstack.peering.model.SwitchPort;
import io.metalstack.peering.model.SwitchRole;
import io.metalstack.peering.model.Vni;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A terse builder of test inventories: one partition by default, ids as plain strings. */
final class Fabric {
    static final Instant T = Instant.parse("2026-01-01T00:00:00Z");
    static final List<String> UPLINKS = List.of("swp31", "swp32");

    final Map<String, Partition> partitions = new LinkedHashMap<>();
    final Map<String, Project> projects = new LinkedHashMap<>();
    final Map<String, Network> networks = new LinkedHashMap<>();
    final Map<String, Switch> switches = new LinkedHashMap<>();
    final Map<String, Machine> machines = new LinkedHashMap<>();
    final Map<String, Peering> peerings = new LinkedHashMap<>();
    private int asn = 0;

    Inventory build() {
        return new Inventory(List.copyOf(partitions.values()), List.copyOf(projects.values()), List.copyOf(networks.values()),
                List.copyOf(switches.values()), List.copyOf(machines.values()), List.copyOf(peerings.values()));
    }

    Fabric partition(String id) {
        partitions.put(id, new Partition(new PartitionId(id), id, "", Labels.EMPTY, T, T));
        return this;
    }

    Fabric project(String id) {
        projects.put(id, new Project(new ProjectId(id), id, "tenant", "", Labels.EMPTY, T, T));
        return this;
    }

    Fabric network(String id, String partition, String project, NetworkType type, int vrf, String... prefixes) {
        return network(new Network(new NetworkId(id), id, "", Optional.of(new PartitionId(partition)),
                Optional.ofNullable(project).map(ProjectId::new), Optional.empty(), type, prefixes(prefixes), List.of(),
                Optional.of(Vni.of(vrf)), Map.of(), false, Labels.EMPTY, T, T));
    }

    Fabric child(String id, String project, int vrf, String... prefixes) {
        return network(id, "p1", project, NetworkType.CHILD, vrf, prefixes);
    }

    Fabric shared(String id, String project, int vrf, String... prefixes) {
        return network(id, "p1", project, NetworkType.CHILD_SHARED, vrf, prefixes);
    }

    /** A global external network (no project, no partition). */
    Fabric external(String id, int vrf, boolean peerable, boolean nat, List<String> prefixes, List<String> destinations) {
        return network(new Network(new NetworkId(id), id, "", Optional.empty(), Optional.empty(), Optional.empty(),
                NetworkType.EXTERNAL, prefixes(prefixes.toArray(String[]::new)), prefixes(destinations.toArray(String[]::new)),
                Optional.of(Vni.of(vrf)), Map.of(), nat,
                peerable ? Labels.of(Map.of(Labels.PEERABLE, "true")) : Labels.EMPTY, T, T));
    }

    Fabric network(Network n) {
        networks.put(n.id().value(), n);
        return this;
    }

    Fabric leaf(String id, String zone, String... ports) {
        return switchOf(id, "p1", zone, SwitchRole.LEAF, ports);
    }

    Fabric switchOf(String id, String partition, String zone, SwitchRole role, String... ports) {
        List<SwitchPort> all = new ArrayList<>();
        UPLINKS.forEach(p -> all.add(new SwitchPort(new PortName(p), true)));
        Arrays.stream(ports).forEach(p -> all.add(new SwitchPort(new PortName(p), false)));
        asn++;
        switches.put(id, new Switch(new SwitchId(id), new PartitionId(partition), "rack", zone, role,
                asn % 2 == 0 ? SwitchOs.SONIC : SwitchOs.CUMULUS, Asn.of(4200000000L + asn),
                new Ipv4Address("10.0.0." + asn), all, T, T));
        return this;
    }

    /** A machine allocated into {@code network} (its primary), cabled to {@code switch:port} pairs. */
    Fabric machine(String id, String project, String network, String... switchPorts) {
        return machine(id, MachineRole.MACHINE, project == null ? Optional.empty()
                : Optional.of(new Allocation(new ProjectId(project), List.of(new NetworkId(network)))), switchPorts);
    }

    Fabric unallocated(String id, String... switchPorts) {
        return machine(id, MachineRole.MACHINE, Optional.empty(), switchPorts);
    }

    Fabric firewall(String id, String project, List<String> networks, String... switchPorts) {
        return machine(id, MachineRole.FIREWALL, Optional.of(new Allocation(new ProjectId(project),
                networks.stream().map(NetworkId::new).toList())), switchPorts);
    }

    Fabric machine(String id, MachineRole role, Optional<Allocation> allocation, String... switchPorts) {
        machines.put(id, new Machine(new MachineId(id), id, new PartitionId("p1"), role, connections(switchPorts), allocation, T, T));
        return this;
    }

    Fabric peering(String id, String n1, String n2) {
        peerings.put(id, localPeering(id, n1, n2));
        return this;
    }

    /** A local peering whose sides reach only what {@code exchange} selects. */
    Fabric peering(String id, String n1, String n2, ExchangedPrefixes exchange) {
        peerings.put(id, localPeering(id, n1, n2).withExchange(exchange));
        return this;
    }

    Fabric externalPeering(String id, String n1, String n2, String portAtSwitch, long localAs, String localCidr,
                           long remoteAs, String remoteCidr) {
        BgpPeer.PortRef ref = BgpPeer.parsePort(portAtSwitch);
        BgpPeer bgp = new BgpPeer(Asn.of(localAs), InterfaceAddress.parse(localCidr), ref.switchId(), ref.port(),
                Asn.of(remoteAs), InterfaceAddress.parse(remoteCidr));
        peerings.put(id, new Peering(new PeeringId(id), id, "", Optional.empty(), Optional.empty(), new NetworkId(n1),
                new NetworkId(n2), PeeringType.EXTERNAL, Optional.of(bgp), PeeringOrigin.MANUAL, Labels.EMPTY, T, T));
        return this;
    }

    static Peering localPeering(String id, String n1, String n2) {
        return new Peering(new PeeringId(id), id, "", Optional.empty(), Optional.empty(), new NetworkId(n1), new NetworkId(n2),
                PeeringType.LOCAL, Optional.empty(), PeeringOrigin.MANUAL, Labels.EMPTY, T, T);
    }

    static List<MachineConnection> connections(String... switchPorts) {
        return Arrays.stream(switchPorts).map(sp -> {
            String[] parts = sp.split(":");
            return new MachineConnection(new SwitchId(parts[0]), new PortName(parts[1]));
        }).toList();
    }

    static List<IpPrefix> prefixes(String... texts) {
        return Arrays.stream(texts).map(IpPrefix::parse).toList();
    }

    static SwitchId sw(String id) {
        return new SwitchId(id);
    }

    static NetworkId net(String id) {
        return new NetworkId(id);
    }

    static PortName port(String name) {
        return new PortName(name);
    }
}
