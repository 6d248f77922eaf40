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

        Map<String, String> files = new TreeMap<>();
        files.put("topology.batch", lines(topology));
        files.put("leaves", lines(List.of(Leaf.values()).stream().map(l -> l.id() + " " + l.managementAddress()).toList()));
        files.put("hosts", lines(LabFabric.HOSTS.stream().map(Host::ns).toList()));
        files.put("spine.frr.conf", spineConfig());
        files.put("bgp-hosts", LabFabric.POD_HOST + "\n");
        files.put(LabFabric.POD_HOST + ".frr.conf", podHostConfig(fabric.address(LabFabric.host(LabFabric.POD_HOST), 4).orElseThrow()));
        files.put("ns/spine.ip", lines(concat(List.of("link set lo up"),
                List.of(Leaf.values()).stream().map(l -> "link set " + l.spinePort() + " up").toList())));
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
     * EVPN (the type-5 routes of every VRF), as a metal-stack spine carries them. The product renders leaves and exit
     * switches; the spine's config is the lab's.
     */
    static String spineConfig() {
        List<String> c = new ArrayList<>(List.of("frr defaults datacenter", "hostname spine", "service integrated-vtysh-config", "!"));
        for (Leaf l : Leaf.values()) {
            c.addAll(List.of("interface " + l.spinePort(), " ipv6 nd ra-interval 6", " no ipv6 nd suppress-ra", "exit", "!"));
        }
        c.addAll(List.of("router bgp " + LabFabric.SPINE_ASN, " bgp router-id 10.0.0.1", " bgp bestpath as-path multipath-relax",
                " neighbor FABRIC peer-group", " neighbor FABRIC remote-as external", " neighbor FABRIC timers 2 8"));
        for (Leaf l : Leaf.values()) {
            c.add(" neighbor " + l.spinePort() + " interface peer-group FABRIC");
        }
        c.addAll(List.of(" !", " address-family ipv4 unicast", "  neighbor FABRIC activate", " exit-address-family", " !",
                " address-family l2vpn evpn", "  neighbor FABRIC activate", " exit-address-family", "exit", "!"));
        return lines(c);
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
