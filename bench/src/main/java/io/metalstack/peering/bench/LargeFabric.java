package io.metalstack.peering.bench;

import io.metalstack.peering.model.Allocation;
import io.metalstack.peering.model.Asn;
import io.metalstack.peering.model.IpPrefix;
import io.metalstack.peering.model.Ipv4Address;
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
import io.metalstack.peering.model.plan.Inventory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The benchmark's fabric, built deterministically: {@code leaves} leaves in one partition (half SONiC, half Cumulus,
 * four zones), two projects per leaf with {@value #NETWORKS_PER_PROJECT} networks each (every other one
 * dual-stack), each project's networks on a window of four leaves with two machine ports per network, and per
 * project {@value #PEERINGS_PER_PROJECT} peerings (every network with its next two, the first half also with its
 * third): with 1,000 leaves (the scale of the performance goals) that is 2,000 projects, 20,000 networks, 40,000 machines and
 * 50,000 peerings; every leaf hosts the same share (8 projects, 40 machine ports) at any size.
 */
final class LargeFabric {
    static final int NETWORKS_PER_PROJECT = 10;
    static final int PEERINGS_PER_PROJECT = 25;
    private static final int WINDOW = 4;
    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");
    private static final PartitionId PARTITION = new PartitionId("fra-equ01");

    private LargeFabric() {}

    /** The scale the performance goals are set for: 1,000 leaves, 20,000 networks, 50,000 peerings. */
    static final int GOAL_LEAVES = 1000;

    static Inventory build(int leaves) {
        int projects = 2 * leaves;
        List<Switch> switches = new ArrayList<>();
        for (int l = 0; l < leaves; l++) {
            List<SwitchPort> ports = new ArrayList<>();
            ports.add(new SwitchPort(new PortName("Ethernet120"), true));
            ports.add(new SwitchPort(new PortName("Ethernet124"), true));
            for (int p = 0; p < 96; p++) {
                ports.add(new SwitchPort(new PortName("Ethernet" + p), false));
            }
            switches.add(new Switch(leaf(l), PARTITION, "rack" + l, "zone" + (l % 4), SwitchRole.LEAF,
                    l % 2 == 0 ? SwitchOs.SONIC : SwitchOs.CUMULUS, Asn.of(4200000000L + l),
                    new Ipv4Address("10.0." + (l / 250) + "." + (l % 250 + 1)), ports, T, T));
        }
        List<Project> projectList = new ArrayList<>();
        List<Network> networks = new ArrayList<>();
        List<Machine> machines = new ArrayList<>();
        List<Peering> peerings = new ArrayList<>();
        int[] nextPort = new int[leaves];
        for (int k = 0; k < projects; k++) {
            ProjectId project = new ProjectId("project-" + k);
            projectList.add(new Project(project, "project " + k, "tenant", "", Labels.EMPTY, T, T));
            int base = (k * WINDOW) % leaves;
            for (int i = 0; i < NETWORKS_PER_PROJECT; i++) {
                int n = k * NETWORKS_PER_PROJECT + i;
                List<IpPrefix> prefixes = new ArrayList<>();
                prefixes.add(IpPrefix.parse("10." + (n / 256) + "." + (n % 256) + ".0/24"));
                if (n % 2 == 0) {
                    prefixes.add(IpPrefix.parse("2001:db8:" + Integer.toHexString(n) + "::/64"));
                }
                networks.add(new Network(network(n), "net " + n, "", Optional.of(PARTITION), Optional.of(project), Optional.empty(),
                        NetworkType.CHILD, prefixes, List.of(), Optional.of(Vni.of(1000 + n)), Map.of(), false, Labels.EMPTY, T, T));
                for (int side = 0; side < 2; side++) {
                    int l = (base + (i + side) % WINDOW) % leaves;
                    MachineConnection c = new MachineConnection(leaf(l), new PortName("Ethernet" + nextPort[l]++));
                    machines.add(new Machine(new MachineId("m-" + n + "-" + side), "", PARTITION, MachineRole.MACHINE, List.of(c),
                            Optional.of(new Allocation(project, List.of(network(n)))), T, T));
                }
            }
            for (int i = 0; i < NETWORKS_PER_PROJECT; i++) {
                for (int d = 1; d <= 3; d++) {
                    if (d == 3 && i >= NETWORKS_PER_PROJECT / 2) {
                        continue;
                    }
                    int a = k * NETWORKS_PER_PROJECT + i;
                    int b = k * NETWORKS_PER_PROJECT + (i + d) % NETWORKS_PER_PROJECT;
                    peerings.add(peering("peering-" + a + "-" + b, a, b));
                }
            }
        }
        return new Inventory(List.of(new Partition(PARTITION, "fra-equ01", "", Labels.EMPTY, T, T)), projectList, networks,
                switches, machines, peerings);
    }

    /** A peering of two networks of project 0 that the fabric does not hold yet (0 and 5: the fabric peers each with its next two or three). */
    static Peering extraPeering() {
        return peering("peering-extra", 0, 5);
    }

    private static Peering peering(String id, int a, int b) {
        return new Peering(new PeeringId(id), "", "", Optional.empty(), Optional.of(PARTITION), network(a), network(b),
                PeeringType.LOCAL, Optional.empty(), PeeringOrigin.MANUAL, Labels.EMPTY, T, T);
    }

    static SwitchId leaf(int l) {
        return new SwitchId(String.format("leaf%03d", l));
    }

    static NetworkId network(int n) {
        return new NetworkId("net-" + n);
    }
}
