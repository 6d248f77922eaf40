package io.metalstack.peering.e2e.bench;

import io.metalstack.peering.agent.LabLeaf;
import io.metalstack.peering.agent.Main;
import io.metalstack.peering.api.MetalApiClient;
import io.metalstack.peering.api.V1Network;
import io.metalstack.peering.api.V1Peering;
import io.metalstack.peering.api.V1Switch;
import io.metalstack.peering.api.fixture.PeeringRequest;
import io.metalstack.peering.e2e.Fabric;
import io.metalstack.peering.server.launch.EmbeddedMetalApi;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Not a test: measures the time from a peering create's 201 to the peering's {@code active} phase, p50 and p99, with
 * N agents, the first {@code frr} of them driving real FRR (lab, netns VRFs), the rest writing into directories. Every
 * leaf hosts a machine of both networks, so every agent takes part in every peering. Each sample creates the peering,
 * polls its phase every 10 ms until active, then deletes it and waits until every switch has synced the delete.
 *
 * <p>Run as root with FRR installed, after {@code mvn -pl e2e -am test-compile}:
 * {@code java -cp <e2e test classpath> io.metalstack.peering.e2e.bench.PeeringLatency [frr=2] [samples=20] [agents=2,10,50]}
 */
public final class PeeringLatency {
    private static final String ADMIN = "bench-admin";

    public static void main(String[] args) throws Exception {
        int frr = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        int samples = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int[] counts = args.length > 2 ? Arrays.stream(args[2].split(",")).mapToInt(Integer::parseInt).toArray() : new int[] {2, 10, 50};
        for (int n : counts) {
            run(n, Math.min(frr, n), samples);
        }
        System.exit(0);
    }

    private static void run(int agents, int frrAgents, int samples) throws Exception {
        Path data = Files.createTempDirectory("bench-latency-");
        List<LabLeaf> labs = new ArrayList<>();
        List<Main.Running> running = new ArrayList<>();
        try (EmbeddedMetalApi api = EmbeddedMetalApi.start(EmbeddedMetalApi.h2Url(data), ADMIN, 50)) {
            MetalApiClient admin = new MetalApiClient(api.url(), ADMIN);
            Fabric fabric = new Fabric(admin).base();
            List<String> leaves = new ArrayList<>();
            for (int i = 1; i <= agents; i++) {
                String leaf = String.format("leaf%02d", i);
                leaves.add(leaf);
                fabric.leaf(leaf, "Cumulus", 4200000000L + i, "10.0.0." + i, List.of("swp1", "swp2"), "swp31");
            }
            V1Network n1 = fabric.network("privnet1"), n2 = fabric.network("privnet2");
            for (String leaf : leaves) {
                fabric.machine("m1-" + leaf, leaf, "swp1", n1);
                fabric.machine("m2-" + leaf, leaf, "swp2", n2);
            }
            String infra = fabric.infraToken();
            for (int i = 0; i < agents; i++) {
                List<String> a = new ArrayList<>(List.of("--switch", leaves.get(i), "--api-url", api.url().toString(), "--token", infra,
                        "--observe-interval", "5s"));
                if (i < frrAgents) {
                    LabLeaf lab = LabLeaf.start("bench" + i);
                    labs.add(lab);
                    lab.addVrf("vrf" + n1.vrf(), "swp1", List.of(Fabric.host(n1)));
                    lab.addVrf("vrf" + n2.vrf(), "swp2", List.of(Fabric.host(n2)));
                    lab.frr().fastRouteMapUpdates();
                    a.addAll(lab.agentArgs());
                } else {
                    a.addAll(List.of("--target", "dir", "--dir", data.resolve("switches").resolve(leaves.get(i)).toString()));
                }
                running.add(Main.start(a.toArray(String[]::new)));
            }
            awaitSynced(admin, leaves);
            long[] ms = new long[samples];
            for (int s = 0; s < samples; s++) {
                long t0 = System.nanoTime();
                V1Peering p = admin.peerings().create(PeeringRequest.local(n1.id(), n2.id()).name("bench-" + s).build());
                long t201 = System.nanoTime();
                while (!admin.peerings().get(p.id()).status().phase().equals("active")) {
                    Thread.sleep(10);
                    if (System.nanoTime() - t201 > 120_000_000_000L) {
                        throw new IllegalStateException("peering " + p.id() + " not active after 120 s: " + admin.peerings().get(p.id()).status());
                    }
                }
                ms[s] = (System.nanoTime() - t201) / 1_000_000;
                admin.peerings().delete(p.id());
                awaitSynced(admin, leaves);
                if (s == 0) {
                    System.out.printf("  (create call itself took %d ms)%n", (t201 - t0) / 1_000_000);
                }
            }
            Arrays.sort(ms);
            System.out.printf("agents=%d (frr=%d, dir=%d) samples=%d: 201->active p50=%d ms p99=%d ms min=%d ms max=%d ms%n",
                    agents, frrAgents, agents - frrAgents, samples, ms[(samples - 1) / 2], ms[(int) Math.ceil(samples * 0.99) - 1],
                    ms[0], ms[samples - 1]);
            for (String leaf : leaves.subList(0, Math.min(3, leaves.size()))) {
                V1Switch sw = admin.switches().get(leaf);
                System.out.printf("  %s last sync took %d ms%n", leaf, sw.lastsync().durationms());
            }
        } finally {
            running.forEach(Main.Running::close);
            labs.forEach(LabLeaf::close);
        }
    }

    static void awaitSynced(MetalApiClient admin, List<String> leaves) throws InterruptedException {
        long deadline = System.nanoTime() + 120_000_000_000L;
        for (String leaf : leaves) {
            while (true) {
                V1Switch s = admin.switches().get(leaf);
                if (s.lastsync() != null && s.lastsync().revision() >= s.revision() && s.lastsync().error() == null) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("switch " + leaf + " did not sync: " + s.lastsync());
                }
                Thread.sleep(10);
            }
        }
    }
}
