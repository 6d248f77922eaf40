package io.metalstack.peering.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.metalstack.peering.api.Json;
import io.metalstack.peering.server.service.TokenService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Durability: every write the server acknowledged (2xx) survives {@code kill -9} of the server process, a
 * write in flight at the kill is either wholly there or not at all, and the global revision never goes backwards.
 *
 * <p>The server runs as its own process, started like {@code bin/metal-api} (the built jar and {@code target/lib}).
 * A few clients write a mix of projects, label updates, allocations, peerings, peering updates and deletes, frees and
 * project deletes, each on objects of its own, and keep a model of what the server acknowledged. At a random moment
 * the server gets SIGKILL; after the restart the server's state must equal every client's model, except for the one
 * request per client that was in flight, which must be either wholly applied or not at all; and the revision is at
 * least the highest any answer (write or read) carried before the kill.
 */
abstract class CrashContract {

    static final String ADMIN = "admin-secret-for-crash-tests";
    static final int KILLS = 10;
    static final int CLIENTS = 3;
    private static final ObjectMapper JSON = Json.mapper();

    @TempDir
    Path dir;

    /** The {@code --db-url} of the server, or empty for its embedded default in the data dir. */
    abstract Optional<String> dbUrl();

    @Test
    void everyAcknowledgedWriteSurvivesKill9AndTheRevisionNeverGoesBackwards() throws Exception {
        Path data = dir.resolve("data");
        Random random = new Random(Long.getLong("crash.seed", System.nanoTime()));
        Map<Integer, Client> clients = new TreeMap<>();
        for (int c = 1; c <= CLIENTS; c++) {
            clients.put(c, new Client(c, new Random(random.nextLong())));
        }
        // the highest revision any answer carried (X-Metal-Revision of writes and reads alike)
        AtomicLong seenRevision = new AtomicLong();
        long lastRevision = 0;
        int acknowledged = 0, inFlight = 0, applied = 0;
        ServerProcess server = ServerProcess.start(data, dbUrl(), dir.resolve("server.log"));
        try {
            Api admin = new Api(server.url(), seenRevision);
            admin.write("PUT", "/v1/partition", Map.of("id", "fra"));
            admin.write("PUT", "/v1/network", Map.of("id", "super-fra", "partitionid", "fra", "networktype", "super",
                    "prefixes", List.of("10.0.0.0/8"), "defaultchildprefixlength", Map.of("IPv4", 24)));
            for (int round = 1; round <= KILLS + 1; round++) {
                if (round > 1) {
                    server = ServerProcess.start(data, dbUrl(), dir.resolve("server.log"));
                    admin = new Api(server.url(), seenRevision);
                }
                // after a restart: no answer ever showed a revision the server lost, and the state is every client's model
                long seen = seenRevision.get();
                long revision = admin.revision();
                assertThat(revision).as("round %d: revision after the restart", round)
                        .isGreaterThanOrEqualTo(seen).isGreaterThanOrEqualTo(lastRevision);
                lastRevision = revision;
                State state = State.read(admin);
                for (Client c : clients.values()) {
                    applied += c.resolve(state) ? 1 : 0;
                    c.check(state, round);
                }
                state.checkReferences();
                if (round == KILLS + 1) {
                    break;
                }
                // load, then SIGKILL at a random moment
                AtomicBoolean stop = new AtomicBoolean();
                Api api = admin;
                List<Thread> threads = new ArrayList<>();
                for (Client c : clients.values()) {
                    Thread t = new Thread(() -> c.run(api, stop), "crash-client-" + c.n);
                    t.start();
                    threads.add(t);
                }
                Thread.sleep(300 + random.nextInt(1200));
                server.kill();
                stop.set(true);
                for (Thread t : threads) {
                    t.join(30_000);
                    assertThat(t.isAlive()).as(t.getName() + " stopped").isFalse();
                }
                for (Client c : clients.values()) {
                    if (c.failure != null) {
                        throw new AssertionError("client " + c.n + " in round " + round + ": " + c.failure.getMessage(), c.failure);
                    }
                    inFlight += c.pending == null ? 0 : 1;
                }
            }
            acknowledged = clients.values().stream().mapToInt(c -> c.acknowledged).sum();
            System.out.printf("crash test (%s): %d kills, %d acknowledged writes, %d in flight at a kill (%d of them applied), revision %d%n",
                    dbUrl().isPresent() ? "PostgreSQL" : "H2", KILLS, acknowledged, inFlight, applied, lastRevision);
            assertThat(acknowledged).as("acknowledged writes").isGreaterThan(KILLS * 5);
        } catch (AssertionError | RuntimeException e) {
            System.err.println("---- server log (tail)\n" + tail(dir.resolve("server.log"), 80));
            throw e;
        } finally {
            server.stop();
        }
    }

    private static String tail(Path log, int lines) throws IOException {
        if (!Files.exists(log)) {
            return "(none)";
        }
        List<String> all = Files.readAllLines(log);
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    // ------------------------------------------------------------------ the server process

    /** {@code bin/metal-api}'s command: the built server jar and its {@code target/lib}, as a process of its own. */
    static final class ServerProcess {
        private final Process process;
        private final URI url;

        private ServerProcess(Process process, URI url) {
            this.process = process;
            this.url = url;
        }

        static ServerProcess start(Path data, Optional<String> dbUrl, Path log) throws Exception {
            Path target = Paths.get("target");
            Path jar;
            try (Stream<Path> files = Files.list(target)) {
                jar = files.filter(f -> f.getFileName().toString().matches("server-.*\\.jar")
                        && !f.getFileName().toString().contains("tests") && !f.getFileName().toString().contains("sources"))
                        .findFirst().orElse(null);
            }
            if (jar == null || !Files.isDirectory(target.resolve("lib"))) {
                throw new IllegalStateException("the crash test runs the built server: " + target.toAbsolutePath()
                        + " needs server-*.jar and lib/ (mvn -B -pl server -am verify builds them before the integration tests)");
            }
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            List<String> command = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m",
                    "-cp", jar.toAbsolutePath() + java.io.File.pathSeparator + target.resolve("lib").toAbsolutePath() + "/*",
                    "io.metalstack.peering.server.launch.Main", "--port", Integer.toString(port), "--host", "127.0.0.1",
                    "--data-dir", data.toString(), "--no-metalctl-config"));
            dbUrl.ifPresent(u -> command.addAll(List.of("--db-url", u)));
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            pb.environment().put(TokenService.ADMIN_TOKEN_ENV, ADMIN);
            Process p = pb.start();
            URI url = URI.create("http://127.0.0.1:" + port);
            HttpClient http = HttpClient.newHttpClient();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (true) {
                if (!p.isAlive()) {
                    throw new IllegalStateException("the server exited with " + p.exitValue() + " at start; see " + log);
                }
                try {
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(url.resolve("/healthz")).timeout(Duration.ofSeconds(2)).build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() == 200) {
                        return new ServerProcess(p, url);
                    }
                } catch (IOException e) {
                    // not listening yet
                }
                if (System.nanoTime() > deadline) {
                    p.destroyForcibly();
                    throw new IllegalStateException("the server did not answer /healthz within 120 s; see " + log);
                }
                Thread.sleep(100);
            }
        }

        URI url() {
            return url;
        }

        /** SIGKILL: no shutdown hook, no close of the database. */
        void kill() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }

        /** SIGTERM: the shutdown hook closes server and database. */
        void stop() throws InterruptedException {
            if (process.isAlive()) {
                process.destroy();
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            }
        }
    }

    // ------------------------------------------------------------------ HTTP

    /** The server did not answer (it was killed): the request may or may not have been applied. */
    static final class NoAnswer extends RuntimeException {
        NoAnswer(Throwable cause) {
            super(cause);
        }
    }

    record Answer(int status, JsonNode body, long revision) {}

    static final class Api {
        private final URI base;
        private final AtomicLong seen;
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        Api(URI base, AtomicLong seen) {
            this.base = base;
            this.seen = seen;
        }

        Answer call(String method, String path, Object body) {
            try {
                HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60))
                        .header("Authorization", "Bearer " + ADMIN).header("Content-Type", "application/json")
                        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
                HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
                long revision = r.headers().firstValue("X-Metal-Revision").map(Long::parseLong).orElse(-1L);
                if (r.statusCode() / 100 == 2) {
                    seen.accumulateAndGet(revision, Math::max);
                }
                return new Answer(r.statusCode(), r.body().isEmpty() ? JSON.nullNode() : JSON.readTree(r.body()), revision);
            } catch (IOException e) {
                throw new NoAnswer(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new NoAnswer(e);
            }
        }

        /** A write that must succeed. */
        JsonNode write(String method, String path, Object body) {
            Answer a = call(method, path, body);
            if (a.status() / 100 != 2) {
                throw new AssertionError(method + " " + path + " answered " + a.status() + ": " + a.body());
            }
            return a.body();
        }

        JsonNode read(String path) {
            Answer a = call("GET", path, null);
            if (a.status() != 200) {
                throw new AssertionError("GET " + path + " answered " + a.status() + ": " + a.body());
            }
            return a.body();
        }

        long revision() {
            return read("/healthz").path("revision").asLong();
        }
    }

    // ------------------------------------------------------------------ what the server holds

    record Network(String id, String name, String project, List<String> prefixes, Integer vrf) {}

    record Peering(String id, String network1, String network2, Map<String, String> labels) {}

    /** The server's projects, networks and peerings, read as admin. */
    record State(Map<String, Map<String, String>> projects, Map<String, Network> networks, Map<String, Peering> peerings) {

        static State read(Api admin) {
            Map<String, Map<String, String>> projects = new TreeMap<>();
            admin.read("/v1/project").forEach(p -> projects.put(p.path("id").asText(), labels(p)));
            Map<String, Network> networks = new TreeMap<>();
            admin.read("/v1/network").forEach(n -> {
                List<String> prefixes = new ArrayList<>();
                n.path("prefixes").forEach(x -> prefixes.add(x.asText()));
                networks.put(n.path("id").asText(), new Network(n.path("id").asText(), n.path("name").asText(),
                        n.path("projectid").isMissingNode() ? null : n.path("projectid").asText(), prefixes,
                        n.path("vrf").isMissingNode() ? null : n.path("vrf").asInt()));
            });
            Map<String, Peering> peerings = new TreeMap<>();
            admin.read("/v1/network/peering").forEach(p -> peerings.put(p.path("id").asText(), new Peering(p.path("id").asText(),
                    p.path("network1").asText(), p.path("network2").asText(), labels(p))));
            return new State(projects, networks, peerings);
        }

        private static Map<String, String> labels(JsonNode o) {
            Map<String, String> out = new TreeMap<>();
            o.path("labels").properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
            return out;
        }

        /** Nothing half there: every peering's networks and every child network's project exist. */
        void checkReferences() {
            peerings.values().forEach(p -> assertThat(networks).as("networks of peering " + p.id()).containsKeys(p.network1(), p.network2()));
            networks.values().stream().filter(n -> n.project() != null)
                    .forEach(n -> assertThat(projects).as("project of network " + n.id()).containsKey(n.project()));
        }
    }

    // ------------------------------------------------------------------ a client and its model

    /** One write a client sent; {@code applyTo} records it in the model, {@code appliedIn} tells whether the server has it. */
    interface Op {
        void applyTo(Client model, JsonNode answer);

        /** Whether the server holds this write wholly (true) or not at all (false); anything else fails the test. */
        boolean appliedIn(Client model, State state);
    }

    static final class Client {
        final int n;
        final Random random;
        final Map<String, Map<String, String>> projects = new TreeMap<>();
        final Map<String, Network> networks = new TreeMap<>();
        final Map<String, Peering> peerings = new TreeMap<>();
        Op pending;
        Throwable failure;
        int seq;
        int acknowledged;

        Client(int n, Random random) {
            this.n = n;
            this.random = random;
        }

        String next(String kind) {
            return "c" + n + "-" + kind + "-" + (++seq);
        }

        /** Writes until the server stops answering (or {@code stop}); the unanswered write stays pending. */
        void run(Api api, AtomicBoolean stop) {
            try {
                while (!stop.get()) {
                    Op op = choose(api);
                    if (op == null) {
                        continue;
                    }
                    Request r = ((Sends) op).request();
                    pending = op;
                    Answer a = api.call(r.method(), r.path(), r.body());
                    if (a.status() / 100 != 2) {
                        throw new AssertionError(r.method() + " " + r.path() + " answered " + a.status() + ": " + a.body());
                    }
                    op.applyTo(this, a.body());
                    pending = null;
                    acknowledged++;
                }
            } catch (NoAnswer e) {
                // the server died: the pending write is resolved after the restart
            } catch (Throwable e) {
                failure = e;
            }
        }

        /** Resolves the write in flight at the kill: wholly applied (recorded in the model) or not at all. */
        boolean resolve(State state) {
            if (pending == null) {
                return false;
            }
            Op op = pending;
            pending = null;
            if (op.appliedIn(this, state)) {
                op.applyTo(this, null);
                return true;
            }
            return false;
        }

        /** The server holds exactly this client's model. */
        void check(State state, int round) {
            String mine = "c" + n + "-";
            assertThat(filter(state.projects(), k -> k.startsWith(mine))).as("round %d: projects of client %d", round, n).isEqualTo(projects);
            Map<String, Network> nets = state.networks().values().stream().filter(x -> x.project() != null && x.project().startsWith(mine))
                    .collect(Collectors.toMap(Network::id, x -> new Network(x.id(), x.name(), x.project(), List.of(), null), (a, b) -> a, TreeMap::new));
            Map<String, Network> model = new TreeMap<>();
            networks.forEach((k, v) -> model.put(k, new Network(v.id(), v.name(), v.project(), List.of(), null)));
            assertThat(nets).as("round %d: networks of client %d", round, n).isEqualTo(model);
            state.networks().values().stream().filter(x -> nets.containsKey(x.id())).forEach(x -> {
                assertThat(x.prefixes()).as("prefixes of " + x.name()).hasSize(1);
                assertThat(x.vrf()).as("vrf of " + x.name()).isNotNull();
            });
            assertThat(filter(state.peerings(), k -> k.startsWith(mine))).as("round %d: peerings of client %d", round, n).isEqualTo(peerings);
        }

        private static <V> Map<String, V> filter(Map<String, V> m, java.util.function.Predicate<String> key) {
            return m.entrySet().stream().filter(e -> key.test(e.getKey()))
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, TreeMap::new));
        }

        /** A feasible write on this client's objects, chosen at random; null when the pick did not fit. */
        Op choose(Api api) {
            int pick = random.nextInt(100);
            List<String> projectIds = new ArrayList<>(projects.keySet());
            if (projects.size() < 2 || pick < 8) {
                return new CreateProject(next("project"));
            }
            String project = projectIds.get(random.nextInt(projectIds.size()));
            List<Network> inProject = networks.values().stream().filter(x -> x.project().equals(project)).toList();
            if (pick < 18) {
                JsonNode p = api.read("/v1/project/" + project);
                Map<String, String> labels = new TreeMap<>(projects.get(project));
                labels.put("k" + random.nextInt(3), "v" + seq++);
                return new LabelProject(project, p.path("changed").asText(), projects.get(project), labels);
            }
            if (pick < 45 && inProject.size() < 4) {
                return new Allocate(next("net"), project);
            }
            if (pick < 65 && inProject.size() >= 2) {
                Network a = inProject.get(random.nextInt(inProject.size())), b = inProject.get(random.nextInt(inProject.size()));
                boolean peered = peerings.values().stream().anyMatch(x -> Set2.of(x.network1(), x.network2()).equals(Set2.of(a.id(), b.id())));
                return a.equals(b) || peered ? null : new CreatePeering(next("peering"), a.id(), b.id());
            }
            List<Peering> peeringList = new ArrayList<>(peerings.values());
            if (pick < 75 && !peeringList.isEmpty()) {
                Peering p = peeringList.get(random.nextInt(peeringList.size()));
                JsonNode read = api.read("/v1/network/peering/" + p.id());
                Map<String, String> labels = new TreeMap<>(p.labels());
                labels.put("l" + random.nextInt(3), "v" + seq++);
                return new LabelPeering(p, read.path("changed").asText(), labels);
            }
            if (pick < 85 && !peeringList.isEmpty()) {
                return new DeletePeering(peeringList.get(random.nextInt(peeringList.size())));
            }
            List<Network> free = inProject.stream().filter(x -> peerings.values().stream()
                    .noneMatch(p -> p.network1().equals(x.id()) || p.network2().equals(x.id()))).toList();
            if (pick < 95 && !free.isEmpty()) {
                return new Free(free.get(random.nextInt(free.size())));
            }
            if (inProject.isEmpty() && projects.size() > 2) {
                return new DeleteProject(project, projects.get(project));
            }
            return null;
        }
    }

    record Request(String method, String path, Object body) {}

    interface Sends {
        Request request();
    }

    /** An unordered pair. */
    record Set2(String a, String b) {
        static Set2 of(String x, String y) {
            return x.compareTo(y) <= 0 ? new Set2(x, y) : new Set2(y, x);
        }
    }

    record CreateProject(String id) implements Op, Sends {
        public Request request() {
            return new Request("PUT", "/v1/project", Map.of("id", id, "name", id, "tenant", "crash"));
        }

        public void applyTo(Client m, JsonNode answer) {
            m.projects.put(id, new TreeMap<>());
        }

        public boolean appliedIn(Client m, State s) {
            return s.projects().containsKey(id);
        }
    }

    record LabelProject(String id, String changed, Map<String, String> before, Map<String, String> after) implements Op, Sends {
        public Request request() {
            return new Request("POST", "/v1/project", Map.of("id", id, "name", id, "tenant", "crash", "labels", after, "changed", changed));
        }

        public void applyTo(Client m, JsonNode answer) {
            m.projects.put(id, after);
        }

        public boolean appliedIn(Client m, State s) {
            Map<String, String> now = s.projects().get(id);
            if (now.equals(before)) {
                return false;
            }
            assertThat(now).as("labels of project %s after an update in flight", id).isEqualTo(after);
            return true;
        }
    }

    record Allocate(String name, String project) implements Op, Sends {
        public Request request() {
            return new Request("POST", "/v1/network/allocate", Map.of("name", name, "partitionid", "fra", "projectid", project));
        }

        public void applyTo(Client m, JsonNode answer) {
            String id = answer == null ? null : answer.path("id").asText();
            if (id == null) {
                id = m.networks.values().stream().filter(x -> x.name().equals(name)).map(Network::id).findFirst().orElseThrow();
            }
            m.networks.put(id, new Network(id, name, project, List.of(), null));
        }

        public boolean appliedIn(Client m, State s) {
            List<Network> named = s.networks().values().stream().filter(x -> x.name().equals(name)).toList();
            assertThat(named).as("networks named %s after an allocation in flight", name).hasSizeLessThanOrEqualTo(1);
            if (named.isEmpty()) {
                return false;
            }
            // recorded here, so that applyTo finds the id the server chose
            m.networks.put(named.get(0).id(), new Network(named.get(0).id(), name, project, List.of(), null));
            return true;
        }
    }

    record CreatePeering(String id, String network1, String network2) implements Op, Sends {
        public Request request() {
            return new Request("PUT", "/v1/network/peering", Map.of("id", id, "network1", network1, "network2", network2));
        }

        public void applyTo(Client m, JsonNode answer) {
            m.peerings.put(id, new Peering(id, network1, network2, new TreeMap<>()));
        }

        public boolean appliedIn(Client m, State s) {
            Peering p = s.peerings().get(id);
            if (p == null) {
                return false;
            }
            assertThat(p).isEqualTo(new Peering(id, network1, network2, new TreeMap<>()));
            return true;
        }
    }

    record LabelPeering(Peering before, String changed, Map<String, String> labels) implements Op, Sends {
        public Request request() {
            return new Request("POST", "/v1/network/peering", Map.of("id", before.id(), "labels", labels, "changed", changed));
        }

        public void applyTo(Client m, JsonNode answer) {
            m.peerings.put(before.id(), new Peering(before.id(), before.network1(), before.network2(), labels));
        }

        public boolean appliedIn(Client m, State s) {
            Peering now = s.peerings().get(before.id());
            if (now.equals(before)) {
                return false;
            }
            assertThat(now.labels()).as("labels of peering %s after an update in flight", before.id()).isEqualTo(labels);
            return true;
        }
    }

    record DeletePeering(Peering before) implements Op, Sends {
        public Request request() {
            return new Request("DELETE", "/v1/network/peering/" + before.id(), null);
        }

        public void applyTo(Client m, JsonNode answer) {
            m.peerings.remove(before.id());
        }

        public boolean appliedIn(Client m, State s) {
            Peering now = s.peerings().get(before.id());
            if (now == null) {
                return true;
            }
            assertThat(now).isEqualTo(before);
            return false;
        }
    }

    record Free(Network before) implements Op, Sends {
        public Request request() {
            return new Request("DELETE", "/v1/network/free/" + before.id(), null);
        }

        public void applyTo(Client m, JsonNode answer) {
            m.networks.remove(before.id());
        }

        public boolean appliedIn(Client m, State s) {
            return !s.networks().containsKey(before.id());
        }
    }

    record DeleteProject(String id, Map<String, String> labels) implements Op, Sends {
        public Request request() {
            return new Request("DELETE", "/v1/project/" + id, null);
        }

        public void applyTo(Client m, JsonNode answer) {
            m.projects.remove(id);
        }

        public boolean appliedIn(Client m, State s) {
            return !s.projects().containsKey(id);
        }
    }
}
