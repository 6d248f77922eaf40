package io.metalstack.peering.vmlab;

import io.metalstack.peering.api.MetalApiClient;
import io.metalstack.peering.api.V1Machine;
import io.metalstack.peering.api.V1MachineAllocation;
import io.metalstack.peering.api.V1MachineConnection;
import io.metalstack.peering.api.V1Network;
import io.metalstack.peering.api.V1NetworkAllocateRequest;
import io.metalstack.peering.api.V1Partition;
import io.metalstack.peering.api.V1Peering;
import io.metalstack.peering.api.V1Project;
import io.metalstack.peering.api.V1Switch;
import io.metalstack.peering.api.V1SwitchPort;
import io.metalstack.peering.api.V1TokenCreateRequest;
import io.metalstack.peering.model.Labels;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The data-plane lab's fabric as metal-api holds it, seeded through the API as an operator and a tenant would, and
 * the expectations written down independently of the planner: a VRF holds its own network's machines and those of
 * the networks it is directly peered with, nothing else.
 *
 * <p>Three Cumulus leaves under one spine (BGP unnumbered, EVPN): leaf01 and leaf02 in zone {@code zone-a}, leaf03 in
 * {@code zone-b}. Networks of one project, dual-stack (IPv4 /22 and IPv6 /64 from the super network):
 * <ul>
 *   <li>A: machine a1 on leaf01 only;</li>
 *   <li>B: b2 on leaf02 (zone-a) and b3 on leaf03 (zone-b), both also holding B's anycast address; never on leaf01,
 *       so leaf01 carries B's VRF without a port once A and B are peered (and leaf02/leaf03 carry A's);</li>
 *   <li>C: c1 on leaf01, never peered: nothing may reach it or leave it;</li>
 *   <li>D: d2 on leaf02, and the rogue r2 on leaf02 in D's VRF with an address outside D's prefixes (only the import
 *       prefix-lists keep it out of D's peers).</li>
 * </ul>
 *
 * <p>The exit switch {@code exit01} hangs off the spine like a leaf. Its config is the lab's, as an exit switch's is the
 * operator's in metal-stack (the product renders the exit only for external peerings with a BGP session): the
 * internet VRF (VNI 104009) in EVPN, and a BGP session in that VRF to an ISP, the namespace {@code inet}, which
 * announces the default route of both families and a host address of its own in each. The API holds the internet as an
 * external, peerable network with NAT; a private network peered with it reaches the internet over its routable IPv6
 * and not over its private-use IPv4.
 *
 * <p>A machine is a network namespace with its addresses as /32 and /128 towards gateway addresses on the leaf port
 * ({@code ip addr add GW peer ADDRESS}): the leaf sees each as a connected route in the port's VRF, which the rendered
 * {@code redistribute connected} tags with the VRF's origin and zone, as it would the routes a machine announces.
 */
final class LabFabric {
    static final String PARTITION = "lab";
    static final String PROJECT = "p1";
    static final String UPLINK = "swp31";
    static final String SPINE = "spine";
    static final long SPINE_ASN = 4200000001L;

    static final String EXIT = "exit01";
    static final long EXIT_ASN = 4200000021L;
    /** The exit's router id and VTEP address. */
    static final String EXIT_VTEP = "10.0.0.21";
    /** The spine port the exit's uplink is cabled to (the leaves have swp1..swp3). */
    static final String EXIT_SPINE_PORT = "swp4";
    /** The exit's port to the ISP, in the internet VRF. */
    static final String EXIT_ISP_PORT = "swp1";
    static final String INTERNET = "internet";
    static final int INTERNET_VNI = 104009;
    /** The ISP's namespace, behind the exit switch. */
    static final String ISP = "inet";
    static final long ISP_ASN = 64496L;
    /** The ISP's host addresses: a host on the internet. */
    static final String INTERNET_V4 = "203.0.113.1";
    static final String INTERNET_V6 = "2001:db8:ffff::1";

    /** A leaf: its zone, ASN, router id (also its VTEP address) and management address. */
    enum Leaf {
        LEAF01("zone-a", 11), LEAF02("zone-a", 12), LEAF03("zone-b", 13);

        final String zone;
        final int n;

        Leaf(String zone, int n) {
            this.zone = zone;
            this.n = n;
        }

        String id() {
            return name().toLowerCase();
        }

        long asn() {
            return 4200000000L + n;
        }

        String routerId() {
            return "10.0.0." + n;
        }

        String managementAddress() {
            return "192.168.101." + n + "/24";
        }

        /** The spine port this leaf's uplink is cabled to. */
        String spinePort() {
            return "swp" + (ordinal() + 1);
        }
    }

    enum Net { A, B, C, D }

    /** A machine: its namespace, network, leaf and port, whether it holds its network's anycast address, whether it is rogue. */
    record Host(String ns, Net net, Leaf leaf, String port, boolean anycast, boolean rogue) {}

    static final List<Host> HOSTS = List.of(
            new Host("a1", Net.A, Leaf.LEAF01, "swp1", false, false),
            new Host("c1", Net.C, Leaf.LEAF01, "swp2", false, false),
            new Host("b2", Net.B, Leaf.LEAF02, "swp1", true, false),
            new Host("d2", Net.D, Leaf.LEAF02, "swp2", false, false),
            new Host("r2", Net.D, Leaf.LEAF02, "swp3", false, true),
            new Host("b3", Net.B, Leaf.LEAF03, "swp1", true, false));

    /**
     * a1 is a Kubernetes node: its own FRR announces a pod CIDR over BGP unnumbered to leaf01 (the rendered MACHINE
     * session), which A's {@code additionalannouncablecidrs} admit; the pod address is on its {@code lo}.
     */
    static final String POD_HOST = "a1";
    static final String POD_CIDR = "10.244.0.0/24";
    static final String POD_ADDRESS = "10.244.0.1";
    static final long POD_HOST_ASN = 4200099001L;
    static final String ROGUE_ADDRESS = "10.99.0.12";
    static final String ROGUE_GATEWAY = "10.99.0.1";

    private final MetalApiClient admin;
    private final Map<Net, V1Network> networks = new EnumMap<>(Net.class);

    private LabFabric(MetalApiClient admin) {
        this.admin = admin;
    }

    /** Creates partition, project, the dual-stack super network, the leaves, the networks and the machines. */
    static LabFabric seed(MetalApiClient admin) {
        LabFabric f = new LabFabric(admin);
        admin.partitions().create(new V1Partition(PARTITION, "vmlab", null, null, null, null));
        admin.projects().create(new V1Project(PROJECT, "project one", "t1", null, null, null, null));
        admin.networks().create(new V1Network("super-lab", "super-lab", null, PARTITION, null, null, "super",
                List.of("10.64.0.0/16", "2001:db8::/48"), null, null, Map.of("IPv4", 22, "IPv6", 64), null, null, null, null, null));
        // as metal-stack's internet network: external, peerable, NAT, the default routes as destinations
        admin.networks().create(new V1Network(INTERNET, INTERNET, "the internet, behind exit01", null, null, null, "external",
                List.of("185.1.2.0/24"), List.of("0.0.0.0/0", "::/0"), INTERNET_VNI, null, true, null,
                Map.of(Labels.PEERABLE, "true"), null, null));
        for (Leaf l : Leaf.values()) {
            List<V1SwitchPort> ports = new ArrayList<>();
            HOSTS.stream().filter(h -> h.leaf() == l).forEach(h -> ports.add(new V1SwitchPort(h.port(), false, null)));
            ports.add(new V1SwitchPort(UPLINK, true, null));
            admin.switches().create(new V1Switch(l.id(), PARTITION, "rack-" + l.id(), l.zone, "leaf", "Cumulus", l.asn(), l.routerId(),
                    ports, null, null));
        }
        for (Net n : Net.values()) {
            f.networks.put(n, admin.allocateNetwork(new V1NetworkAllocateRequest("net-" + n.name().toLowerCase(), null, PARTITION, PROJECT,
                    false, null, null, null)));
        }
        // the admin lets A's machines announce their pod CIDR (a tenant may not)
        V1Network a = f.networks.get(Net.A);
        f.networks.put(Net.A, admin.networks().update(new V1Network(a.id(), a.name(), a.description(), a.partitionid(), a.projectid(),
                a.parentnetworkid(), a.networktype(), a.prefixes(), a.destinationprefixes(), a.vrf(), a.defaultchildprefixlength(),
                a.nat(), a.shared(), a.labels(), a.created(), a.changed(), List.of(POD_CIDR))));
        for (Host h : HOSTS) {
            admin.machines().create(new V1Machine("m-" + h.ns(), h.ns(), PARTITION, "machine",
                    List.of(new V1MachineConnection(h.leaf().id(), h.port())), null, null, null));
            admin.allocateMachine("m-" + h.ns(), new V1MachineAllocation(PROJECT, List.of(f.network(h.net()).id())));
        }
        return f;
    }

    String infraToken() {
        return admin.createToken(new V1TokenCreateRequest("infra", null, "vmlab agents")).secret();
    }

    V1Network network(Net n) {
        return networks.get(n);
    }

    /** The Cumulus VRF name of a network on the leaves. */
    String vrf(Net n) {
        return "vrf" + network(n).vrf();
    }

    V1Peering peer(Net a, Net b) {
        return admin.peerings().create(new V1Peering(null, "peer-" + a.name().toLowerCase() + "-" + b.name().toLowerCase(), null, PROJECT,
                PARTITION, network(a).id(), network(b).id(), "local", null, null, null, null, null, null));
    }

    /** A tenant's peering of its network with the internet (no BGP block: the exit's internet VRF is the operator's). */
    V1Peering peerInternet(Net n) {
        return admin.peerings().create(new V1Peering(null, "peer-" + n.name().toLowerCase() + "-internet", null, PROJECT,
                PARTITION, network(n).id(), INTERNET, "local", null, null, null, null, null, null));
    }

    void unpeer(V1Peering p) {
        admin.peerings().delete(p.id());
    }

    /** The network's prefix of one family: 4 or 6. */
    String prefix(Net n, int family) {
        return network(n).prefixes().stream().filter(p -> p.contains(":") == (family == 6)).findFirst()
                .orElseThrow(() -> new IllegalStateException("network " + n + " has no IPv" + family + " prefix: " + network(n).prefixes()));
    }

    /** A host's own address of one family (none for a rogue's IPv6: it has an IPv4 address outside its network only). */
    Optional<String> address(Host h, int family) {
        if (h.rogue()) {
            return family == 4 ? Optional.of(ROGUE_ADDRESS) : Optional.empty();
        }
        return Optional.of(nth(prefix(h.net(), family), 10 + HOSTS.indexOf(h)));
    }

    String gateway(Host h, int family) {
        return h.rogue() ? ROGUE_GATEWAY : nth(prefix(h.net(), family), 1);
    }

    String anycast(Net n, int family) {
        return nth(prefix(n, family), 100);
    }

    /** The leaf-port address towards a holder's anycast address. */
    String anycastGateway(Net n, int family) {
        return nth(prefix(n, family), 2);
    }

    static Host host(String ns) {
        return HOSTS.stream().filter(h -> h.ns().equals(ns)).findFirst().orElseThrow(() -> new IllegalArgumentException("no host " + ns));
    }

    /**
     * The "leaf vrf" pairs whose tables are checked: each network's VRF on each leaf where it has a machine. (A VRF a
     * leaf carries only to import a peer's routes has no machine to reach and is the planner's business.)
     */
    TreeSet<String> checkedTables() {
        TreeSet<String> out = new TreeSet<>();
        HOSTS.forEach(h -> out.add(h.leaf().id() + " " + vrf(h.net())));
        return out;
    }

    /**
     * "leaf vrf prefix" for every checked table: its network's online machines (with the pod host's pod CIDR) (the rogue included: it is in the VRF) and the
     * non-rogue machines of the directly peered networks, each family, and the anycast address while one of its
     * holders is online; and the IPv6 gateway
     * addresses of the table's own machine ports on that leaf (lab wiring the kernel routes as /128s in the VRF).
     */
    TreeSet<String> expectedRoutes(Set<Set<Net>> peered, Set<String> offline) {
        return expectedRoutes(peered, offline, Set.of());
    }

    /**
     * As {@link #expectedRoutes(Set, Set)}, and in the tables of the networks peered with the internet its IPv6 default
     * route (exactly {@code ::/0}: the ISP's own host routes stay in the internet VRF; no IPv4: the network's IPv4 is
     * private-use and the internet needs NAT).
     */
    TreeSet<String> expectedRoutes(Set<Set<Net>> peered, Set<String> offline, Set<Net> internetPeers) {
        TreeSet<String> out = new TreeSet<>();
        for (String table : checkedTables()) {
            String leaf = table.substring(0, table.indexOf(' '));
            Net vrfNet = HOSTS.stream().filter(h -> (h.leaf().id() + " " + vrf(h.net())).equals(table)).findFirst().orElseThrow().net();
            if (internetPeers.contains(vrfNet)) {
                out.add(table + " ::/0");
            }
            for (Host h : HOSTS) {
                boolean visible = h.net() == vrfNet || (!h.rogue() && peered.contains(Set.of(vrfNet, h.net())));
                if (!visible || offline.contains(h.ns())) {
                    continue;
                }
                String in = leaf + " " + vrf(vrfNet) + " ";
                if (h.ns().equals(POD_HOST)) {
                    out.add(in + POD_CIDR);
                }
                for (int family : List.of(4, 6)) {
                    address(h, family).ifPresent(a -> out.add(in + a + (family == 4 ? "/32" : "/128")));
                    if (h.anycast()) {
                        out.add(in + anycast(h.net(), family) + (family == 4 ? "/32" : "/128"));
                    }
                }
                // an IPv6 address with a peer also routes its own /128 (IPv4 only the peer's): the leaf port's gateway
                // addresses are in their VRF's table on that leaf (a local route to FRR, never advertised)
                if (!h.rogue() && h.net() == vrfNet && h.leaf().id().equals(leaf)) {
                    out.add(in + gateway(h, 6) + "/128");
                    if (h.anycast()) {
                        out.add(in + anycastGateway(h.net(), 6) + "/128");
                    }
                }
            }
        }
        return out;
    }

    /**
     * Whether {@code from} may reach {@code to}: both online, and the same network or directly peered networks (a rogue
     * only its own).
     */
    static boolean reachable(Host from, Host to, Set<Set<Net>> peered, Set<String> offline) {
        if (offline.contains(from.ns()) || offline.contains(to.ns())) {
            return false;
        }
        if (from.net() == to.net()) {
            return true;
        }
        return !from.rogue() && !to.rogue() && peered.contains(Set.of(from.net(), to.net()));
    }

    /**
     * Whether a machine and the internet host reach each other in one family: the machine online, not rogue, its
     * network peered with the internet, and IPv6 (its routable family; its IPv4 is private-use).
     */
    static boolean reachesInternet(Host h, int family, Set<Net> internetPeers, Set<String> offline) {
        return family == 6 && !h.rogue() && !offline.contains(h.ns()) && internetPeers.contains(h.net());
    }

    static String internetAddress(int family) {
        return family == 4 ? INTERNET_V4 : INTERNET_V6;
    }

    /** The {@code n}th address of a prefix (its network address plus n), in canonical text form. */
    static String nth(String prefix, int n) {
        try {
            byte[] base = InetAddress.getByName(prefix.substring(0, prefix.indexOf('/'))).getAddress();
            byte[] sum = new BigInteger(1, base).add(BigInteger.valueOf(n)).toByteArray();
            byte[] out = new byte[base.length];
            int copy = Math.min(sum.length, out.length);
            System.arraycopy(sum, sum.length - copy, out, out.length - copy, copy);
            String text = InetAddress.getByAddress(out).getHostAddress();
            return base.length == 16 ? canonicalIpv6(text) : text;
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an address prefix: " + prefix, e);
        }
    }

    /** RFC 5952 text of an IPv6 address, as iproute2 prints it (Java prints every group, uncompressed). */
    static String canonicalIpv6(String full) {
        String[] groups = full.split(":");
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < groups.length; i++) {
            int j = i;
            while (j < groups.length && Integer.parseInt(groups[j], 16) == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
        }
        List<String> parts = new ArrayList<>();
        for (String g : groups) {
            parts.add(Integer.toHexString(Integer.parseInt(g, 16)));
        }
        if (bestStart < 0) {
            return String.join(":", parts);
        }
        return String.join(":", parts.subList(0, bestStart)) + "::" + String.join(":", parts.subList(bestStart + bestLen, parts.size()));
    }
}
