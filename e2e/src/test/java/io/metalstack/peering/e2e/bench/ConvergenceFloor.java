package io.metalstack.peering.e2e.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.metalstack.peering.agent.LabLeaf;
import io.metalstack.peering.agent.Main;
import io.metalstack.peering.api.MetalApiClient;
import io.metalstack.peering.api.V1Network;
import io.metalstack.peering.api.V1Peering;
import io.metalstack.peering.e2e.Fabric;
import io.metalstack.peering.server.launch.EmbeddedMetalApi;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Not a test: the floor {@link PeeringLatency} is compared with. The same leaf as PeeringLatency's FRR leaf
 * (lab, netns VRFs) is brought to its unpeered config by the agent; the agent applies the peering once, which shows
 * the lines a peering adds to {@code frr.conf}; the peering is deleted and the agent stopped. Then, per sample, those
 * added lines are pushed in one bare {@code vtysh} process (no rendering, no validation, no server) and
 * {@code show bgp vrf A ipv4 unicast json} is polled until B's prefix is there and valid; between samples the same
 * lines are removed again (and the leak awaited gone). The lab's {@code bgp route-map delay-timer} is 1 s, as in
 * PeeringLatency: route-map changes count in both.
 *
 * <p>Run as root with FRR installed: {@code java -cp <e2e test classpath> io.metalstack.peering.e2e.bench.ConvergenceFloor [samples=20]}
 */
public final class ConvergenceFloor {
    private static final String ADMIN = "bench-admin";

    private ConvergenceFloor() {}

    public static void main(String[] args) throws Exception {
        int samples = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        Path data = Files.createTempDirectory("bench-floor-");
        LabLeaf lab = LabLeaf.start("floor");
        try (EmbeddedMetalApi api = EmbeddedMetalApi.start(EmbeddedMetalApi.h2Url(data), ADMIN, 50)) {
            MetalApiClient admin = new MetalApiClient(api.url(), ADMIN);
            Fabric fabric = new Fabric(admin).base();
            fabric.leaf("leaf01", "Cumulus", 4200000001L, "10.0.0.1", List.of("swp1", "swp2"), "swp31");
            V1Network n1 = fabric.network("privnet1"), n2 = fabric.network("privnet2");
            fabric.machine("m1-leaf01", "leaf01", "swp1", n1);
            fabric.machine("m2-leaf01", "leaf01", "swp2", n2);
            String a = "vrf" + n1.vrf(), b = "vrf" + n2.vrf();
            lab.addVrf(a, "swp1", List.of(Fabric.host(n1)));
            lab.addVrf(b, "swp2", List.of(Fabric.host(n2)));
            lab.frr().fastRouteMapUpdates();
            List<String> agentArgs = new ArrayList<>(List.of("--switch", "leaf01", "--api-url", api.url().toString(),
                    "--token", fabric.infraToken(), "--observe-interval", "5s"));
            agentArgs.addAll(lab.agentArgs());
            String unpeered, peered;
            try (Main.Running agent = Main.start(agentArgs.toArray(String[]::new))) {
                PeeringLatency.awaitSynced(admin, List.of("leaf01"));
                unpeered = Files.readString(lab.configFile());
                V1Peering p = admin.peerings().create(new V1Peering(null, "floor", null, null, null, n1.id(), n2.id(), "local",
                        null, null, null, null, null, null));
                PeeringLatency.awaitSynced(admin, List.of("leaf01"));
                peered = Files.readString(lab.configFile());
                admin.peerings().delete(p.id());
                PeeringLatency.awaitSynced(admin, List.of("leaf01"));
            }
            List<String> push = commands(added(blocks(unpeered), blocks(peered)), false);
            List<String> undo = commands(added(blocks(unpeered), blocks(peered)), true);
            String prefixOfB = n2.prefixes().get(0);
            System.out.printf("pushing %d commands: %s%n", push.size(), push);
            long[] ms = new long[samples];
            String show = "show bgp vrf " + a + " ipv4 unicast json";
            for (int s = 0; s < samples; s++) {
                long t0 = System.nanoTime();
                vtysh(lab, push);
                while (!valid(lab.frr().json(show), prefixOfB)) {
                    if (System.nanoTime() - t0 > 60_000_000_000L) {
                        throw new IllegalStateException(prefixOfB + " not valid in " + a + " 60 s after the push: " + lab.frr().show(show));
                    }
                }
                ms[s] = (System.nanoTime() - t0) / 1_000_000;
                vtysh(lab, undo);
                long t1 = System.nanoTime();
                while (valid(lab.frr().json(show), prefixOfB)) {
                    if (System.nanoTime() - t1 > 60_000_000_000L) {
                        throw new IllegalStateException(prefixOfB + " still in " + a + " 60 s after the imports were removed");
                    }
                    Thread.sleep(10);
                }
            }
            Arrays.sort(ms);
            System.out.printf("floor samples=%d: bare vtysh push -> %s valid in %s p50=%d ms p99=%d ms min=%d ms max=%d ms%n", samples,
                    prefixOfB, a, ms[(samples - 1) / 2], ms[(int) Math.ceil(samples * 0.99) - 1], ms[0], ms[samples - 1]);
        } finally {
            lab.close();
        }
        System.exit(0);
    }

    /** One vtysh process, one {@code -c} per command (vtysh keeps the config node from one to the next). */
    private static void vtysh(LabLeaf lab, List<String> commands) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("vtysh", "--vty_socket", lab.socketDir().toString()));
        commands.forEach(c -> {
            cmd.add("-c");
            cmd.add(c);
        });
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (p.waitFor() != 0 || !out.isBlank()) {
            throw new IllegalStateException("vtysh " + commands + " failed (exit " + p.exitValue() + "): " + out);
        }
    }

    /** frr.conf as context (the enclosing header lines) to its lines, in file order. */
    static Map<List<String>, Set<String>> blocks(String config) {
        Map<List<String>, Set<String>> out = new LinkedHashMap<>();
        List<String> context = new ArrayList<>();
        for (String raw : config.split("\n")) {
            String line = raw.stripTrailing();
            int depth = line.length() - line.stripLeading().length();
            String text = line.strip();
            if (text.isEmpty() || text.equals("!") || text.startsWith("exit") || text.equals("end")) {
                continue;
            }
            while (context.size() > depth) {
                context.remove(context.size() - 1);
            }
            out.computeIfAbsent(List.copyOf(context), k -> new LinkedHashSet<>()).add(text);
            if (text.startsWith("router ") || text.startsWith("route-map ") || text.startsWith("vrf ") || text.startsWith("interface ")
                    || text.startsWith("address-family ")) {
                context.add(text);
            }
        }
        return out;
    }

    private static Map<List<String>, Set<String>> added(Map<List<String>, Set<String>> from, Map<List<String>, Set<String>> to) {
        Map<List<String>, Set<String>> out = new LinkedHashMap<>();
        to.forEach((context, lines) -> lines.stream().filter(l -> !from.getOrDefault(context, Set.of()).contains(l))
                .forEach(l -> out.computeIfAbsent(context, k -> new LinkedHashSet<>()).add(l)));
        return out;
    }

    /**
     * vtysh commands: top-level lines first, then route-map entries, then BGP; each context entered once and left.
     * Negated: the reverse, so that every sample pushes the same lines into the same unpeered state.
     */
    private static List<String> commands(Map<List<String>, Set<String>> blocks, boolean negate) {
        List<String> out = new ArrayList<>(List.of("configure terminal"));
        List<List<String>> order = new ArrayList<>(blocks.keySet());
        order.sort((x, y) -> negate ? Integer.compare(rank(y), rank(x)) : Integer.compare(rank(x), rank(y)));
        for (List<String> context : order) {
            if (negate && rank(context) == 1) {
                continue; // an entry's matches go with the entry
            }
            out.addAll(context);
            for (String line : blocks.get(context)) {
                out.add(negate ? "no " + line : line);
                if (!negate && context.isEmpty() && line.startsWith("route-map ")) {
                    out.add("exit");
                }
            }
            for (int i = context.size() - 1; i >= 0; i--) {
                out.add(context.get(i).startsWith("address-family") ? "exit-address-family" : "exit");
            }
        }
        out.add("end");
        return out;
    }

    private static int rank(List<String> context) {
        if (context.isEmpty()) {
            return 0;
        }
        return context.get(0).startsWith("route-map ") ? 1 : 2;
    }

    static boolean valid(JsonNode table, String prefix) {
        JsonNode paths = table.path("routes").path(prefix);
        for (JsonNode path : paths) {
            if (path.path("valid").asBoolean(false)) {
                return true;
            }
        }
        return false;
    }
}
