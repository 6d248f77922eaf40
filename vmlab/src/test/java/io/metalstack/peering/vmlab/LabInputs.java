package io.metalstack.peering.vmlab;

import io.metalstack.peering.model.SwitchId;
import io.metalstack.peering.vmlab.PeeringScenario.Host;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes what {@code lab.sh} reads from the share's {@code in/} directory: the topology (leaves, machines, the
 * fabric link between the leaves' uplinks), each leaf's rendered interfaces file (applied by ifupdown2 in the guest)
 * and its machine-port gateway addresses (lab wiring, added after the interfaces),
 * each machine's address and default route, the ping list, and per phase the rendered configs and expectations.
 * The interfaces are applied once, so every phase must render the same ones (a peering change does not touch them
 * when all four VRFs have machines on both leaves); a phase that changes them is refused here.
 */
final class LabInputs {
    static final String ROGUE_TARGET = "r1";

    private LabInputs() {}

    /** Writes {@code in/} for the given phases. */
    static void write(Path in, List<Host> hosts, List<LabPhase> phases) {
        if (phases.isEmpty()) {
            throw new IllegalArgumentException("a lab run needs at least one phase");
        }
        LabPhase first = phases.get(0);
        for (LabPhase p : phases) {
            if (!p.interfaces().equals(first.interfaces())) {
                throw new IllegalArgumentException("phase " + p.name() + " renders other interfaces files than phase " + first.name()
                        + ": the lab applies them once, before FRR starts; keep every VRF on the same leaves in all phases");
            }
        }
        List<SwitchId> leaves = List.copyOf(first.interfaces().keySet());

        List<String> topology = new ArrayList<>();
        leaves.forEach(l -> topology.add("netns add " + l));
        hosts.forEach(h -> topology.add("netns add " + h.ns()));
        if (leaves.size() == 2) {
            topology.add("link add " + PeeringScenario.UPLINK + " netns " + leaves.get(0) + " type veth peer name "
                    + PeeringScenario.UPLINK + " netns " + leaves.get(1));
        }
        hosts.forEach(h -> topology.add("link add " + h.port() + " netns " + h.leaf() + " type veth peer name eth0 netns " + h.ns()));
        // each leaf's management port, which its rendered interfaces file puts into VRF mgmt with its address
        leaves.forEach(l -> topology.add("link add eth0 netns " + l + " type dummy"));

        Map<String, String> files = new TreeMap<>();
        files.put("topology.batch", lines(topology));
        files.put("leaves", lines(leaves.stream().map(SwitchId::toString).toList()));
        for (SwitchId leaf : leaves) {
            files.put("ns/" + leaf + ".interfaces", first.interfaces().get(leaf));
            files.put("ns/" + leaf + ".ip", lines(hosts.stream().filter(h -> h.leaf().equals(leaf))
                    .map(h -> "addr add " + h.gateway() + "/32 peer " + h.address() + "/32 dev " + h.port()).toList()));
        }
        for (Host h : hosts) {
            files.put("ns/" + h.ns() + ".ip", lines(List.of("link set lo up",
                    "addr add " + h.address() + "/32 peer " + h.gateway() + "/32 dev eth0", "link set eth0 up",
                    "route add default via " + h.gateway() + " dev eth0")));
        }
        List<String> pings = new ArrayList<>();
        for (Host from : hosts) {
            for (Host to : hosts) {
                if (from != to) {
                    pings.add(from.ns() + " " + to.ns() + " " + to.address());
                }
            }
        }
        files.put("pings", lines(pings));
        files.put("phases", lines(phases.stream().map(LabPhase::name).toList()));
        for (LabPhase p : phases) {
            p.frrConf().forEach((leaf, conf) -> files.put("phase/" + p.name() + "/" + leaf + ".frr.conf", conf));
            files.put("phase/" + p.name() + "/expected", lines(List.copyOf(p.expectedRoutes())));
        }
        try {
            for (Map.Entry<String, String> f : files.entrySet()) {
                Path file = in.resolve(f.getKey());
                Files.createDirectories(file.getParent());
                Files.writeString(file, f.getValue(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the lab inputs to " + in, e);
        }
    }

    private static String lines(List<String> lines) {
        return lines.isEmpty() ? "" : String.join("\n", lines) + "\n";
    }
}
