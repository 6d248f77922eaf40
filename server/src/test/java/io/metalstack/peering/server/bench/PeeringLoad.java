package io.metalstack.peering.server.bench;

import io.metalstack.peering.api.ApiException;
import io.metalstack.peering.api.MetalApiClient;
import io.metalstack.peering.api.V1Peering;
import io.metalstack.peering.api.fixture.AllocateRequest;
import io.metalstack.peering.api.fixture.NetworkRequest;
import io.metalstack.peering.api.fixture.PartitionRequest;
import io.metalstack.peering.api.fixture.PeeringRequest;
import io.metalstack.peering.api.fixture.ProjectRequest;
import io.metalstack.peering.server.TestPostgres;
import io.metalstack.peering.server.launch.EmbeddedMetalApi;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Load generator (not a test): starts metal-api on H2 or on a PostgreSQL it starts itself, seeds a project with
 * {@code networks} allocated networks, then creates {@code peerings} distinct peerings from {@code clients}
 * concurrent HTTP clients and prints p50/p99 latency and throughput.
 *
 * <pre>java -cp server/target/test-classes:server/target/classes:server/target/lib/* \
 *   io.metalstack.peering.server.bench.PeeringLoad h2|postgres [clients=50] [networks=400] [peerings=2000]</pre>
 */
public final class PeeringLoad {

    private static final String ADMIN = "bench-admin";
    /** Creates after the load whose statements PostgreSQL counts ({@link StatementCount}). */
    private static final int COUNTED = 20;

    private PeeringLoad() {}

    public static void main(String[] args) throws Exception {
        String store = args.length > 0 ? args[0] : "h2";
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        int networks = args.length > 2 ? Integer.parseInt(args[2]) : 400;
        int peerings = args.length > 3 ? Integer.parseInt(args[3]) : 2000;
        TestPostgres pg = store.equals("postgres") ? TestPostgres.start() : null;
        String url = pg != null ? pg.newDatabaseUrl() : EmbeddedMetalApi.h2Url(Files.createTempDirectory("metal-bench-"));
        try (EmbeddedMetalApi api = EmbeddedMetalApi.start(url, ADMIN, 50)) {
            MetalApiClient admin = new MetalApiClient(api.url(), ADMIN);
            admin.partitions().create(PartitionRequest.of("fra").build());
            admin.projects().create(ProjectRequest.of("bench", null).labels(java.util.Map.of("quota.metal-stack.io/networks", "100000")).build());
            admin.networks().create(NetworkRequest.superNetwork("super", "fra", "10.0.0.0/8").childLengths(Map.of("IPv4", 24)).build());
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < networks; i++) {
                ids.add(admin.allocateNetwork(AllocateRequest.of("n" + i, "fra", "bench").build()).id());
            }
            ConcurrentLinkedQueue<V1Peering> work = new ConcurrentLinkedQueue<>();
            List<V1Peering> counted = new ArrayList<>();
            for (int d = 1; counted.size() < COUNTED && d < networks / 2; d++) {
                for (int k = 0; k < networks && counted.size() < COUNTED; k++) {
                    V1Peering p = PeeringRequest.local(ids.get(k), ids.get((k + d) % networks)).build();
                    if (work.size() < peerings) {
                        work.add(p);
                    } else {
                        counted.add(p);
                    }
                }
            }
            java.util.function.Supplier<Runnable> create = () -> {
                MetalApiClient client = new MetalApiClient(api.url(), ADMIN);
                return () -> {
                    V1Peering p = work.poll();
                    if (p != null) {
                        client.peerings().create(p);
                    }
                };
            };
            // the first quarter warms the JIT up (the server's code is compiled while it runs: seconds of CPU) and is not
            // measured, as pgbench measures a database that is running already
            int warmup = work.size() / 4;
            Run warm = Run.of(clients, warmup, create);
            System.out.printf("warm-up: %d creates, not measured (%.0f creates/s)%n", warmup, warmup / warm.seconds());
            int total = work.size();
            CpuUse cpu = CpuUse.start();
            Run creates = Run.of(clients, total, create);
            System.out.printf("store=%s clients=%d networks=%d peerings=%d (measured: the last %d) failures=%d%n", store, clients, networks,
                    warmup + total, total, warm.failures() + creates.failures());
            creates.print("peering create", "creates/s");
            cpu.print(total, "create");
            // the ceiling any endpoint has here, same clients, same number of requests: the HTTP stack alone (no token,
            // no statement), and an authenticated read of one row (one token read, one network read)
            Run health = Run.of(clients, total, () -> {
                MetalApiClient client = new MetalApiClient(api.url(), ADMIN);
                return client::health;
            });
            health.print("reference GET /healthz (HTTP stack, no database)", "requests/s");
            Run read = Run.of(clients, total, () -> {
                MetalApiClient client = new MetalApiClient(api.url(), ADMIN);
                java.util.concurrent.atomic.AtomicInteger i = new java.util.concurrent.atomic.AtomicInteger();
                return () -> client.networks().get(ids.get(i.getAndIncrement() % ids.size()));
            });
            read.print("reference GET /v1/network/{id} (token read + one row)", "requests/s");
            if (pg != null && !counted.isEmpty()) {
                // one client, one create at a time: what a create costs in statements, whatever the load
                StatementCount.Counted c = StatementCount.during(pg, () -> counted.forEach(admin.peerings()::create));
                System.out.printf("statements per create=%.1f (%d statements, %d sequential creates)%n",
                        (double) c.total() / counted.size(), c.total(), counted.size());
                c.shapes().entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                        .forEach(e -> System.out.printf("  %6.2f  %s%n", (double) e.getValue() / counted.size(), e.getKey()));
            }
        } finally {
            if (pg != null) {
                pg.close();
            }
        }
    }

    /** {@code requests} requests from {@code clients} threads, each with its own client ({@code perClient}): latencies and wall time. */
    private record Run(long[] latencies, double seconds, int failures) {

        static Run of(int clients, int requests, java.util.function.Supplier<Runnable> perClient) throws InterruptedException {
            long[] latencies = new long[requests];
            AtomicInteger next = new AtomicInteger();
            AtomicInteger failures = new AtomicInteger();
            CountDownLatch done = new CountDownLatch(clients);
            long start = System.nanoTime();
            for (int c = 0; c < clients; c++) {
                Thread t = new Thread(() -> {
                    try {
                        Runnable request = perClient.get();
                        for (int i; (i = next.getAndIncrement()) < requests; ) {
                            long t0 = System.nanoTime();
                            try {
                                request.run();
                            } catch (ApiException e) {
                                failures.incrementAndGet();
                                System.err.println(e.statuscode() + " " + e.getMessage());
                            } catch (RuntimeException e) {
                                // a transport failure (timeout, reset): counted, and the load goes on
                                failures.incrementAndGet();
                                System.err.println(e);
                            }
                            latencies[i] = System.nanoTime() - t0;
                        }
                    } finally {
                        done.countDown();
                    }
                });
                t.start();
            }
            done.await();
            double seconds = (System.nanoTime() - start) / 1e9;
            Arrays.sort(latencies);
            return new Run(latencies, seconds, failures.get());
        }

        void print(String what, String unit) {
            int n = latencies.length;
            System.out.printf("%s latency p50=%.1f ms p99=%.1f ms max=%.1f ms; throughput=%.0f %s (%.1f s)%n", what,
                    latencies[n / 2] / 1e6, latencies[(int) Math.min(n - 1, Math.ceil(n * 0.99) - 1)] / 1e6, latencies[n - 1] / 1e6,
                    n / seconds, unit, seconds);
        }
    }
}
