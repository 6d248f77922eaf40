package io.metalstack.peering.vmlab;

import io.metalstack.peering.vmlab.LabFabric.Host;
import io.metalstack.peering.vmlab.LabFabric.Leaf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes what {@code lab.sh} reads from the share's {@code in/} directory before the guest boots (see lab.sh for the
 * list), and the guest's extra root files: the linked Java runtime in {@code /opt/jre} and metal-core as built
 * ({@code bin/metal-core}, {@code agent/target}) in {@code /opt/metal-peering}.
 */
final class LabInputs {
    private LabInputs() {}

    static void write(Path in, LabFabric fabric, String apiUrl, String token) {
        List<String> topology = new ArrayList<>();
        topology.add("netns add " + LabFabric.SPINE);
        topology.add("netns add " + LabFabric.EXIT);
        topology.add("netns add " + LabFabric.ISP);
        for (Leaf l : Leaf.values()) {
            topology.add("netns add " + l.id());
        }
        LabFabric.HOSTS.forEach(h -> topology.add("netns add " + h.ns()));
        for (Leaf l : Leaf.values()) {
            topology.add("link add " + l.spinePort() + " netns " + LabFabric.SPINE + " type veth peer name " + LabFabric.UPLINK + " netns " + l.id());
            // the leaf's management port, which its rendered interfaces file puts into VRF mgmt with its address
            topology.add("link add eth0 netns " + l.id() + " type dummy");
        }
        LabFabric.HOSTS.forEach(h -> topology.add("link add " + h.port() + " netns " + h.leaf().id() + " type veth peer name eth0 netns " + h.ns()));
        topology.add("link add " + LabFabric.EXIT_SPINE_PORT + " netns " + LabFabric.SPINE + " type veth peer name " + LabFabric.UPLINK
                + " netns " + LabFabric.EXIT);
        topology.add("link add " + LabFabric.EXIT_ISP_PORT + " netns " + LabFabric.EXIT + " type veth peer name eth0 netns " + LabFabric.ISP);

        Map<String, String> files = new TreeMap<>();
        files.put("topology.batch", lines(topology));
        files.put("leaves", lines(List.of(Leaf.values()).stream().map(l -> l.id() + " " + l.managementAddress()).toList()));
        files.put("hosts", lines(LabFabric.HOSTS.stream().map(Host::ns).toList()));
        files.put("routers", lines(List.of(LabFabric.SPINE, LabFabric.EXIT, LabFabric.ISP)));
        files.put("spine.frr.conf", spineConfig());
        files.put(LabFabric.EXIT + ".frr.conf", exitConfig());
        files.put(LabFabric.ISP + ".frr.conf", ispConfig());
        files.put("ns/" + LabFabric.EXIT + ".ip", exitWiring());
        files.put("ns/" + LabFabric.ISP + ".ip", lines(List.of("link set lo up", "addr add " + LabFabric.INTERNET_V4 + "/32 dev lo",
                "addr add " + LabFabric.INTERNET_V6 + "/128 dev lo", "link set eth0 up")));
        files.put("bgp-hosts", LabFabric.POD_HOST + "\n");
        files.put(LabFabric.POD_HOST + ".frr.conf", podHostConfig(fabric.address(LabFabric.host(LabFabric.POD_HOST), 4).orElseThrow()));
        files.put("ns/spine.ip", lines(concat(List.of("link set lo up"),
                concat(List.of(Leaf.values()).stream().map(l -> "link set " + l.spinePort() + " up").toList(),
                        List.of("link set " + LabFabric.EXIT_SPINE_PORT + " up")))));
        for (Leaf l : Leaf.values()) {
            List<String> wiring = new ArrayList<>();
            for (Host h : LabFabric.HOSTS) {
                if (h.leaf() != l) {
                    continue;
                }
                for (int family : List.of(4, 6)) {
                    String len = family == 4 ? "/32" : "/128";
                    String nodad = family == 4 ? "" : " nodad";
                    fabric.address(h, family).ifPresent(a -> wiring.add("addr add " + fabric.gateway(h, family) + len + " peer " + a + len
                            + " dev " + h.port() + nodad));
                    if (h.anycast()) {
                        wiring.add("addr add " + fabric.anycastGateway(h.net(), family) + len + " peer "
                                + fabric.anycast(h.net(), family) + len + " dev " + h.port() + nodad);
                    }
                }
            }
            files.put("ns/" + l.id() + ".ip", lines(wiring));
        }
        for (Host h : LabFabric.HOSTS) {
            List<String> setup = new ArrayList<>(List.of("link set lo up"));
            for (int family : List.of(4, 6)) {
                String len = family == 4 ? "/32" : "/128";
                String nodad = family == 4 ? "" : " nodad";
                fabric.address(h, family).ifPresent(a -> {
                    setup.add("addr add " + a + len + " peer " + fabric.gateway(h, family) + len + " dev eth0" + nodad);
                    if (h.anycast()) {
                        // on the NIC (IPv6 answers neighbour solicitations only for the NIC's own addresses), and the
                        // default route names the source: the machine's own pings never leave from the anycast address
                        // (the reply would go to the nearest holder)
                        setup.add("addr add " + fabric.anycast(h.net(), family) + len + " dev eth0" + nodad);
                    }
                });
            }
            if (h.ns().equals(LabFabric.POD_HOST)) {
                setup.add("addr add " + LabFabric.POD_ADDRESS + "/24 dev lo");
            }
            setup.add("link set eth0 up");
            for (int family : List.of(4, 6)) {
                fabric.address(h, family).ifPresent(a -> setup.add("route add " + (family == 4 ? "0.0.0.0/0" : "::/0") + " via "
                        + fabric.gateway(h, family) + " dev eth0 onlink src " + a));
            }
            files.put("ns/" + h.ns() + ".ip", lines(setup));
        }
        files.put("api-url", apiUrl + "\n");
        files.put("token", token + "\n");
        writeAll(in, files);
        try {
            Files.setPosixFilePermissions(in.resolve("token"), PosixFilePermissions.fromString("rw-------"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot protect " + in.resolve("token"), e);
        }
    }

    /**
     * The spine: BGP unnumbered to each leaf's uplink, IPv4 unicast (the leaves' loopbacks, their VTEP addresses) and
     * EVPN (the type-5 routes of every VRF), to each leaf's and the exit switch's uplink, as a metal-stack spine carries
     * them. The product renders the leaves; the spine's config is the lab's.
     */
    static String spineConfig() {
        List<String> c = new ArrayList<>(List.of("frr defaults datacenter", "hostname spine", "service integrated-vtysh-config", "!"));
        List<String> ports = concat(List.of(Leaf.values()).stream().map(Leaf::spinePort).toList(), List.of(LabFabric.EXIT_SPINE_PORT));
        for (String port : ports) {
            c.addAll(List.of("interface " + port, " ipv6 nd ra-interval 6", " no ipv6 nd suppress-ra", "exit", "!"));
        }
        c.addAll(List.of("router bgp " + LabFabric.SPINE_ASN, " bgp router-id 10.0.0.1", " bgp bestpath as-path multipath-relax",
                " neighbor FABRIC peer-group", " neighbor FABRIC remote-as external", " neighbor FABRIC timers 2 8"));
        for (String port : ports) {
            c.add(" neighbor " + port + " interface peer-group FABRIC");
        }
        c.addAll(List.of(" !", " address-family ipv4 unicast", "  neighbor FABRIC activate", " exit-address-family", " !",
                " address-family l2vpn evpn", "  neighbor FABRIC activate", " exit-address-family", "exit", "!"));
        return lines(c);
    }

    /**
     * The exit switch's kernel side: its VTEP address on lo, the internet VRF with its L3VNI (a VXLAN device in a bridge
     * of its own, the VRF's SVI, with a fixed MAC: the router MAC the leaves learn), the ISP port in the VRF, and the
     * VRF's unreachable defaults (as a switch's vrf-helper adds them).
     */
    static String exitWiring() {
        String vrf = "vrf" + LabFabric.INTERNET_VNI;
        String br = "br" + LabFabric.INTERNET_VNI;
        String vni = "vni" + LabFabric.INTERNET_VNI;
        int table = 1009;
        return lines(List.of("link set lo up", "addr add " + LabFabric.EXIT_VTEP + "/32 dev lo",
                "link add " + vrf + " type vrf table " + table, "link set " + vrf + " up",
                "route add unreachable default metric 4278198272 table " + table,
                "route add unreachable ::/0 metric 4278198272 table " + table,
                "link add " + br + " address 02:00:0a:00:00:15 type bridge", "link set " + br + " master " + vrf,
                "link add " + vni + " type vxlan id " + LabFabric.INTERNET_VNI + " local " + LabFabric.EXIT_VTEP + " dstport 4789 nolearning",
                "link set " + vni + " master " + br, "link set " + vni + " up", "link set " + br + " up",
                "link set " + LabFabric.EXIT_ISP_PORT + " master " + vrf, "link set " + LabFabric.EXIT_ISP_PORT + " up",
                "link set " + LabFabric.UPLINK + " up"));
    }

    /**
     * The exit switch's FRR, as an operator provisions it: BGP unnumbered to the spine (its VTEP address, EVPN), and in
     * the internet VRF a session to the ISP whose routes it advertises into EVPN as type-5 routes of VNI 104009; the
     * routes the leaves advertise in that VNI it passes on to the ISP.
     */
    static String exitConfig() {
        String vrf = "vrf" + LabFabric.INTERNET_VNI;
        String isp = LabFabric.EXIT_ISP_PORT;
        String up = LabFabric.UPLINK;
        return lines(List.of("frr defaults datacenter", "hostname " + LabFabric.EXIT, "service integrated-vtysh-config", "!",
                "vrf " + vrf, " vni " + LabFabric.INTERNET_VNI, "exit-vrf", "!",
                "interface " + up, " ipv6 nd ra-interval 6", " no ipv6 nd suppress-ra", "exit", "!",
                "interface " + isp + " vrf " + vrf, " ipv6 nd ra-interval 6", " no ipv6 nd suppress-ra", "exit", "!",
                "router bgp " + LabFabric.EXIT_ASN, " bgp router-id " + LabFabric.EXIT_VTEP, " bgp bestpath as-path multipath-relax",
                " neighbor " + up + " interface remote-as external", " neighbor " + up + " timers 2 8", " !",
                " address-family ipv4 unicast", "  network " + LabFabric.EXIT_VTEP + "/32", " exit-address-family", " !",
                " address-family l2vpn evpn", "  neighbor " + up + " activate", "  advertise-all-vni", " exit-address-family", "exit", "!",
                "router bgp " + LabFabric.EXIT_ASN + " vrf " + vrf, " bgp router-id " + LabFabric.EXIT_VTEP,
                " neighbor " + isp + " interface remote-as external", " neighbor " + isp + " timers 2 8", " !",
                " address-family ipv6 unicast", "  neighbor " + isp + " activate", " exit-address-family", " !",
                " address-family l2vpn evpn", "  advertise ipv4 unicast", "  advertise ipv6 unicast", " exit-address-family", "exit", "!"));
    }

    /** The ISP: announces the default route of both families and its host addresses to the exit switch. */
    static String ispConfig() {
        return lines(List.of("frr defaults datacenter", "hostname " + LabFabric.ISP, "service integrated-vtysh-config", "!",
                "interface eth0", " ipv6 nd ra-interval 6", " no ipv6 nd suppress-ra", "exit", "!",
                "router bgp " + LabFabric.ISP_ASN, " bgp router-id " + LabFabric.INTERNET_V4,
                " neighbor eth0 interface remote-as external", " neighbor eth0 timers 2 8", " !",
                " address-family ipv4 unicast", "  network " + LabFabric.INTERNET_V4 + "/32", "  neighbor eth0 default-originate",
                " exit-address-family", " !",
                " address-family ipv6 unicast", "  network " + LabFabric.INTERNET_V6 + "/128", "  neighbor eth0 activate",
                "  neighbor eth0 default-originate", " exit-address-family", "exit", "!"));
    }

    /**
     * A Kubernetes node's FRR, as metal-stack's machines run it: BGP unnumbered on its NIC to the leaf (the rendered
     * MACHINE session of the port's VRF), announcing the node's pod CIDR.
     */
    static String podHostConfig(String routerId) {
        return lines(List.of("frr defaults datacenter", "hostname " + LabFabric.POD_HOST, "service integrated-vtysh-config", "!",
                "interface eth0", " ipv6 nd ra-interval 6", " no ipv6 nd suppress-ra", "exit", "!",
                "router bgp " + LabFabric.POD_HOST_ASN, " bgp router-id " + routerId, " neighbor eth0 interface remote-as external",
                " neighbor eth0 timers 2 8", " !", " address-family ipv4 unicast", "  network " + LabFabric.POD_CIDR,
                " exit-address-family", "exit", "!"));
    }

    /** Copies the linked runtime and metal-core as built into {@code extra} (the guest's /opt). */
    static void guestFiles(Path extra, Path javaRuntime, Path projectRoot) {
        Path agentTarget = projectRoot.resolve("agent/target");
        Path metalCore = projectRoot.resolve("bin/metal-core");
        if (!Files.isDirectory(agentTarget.resolve("lib")) || !Files.isExecutable(metalCore)) {
            throw new IllegalStateException("vmlab: metal-core is not built: " + agentTarget + "/lib or " + metalCore
                    + " is missing (the build packages the agent module before this one)");
        }
        Path opt = extra.resolve("opt");
        Path product = opt.resolve("metal-peering");
        try {
            Files.createDirectories(product.resolve("bin"));
            Files.createDirectories(product.resolve("agent"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + product, e);
        }
        Command.run(List.of("cp", "-a", javaRuntime.toString(), opt.resolve("jre").toString()), Duration.ofMinutes(1));
        Command.run(List.of("cp", "-a", metalCore.toString(), product.resolve("bin/metal-core").toString()), Duration.ofMinutes(1));
        Command.run(List.of("sh", "-c", "mkdir -p \"$2/target\" && cp -a \"$1\"/agent-*.jar \"$1/lib\" \"$2/target/\" && rm -f \"$2\"/target/*-tests.jar",
                "sh", agentTarget.toString(), product.resolve("agent").toString()), Duration.ofMinutes(1));
    }

    static void writeAll(Path dir, Map<String, String> files) {
        try {
            for (Map.Entry<String, String> f : files.entrySet()) {
                Path file = dir.resolve(f.getKey());
                Files.createDirectories(file.getParent());
                Files.writeString(file, f.getValue(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the lab inputs to " + dir, e);
        }
    }

    static String lines(List<String> lines) {
        return lines.isEmpty() ? "" : String.join("\n", lines) + "\n";
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
