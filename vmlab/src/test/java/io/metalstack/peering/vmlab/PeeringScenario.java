package io.metalstack.peering.vmlab;

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
import java.util.Set;
import java.util.TreeSet;

/**
 * Issue 7's scenario as the product sees it (an {@link Inventory} for the planner) and as the lab wires it (hosts
 * with addresses), with the expectations written down independently of the planner: a VRF holds its own machines
 * and those of the networks it is directly peered with, nothing else.
 *
 * <p>Networks A, B and C of project one; S, a shared network of project two. Peerings A–B, A–S and B–C; A and C are
 * not peered (and must not reach each other through B). Each leaf has one machine of every network. A "rogue"
 * machine of B on leaf01 uses an address outside B's prefixes: its route is in VRF B with B's origin, so only the
 * import prefix-lists keep it out of B's peers (in production the leaf's inbound prefix-list would already drop
 * such an announcement; in the lab the machine's route is connected, so the import filter is the last guard).
 *
 * <p>A machine in the lab is a network namespace with its address as a /32 towards a gateway address on the leaf
 * port ({@code ip addr add GW/32 peer ADDRESS/32}): the leaf sees the machine's /32 as a connected route in the
 * port's VRF, which the rendered {@code redistribute connected} tags with the VRF's origin community, as it would
 * the route a real machine announces over BGP (the lab runs no BGP speaker per machine: too slow under TCG).
 */
final class PeeringScenario {
    static final Instant T = Instant.parse("2026-01-01T00:00:00Z");
    static final SwitchId LEAF1 = new SwitchId("leaf01");
    static final SwitchId LEAF2 = new SwitchId("leaf02");
    static final List<SwitchId> LEAVES = List.of(LEAF1, LEAF2);

    /**
     * What the agent of each leaf is configured with, as on a switch: its management port eth0 with a static address
     * in VRF mgmt (a lab leaf has no DHCP server to ask). No gateway: the lab's eth0 is a dummy device with no router
     * behind it, and ifupdown2 reports no gateway it could not reach (`ifquery -c`).
     */
    static io.metalstack.peering.frr.SwitchLocal switchLocal(SwitchId leaf) {
        return io.metalstack.peering.frr.SwitchLocal.builder()
                .managementAddress(io.metalstack.peering.model.InterfaceAddress.parse("192.168.101." + (11 + LEAVES.indexOf(leaf)) + "/24"))
                .build();
    }
    static final PortName UPLINK = new PortName("swp31");
    static final PartitionId PARTITION = new PartitionId("lab");
    static final ProjectId ONE = new ProjectId("project-one");
    static final ProjectId TWO = new ProjectId("project-two");

    /** The scenario's networks: VNI, prefix, project and type. */
    enum Net {
        A(101, "10.1.1.0/24", ONE, NetworkType.CHILD),
        B(102, "10.1.2.0/24", ONE, NetworkType.CHILD),
        C(103, "10.1.3.0/24", ONE, NetworkType.CHILD),
        S(201, "10.2.1.0/24", TWO, NetworkType.CHILD_SHARED);

        final Vni vni;
        final IpPrefix prefix;
        final ProjectId project;
        final NetworkType type;

        Net(int vni, String prefix, ProjectId project, NetworkType type) {
            this.vni = Vni.of(vni);
            this.prefix = IpPrefix.parse(prefix);
            this.project = project;
            this.type = type;
        }

        NetworkId id() {
            return new NetworkId("net-" + name().toLowerCase());
        }

        String vrf() {
            return vni.cumulusName();
        }
    }

    /** An unordered pair of peered networks. */
    record Pair(Net a, Net b) {
        static Pair of(Net x, Net y) {
            return x.compareTo(y) <= 0 ? new Pair(x, y) : new Pair(y, x);
        }

        PeeringId id() {
            return new PeeringId("peer-" + a.name().toLowerCase() + "-" + b.name().toLowerCase());
        }
    }

    static final Pair AB = Pair.of(Net.A, Net.B);
    static final Pair AS = Pair.of(Net.A, Net.S);
    static final Pair BC = Pair.of(Net.B, Net.C);
    static final Set<Pair> PEERED = Set.of(AB, AS, BC);

    /** A machine: its namespace, network, leaf port, address and the gateway address the leaf port carries. */
    record Host(String ns, Net net, SwitchId leaf, PortName port, Ipv4Address address, Ipv4Address gateway, boolean rogue) {
        IpPrefix route() {
            return IpPrefix.parse(address + "/32");
        }
    }

    static final List<Host> HOSTS = hosts();

    private static List<Host> hosts() {
        List<Host> out = new ArrayList<>();
        for (int l = 0; l < LEAVES.size(); l++) {
            int port = 1;
            for (Net n : Net.values()) {
                String base = n.prefix.toString().substring(0, n.prefix.toString().lastIndexOf('.') + 1);
                out.add(new Host(n.name().toLowerCase() + (l + 1), n, LEAVES.get(l), new PortName("swp" + port++),
                        new Ipv4Address(base + (11 + l)), new Ipv4Address(base + "1"), false));
            }
        }
        out.add(new Host("r1", Net.B, LEAF1, new PortName("swp5"), new Ipv4Address("10.99.0.11"), new Ipv4Address("10.99.0.1"), true));
        return List.copyOf(out);
    }

    private PeeringScenario() {}

    static Inventory inventory(Set<Pair> peered) {
        List<Network> networks = new ArrayList<>();
        for (Net n : Net.values()) {
            networks.add(new Network(n.id(), n.name(), "", Optional.of(PARTITION), Optional.of(n.project), Optional.empty(), n.type,
                    List.of(n.prefix), List.of(), Optional.of(n.vni), Map.of(), false, Labels.EMPTY, T, T));
        }
        List<Switch> switches = new ArrayList<>();
        for (int l = 0; l < LEAVES.size(); l++) {
            SwitchId id = LEAVES.get(l);
            List<SwitchPort> ports = new ArrayList<>(List.of(new SwitchPort(UPLINK, true)));
            HOSTS.stream().filter(h -> h.leaf().equals(id)).forEach(h -> ports.add(new SwitchPort(h.port(), false)));
            switches.add(new Switch(id, PARTITION, "rack" + (l + 1), "zone1", SwitchRole.LEAF, SwitchOs.CUMULUS,
                    Asn.of(4200000011L + l), new Ipv4Address("10.0.0." + (11 + l)), ports, T, T));
        }
        List<Machine> machines = HOSTS.stream().map(h -> new Machine(new MachineId("m-" + h.ns()), h.ns(), PARTITION, MachineRole.MACHINE,
                List.of(new MachineConnection(h.leaf(), h.port())),
                Optional.of(new Allocation(h.net().project, List.of(h.net().id()))), T, T)).toList();
        List<Peering> peerings = peered.stream().map(p -> new Peering(p.id(), p.id().toString(), "", Optional.of(p.a().project),
                Optional.of(PARTITION), p.a().id(), p.b().id(), PeeringType.LOCAL, Optional.empty(), PeeringOrigin.MANUAL,
                Labels.EMPTY, T, T)).toList();
        return new Inventory(List.of(new Partition(PARTITION, "lab", "", Labels.EMPTY, T, T)),
                List.of(project(ONE), project(TWO)), networks, switches, machines, peerings);
    }

    private static Project project(ProjectId id) {
        return new Project(id, id.toString(), "tenant", "", Labels.EMPTY, T, T);
    }

    /** Whether {@code from} may reach {@code to}: the same network, or directly peered networks (a rogue address is B's only). */
    static boolean reachable(Host from, Host to, Set<Pair> peered) {
        if (from.net() == to.net()) {
            return true;
        }
        return !from.rogue() && !to.rogue() && peered.contains(Pair.of(from.net(), to.net()));
    }

    /** "leaf vrf prefix" lines: every VRF (all four are on both leaves) holds its own and its direct peers' machines. */
    static TreeSet<String> expectedRoutes(Set<Pair> peered) {
        TreeSet<String> out = new TreeSet<>();
        for (SwitchId leaf : LEAVES) {
            for (Net vrf : Net.values()) {
                for (Host h : HOSTS) {
                    if (h.net() == vrf || (!h.rogue() && peered.contains(Pair.of(vrf, h.net())))) {
                        out.add(leaf + " " + vrf.vrf() + " " + h.route());
                    }
                }
            }
        }
        return out;
    }
}
