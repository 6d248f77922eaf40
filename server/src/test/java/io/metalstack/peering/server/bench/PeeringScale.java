package io.metalstack.peering.server.bench;

import io.metalstack.peering.api.MetalApiClient;
import io.metalstack.peering.api.V1Peering;
import io.metalstack.peering.api.fixture.AllocateRequest;
import io.metalstack.peering.api.fixture.NetworkRequest;
import io.metalstack.peering.api.fixture.PartitionRequest;
import io.metalstack.peering.api.fixture.PeeringRequest;
import io.metalstack.peering.api.fixture.ProjectRequest;
import io.metalstack.peering.server.TestPostgres;
import io.metalstack.peering.server.launch.EmbeddedMetalApi;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;

/**
 * Load generator (not a test) for the costs that must not grow with the number of peerings stored: on metal-api over a
 * PostgreSQL it starts itself, with {@code networks} allocated networks, the median of {@code samples} sequential
 * creates with no peering stored and again with {@code peerings} stored (same run, same server); then the time of a
 * page of {@code GET /v1/network/peering?limit=100} walked through all peerings, of the whole list, and of the whole
 * {@code GET /v1/network} for reference.
 *
 * <pre>java -cp &lt;server test classpath&gt; io.metalstack.peering.server.bench.PeeringScale [networks=800] [peerings=8000] [samples=30]</pre>
 */
public final class PeeringScale {

    private static final String ADMIN = "bench-admin";
    private static final int PAGE = 100;
    private static final int FILLERS = 8;

    private PeeringScale() {}

    public static void main(String[] args) throws Exception {
        int networks = args.length > 0 ? Integer.parseInt(args[0]) : 800;
        int peerings = args.length > 1 ? Integer.parseInt(args[1]) : 8000;
        int samples = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        try (TestPostgres pg = TestPostgres.start(); EmbeddedMetalApi api = EmbeddedMetalApi.start(pg.newDatabaseUrl(), ADMIN, 50)) {
            MetalApiClient admin = new MetalApiClient(api.url(), ADMIN);
            admin.partitions().create(PartitionRequest.of("fra").build());
            admin.projects().create(ProjectRequest.of("bench", null).labels(Map.of("quota.metal-stack.io/networks", "100000")).build());
            admin.networks().create(NetworkRequest.superNetwork("super", "fra", "10.0.0.0/8").childLengths(Map.of("IPv4", 24)).build());
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < networks; i++) {
                ids.add(admin.allocateNetwork(AllocateRequest.of("n" + i, "fra", "bench").build()).id());
            }
            List<V1Peering> pairs = new ArrayList<>();
            for (int d = 1; pairs.size() < peerings + samples && d < networks / 2; d++) {
                for (int k = 0; k < networks && pairs.size() < peerings + samples; k++) {
                    pairs.add(PeeringRequest.local(ids.get(k), ids.get((k + d) % networks)).build());
                }
            }
            if (pairs.size() < peerings + samples) {
                throw new IllegalArgumentException(networks + " networks give only " + pairs.size() + " pairs: use more networks");
            }
            // warm-up: the same creates, deleted again, so that the first sample does not pay for class loading and JIT
            for (int round = 0; round < 3; round++) {
                for (V1Peering p : pairs.subList(0, samples)) {
                    admin.peerings().delete(admin.peerings().create(p).id());
                }
            }
            double[] empty = new double[1], full = new double[1];
            StatementCount.Counted atEmpty = StatementCount.during(pg, () -> empty[0] = medianCreate(admin, pairs.subList(0, samples)));
            fill(api.url(), pairs.subList(samples, peerings));
            StatementCount.Counted atFull = StatementCount.during(pg,
                    () -> full[0] = medianCreate(admin, pairs.subList(peerings, peerings + samples)));
            System.out.printf("create median with %d peerings stored=%.1f ms, with %d stored=%.1f ms, ratio=%.2f (goal <= 1.5)%n",
                    0, empty[0], peerings, full[0], full[0] / empty[0]);
            System.out.printf("statements per create with %d peerings stored=%.1f, with %d stored=%.1f%n",
                    0, (double) atEmpty.total() / samples, peerings, (double) atFull.total() / samples);

            HttpClient http = HttpClient.newHttpClient();
            List<Long> pages = new ArrayList<>();
            int items = 0;
            String next = null;
            do {
                long t0 = System.nanoTime();
                HttpResponse<String> r = get(http, api.url(), "/v1/network/peering?limit=" + PAGE
                        + (next == null ? "" : "&continue=" + URLEncoder.encode(next, StandardCharsets.UTF_8)));
                pages.add(System.nanoTime() - t0);
                items += io.metalstack.peering.api.Json.mapper().readTree(r.body()).size();
                next = r.headers().firstValue(MetalApiClient.CONTINUE_HEADER).orElse(null);
            } while (next != null);
            long[] p = pages.stream().mapToLong(Long::longValue).sorted().toArray();
            System.out.printf("GET /v1/network/peering?limit=%d with %d peerings: %d pages (%d items), page p50=%.1f ms p99=%.1f ms max=%.1f ms (goal <= 100 ms)%n",
                    PAGE, peerings + samples, p.length, items, p[p.length / 2] / 1e6, p[(int) Math.ceil(p.length * 0.99) - 1] / 1e6, p[p.length - 1] / 1e6);
            System.out.printf("GET /v1/network/peering (all %d) median=%.1f ms; GET /v1/network (all %d) median=%.1f ms%n",
                    peerings + samples, medianGet(http, api.url(), "/v1/network/peering", 5), networks + 1,
                    medianGet(http, api.url(), "/v1/network", 5));
        }
    }

    /** The median time of creating these one after the other, from one client. */
    private static double medianCreate(MetalApiClient client, List<V1Peering> creates) {
        long[] t = new long[creates.size()];
        for (int i = 0; i < t.length; i++) {
            long t0 = System.nanoTime();
            client.peerings().create(creates.get(i));
            t[i] = System.nanoTime() - t0;
        }
        Arrays.sort(t);
        return t[t.length / 2] / 1e6;
    }

    /** Creates these from {@link #FILLERS} concurrent clients (not measured). */
    private static void fill(URI url, List<V1Peering> creates) throws InterruptedException {
        ConcurrentLinkedQueue<V1Peering> work = new ConcurrentLinkedQueue<>(creates);
        CountDownLatch done = new CountDownLatch(FILLERS);
        for (int c = 0; c < FILLERS; c++) {
            new Thread(() -> {
                try {
                    MetalApiClient client = new MetalApiClient(url, ADMIN);
                    for (V1Peering p; (p = work.poll()) != null; ) {
                        client.peerings().create(p);
                    }
                } finally {
                    done.countDown();
                }
            }).start();
        }
        done.await();
    }

    private static double medianGet(HttpClient http, URI url, String path, int times) throws Exception {
        long[] t = new long[times];
        for (int i = 0; i < times; i++) {
            long t0 = System.nanoTime();
            get(http, url, path);
            t[i] = System.nanoTime() - t0;
        }
        Arrays.sort(t);
        return t[times / 2] / 1e6;
    }

    private static HttpResponse<String> get(HttpClient http, URI url, String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(url.resolve(path)).header("Authorization", "Bearer " + ADMIN).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return r;
    }
}
