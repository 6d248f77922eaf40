package io.metalstack.peering.server.bench;

import io.metalstack.peering.api.ApiUnreachableException;
import io.metalstack.peering.api.MetalApiClient;
import io.metalstack.peering.api.V1MachineAllocation;
import io.metalstack.peering.api.V1Network;
import io.metalstack.peering.api.V1ObservedPrefixes;
import io.metalstack.peering.api.V1Peering;
import io.metalstack.peering.api.V1SwitchIntent;
import io.metalstack.peering.api.V1SwitchIntentResponse;
import io.metalstack.peering.api.V1VrfImport;
import io.metalstack.peering.api.V1VrfIntent;
import io.metalstack.peering.api.fixture.AllocateRequest;
import io.metalstack.peering.api.fixture.MachineRequest;
import io.metalstack.peering.api.fixture.NetworkRequest;
import io.metalstack.peering.api.fixture.NotifyRequest;
import io.metalstack.peering.api.fixture.PartitionRequest;
import io.metalstack.peering.api.fixture.PeeringRequest;
import io.metalstack.peering.api.fixture.ProjectRequest;
import io.metalstack.peering.api.fixture.SwitchRequest;
import io.metalstack.peering.server.TestPostgres;
import io.metalstack.peering.server.launch.EmbeddedMetalApi;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Load generator (not a test) for the switch side: {@code agents} leaves, each with a machine of its own network and
 * a simulated agent (long-poll, then a report of exactly the expected prefixes, as a correct switch would see them).
 * It creates {@code peerings} peerings of random pairs, one after the other, measures the time from each create's
 * 201 to the peering's phase {@code active} (polling the peering every 2 ms) and deletes it again. Prints
 * p50/p99/max; {@code TRACE=1} prints when each agent was woken and how long its report took.
 *
 * <pre>java -cp "server/target/test-classes:server/target/classes:server/target/lib/*" \
 *   io.metalstack.peering.server.bench.ActivationLoad h2|postgres [agents=10] [peerings=100]</pre>
 */
public final class ActivationLoad {

    private static final String ADMIN = "bench-admin";

    private ActivationLoad() {}

    public static void main(String[] args) throws Exception {
        String store = args.length > 0 ? args[0] : "h2";
        int agents = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int peerings = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        TestPostgres pg = store.equals("postgres") ? TestPostgres.start() : null;
        String url = pg != null ? pg.newDatabaseUrl() : EmbeddedMetalApi.h2Url(Files.createTempDirectory("metal-bench-"));
        try (EmbeddedMetalApi api = EmbeddedMetalApi.start(url, ADMIN, 1000)) {
            MetalApiClient admin = new MetalApiClient(api.url(), ADMIN);
            admin.partitions().create(PartitionRequest.of("fra").build());
            admin.projects().create(ProjectRequest.of("bench", null).labels(java.util.Map.of("quota.metal-stack.io/networks", "100000")).build());
            admin.networks().create(NetworkRequest.superNetwork("super", "fra", "10.0.0.0/8").childLengths(Map.of("IPv4", 24)).build());
            List<V1Network> networks = new ArrayList<>();
            for (int i = 0; i < agents; i++) {
                String leaf = "leaf" + i;
                admin.switches().create(SwitchRequest.of(leaf, "fra", "leaf", "SONiC").place("r" + i, "room1")
                        .bgp(4200000000L + i, "10.255." + (i / 250) + "." + (i % 250 + 1)).ports("Ethernet0").uplinks("Ethernet120").build());
                V1Network n = admin.allocateNetwork(AllocateRequest.of("n" + i, "fra", "bench").build());
                networks.add(n);
                admin.machines().create(MachineRequest.machine("m" + i, "fra").connectedTo(leaf, "Ethernet0").build());
                admin.allocateMachine("m" + i, new V1MachineAllocation("bench", List.of(n.id())));
            }
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < agents; i++) {
                Thread t = new Thread(agent(new MetalApiClient(api.url(), ADMIN), "leaf" + i), "agent-leaf" + i);
                t.setDaemon(true);
                t.start();
                threads.add(t);
            }
            long[] millis = new long[peerings];
            int done = 0;
            while (done < peerings) {
                int a = ThreadLocalRandom.current().nextInt(agents), b = ThreadLocalRandom.current().nextInt(agents);
                if (a == b) {
                    continue;
                }
                V1Peering p = admin.peerings().create(PeeringRequest.local(networks.get(a).id(), networks.get(b).id()).build());
                long t0 = System.nanoTime();
                while (!"active".equals(admin.peerings().get(p.id()).status().phase())) {
                    Thread.sleep(2);
                }
                millis[done++] = (System.nanoTime() - t0) / 1_000_000;
                if (System.getenv("TRACE") != null) {
                    System.out.printf("%d created rev %d, active after %d ms%n", t0 / 1_000_000 % 100000, p.status().revision(), millis[done - 1]);
                }
                admin.peerings().delete(p.id()); // the pair may come again; the fabric stays the size it is
            }
            long[] sorted = Arrays.copyOf(millis, done);
            Arrays.sort(sorted);
            System.out.printf("%s, %d agents, %d peerings: create 201 -> active p50 %d ms, p99 %d ms, max %d ms%n", store, agents, done,
                    sorted[done / 2], sorted[Math.min(done - 1, (int) Math.ceil(done * 0.99) - 1)], sorted[done - 1]);
            threads.forEach(Thread::interrupt);
        } finally {
            if (pg != null) {
                pg.close();
            }
        }
    }

    /** A correct switch: applies each new intent at once and reports exactly what it should see. */
    private static Runnable agent(MetalApiClient client, String leaf) {
        return () -> {
            Long after = null;
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    V1SwitchIntentResponse r = client.switchIntent(leaf, after, Duration.ofSeconds(30));
                    if (after == null || r.revision() > after) {
                        long w = System.nanoTime();
                        client.notifySwitch(leaf, NotifyRequest.applied(r.revision(), 1L).vrfs(expected(r.intent())).sessions(List.of()).build());
                        if (System.getenv("TRACE") != null) {
                            System.out.printf("%d %s rev %d woken, notified %d ms%n", w / 1_000_000 % 100000, leaf, r.revision(), (System.nanoTime() - w) / 1_000_000);
                        }
                    }
                    after = r.revision();
                } catch (ApiUnreachableException e) {
                    return;
                }
            }
        };
    }

    static Map<String, V1ObservedPrefixes> expected(V1SwitchIntent intent) {
        Map<String, V1ObservedPrefixes> out = new TreeMap<>();
        for (V1VrfIntent v : intent.vrfs()) {
            List<String> all = new ArrayList<>(v.ownprefixes());
            v.imports().stream().map(V1VrfImport::prefixes).forEach(all::addAll);
            out.put("Vrf" + v.vni(), new V1ObservedPrefixes(all.stream().filter(x -> x.contains(".")).toList(),
                    all.stream().filter(x -> x.contains(":")).toList()));
        }
        return out;
    }
}
