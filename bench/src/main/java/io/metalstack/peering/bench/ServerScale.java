package io.metalstack.peering.bench;

import io.metalstack.peering.model.rules.PeeringRules;
import io.metalstack.peering.model.plan.Inventory;
import io.metalstack.peering.server.http.MetalApiServer;
import io.metalstack.peering.server.store.Database;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The server's goals at {@link LargeFabric}'s scale: metal-api with 1,000 leaves, 20,000 networks, 40,000
 * machines and 50,000 peerings in its embedded H2 store starts in ≤ 15 s and holds it in ≤ 1 GB of heap. Not a test.
 *
 * <p>{@code ServerScale [leaves=1000] [heap=1g]} writes the fabric into a fresh H2 database (straight through the
 * stores, as one write per kind: the API would take far longer and is measured by {@code PeeringLoad}), then starts
 * the server twice, each time in a fresh JVM with {@code -Xmx<heap>}: the first start plans every switch and stores
 * its intent, a restart finds them stored. Each prints the time from the JVM's start and from {@code main} until
 * {@code /healthz} answers, and the heap in use after a full GC.
 *
 * <p>For profiling one start: {@code ServerScale store <dir> [leaves]} only writes the fabric into {@code dir} (copy
 * it to start fresh again), {@code ServerScale start <dir>} starts the server on it once in this JVM.
 */
public final class ServerScale {
    private static final String ADMIN = "bench-admin";

    private ServerScale() {}

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("start")) {
            start(Path.of(args[1]));
            return;
        }
        if (args.length > 0 && args[0].equals("store")) {
            store(Path.of(args[1]), args.length > 2 ? Integer.parseInt(args[2]) : LargeFabric.GOAL_LEAVES);
            return;
        }
        int leaves = args.length > 0 ? Integer.parseInt(args[0]) : LargeFabric.GOAL_LEAVES;
        String heap = args.length > 1 ? args[1] : "1g";
        Path dir = Files.createTempDirectory("metal-scale-");
        store(dir, leaves);
        try {
            startTwice(dir, heap);
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    /** Writes the fabric into a fresh H2 database in {@code dir}. */
    private static void store(Path dir, int leaves) {
        long t0 = System.nanoTime();
        Inventory inventory = LargeFabric.build(leaves);
        try (Database db = new Database(Database.h2Url(dir), null, null)) {
            db.write(s -> {
                inventory.partitions().forEach(s.partitions()::insert);
                inventory.projects().forEach(s.projects()::insert);
                inventory.switches().forEach(s.switches()::insert);
                return null;
            });
            db.write(s -> {
                inventory.networks().forEach(s.networks()::insert);
                return null;
            });
            db.write(s -> {
                inventory.machines().forEach(s.machines()::insert);
                return null;
            });
            db.write(s -> {
                inventory.peerings().forEach(s.peerings()::insert);
                return s.bumpRevision();
            });
        }
        System.out.printf("stored %d switches, %d networks, %d machines, %d peerings in %s (H2) in %.1f s%n",
                inventory.switches().size(), inventory.networks().size(), inventory.machines().size(), inventory.peerings().size(),
                dir, (System.nanoTime() - t0) / 1e9);
    }

    private static void startTwice(Path dir, String heap) throws Exception {
        for (String what : List.of("first start", "restart")) {
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx" + heap, "-cp", System.getProperty("java.class.path"), ServerScale.class.getName(), "start", dir.toString()));
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            int rc = p.waitFor();
            for (String line : out.split("\n")) {
                if (line.startsWith("server:")) {
                    System.out.println(what + " (-Xmx" + heap + "): " + line.substring("server:".length()).trim());
                }
            }
            if (rc != 0) {
                System.out.println(out);
                throw new IllegalStateException(what + " failed with exit code " + rc + " (-Xmx" + heap + ")");
            }
        }
    }

    private static void start(Path dir) throws Exception {
        long t0 = System.nanoTime();
        Database db = new Database(Database.h2Url(dir), null, null);
        MetalApiServer server = new MetalApiServer(db, new PeeringRules(PeeringRules.DEFAULT_QUOTA), Clock.systemUTC());
        server.installAdminToken(ADMIN);
        server.start("127.0.0.1", 0);
        HttpResponse<String> health = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/healthz")).build(),
                HttpResponse.BodyHandlers.ofString());
        long ready = System.nanoTime();
        if (health.statusCode() != 200) {
            throw new IllegalStateException("/healthz answered " + health.statusCode() + ": " + health.body());
        }
        long jvmUptime = ManagementFactory.getRuntimeMXBean().getUptime();
        System.gc();
        System.gc();
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        System.out.printf("server: ready (/healthz 200) %.2f s after main, %.2f s after the JVM started; heap after GC %d MB%n",
                (ready - t0) / 1e9, jvmUptime / 1e3, heap >> 20);
        server.close();
        db.close();
    }
}
