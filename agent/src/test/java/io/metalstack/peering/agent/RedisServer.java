package io.metalstack.peering.agent;

import io.metalstack.peering.frr.lab.Poll;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisException;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real {@code redis-server} for tests: its own temp directory (unix socket, log, no persistence), a free TCP port on
 * 127.0.0.1, run as our child and ended by its PID in {@link #close()}. Fails when redis-server is not installed
 * ({@code scripts/install-deps.sh} installs it): a test that needs it never skips.
 */
final class RedisServer implements AutoCloseable {
    private static final Duration START = Duration.ofSeconds(20);
    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(5);

    private final Path dir;
    private final int port;
    private Process process;

    private RedisServer(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    static RedisServer start() {
        try {
            RedisServer server = new RedisServer(Files.createTempDirectory("redis-it"), freePort());
            server.launch();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare a redis-server", e);
        }
    }

    private static String binary() {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        return Stream.concat(Stream.of(path.split(File.pathSeparator)), Stream.of("/usr/bin", "/usr/sbin"))
                .map(d -> Path.of(d, "redis-server")).filter(Files::isExecutable).findFirst()
                .map(Path::toString)
                .orElseThrow(() -> new IllegalStateException("redis-server is not installed (scripts/install-deps.sh installs it)"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private void launch() throws IOException {
        Files.deleteIfExists(socket());
        process = new ProcessBuilder(binary(), "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--unixsocket", socket().toString(), "--unixsocketperm", "700", "--dir", dir.toString(),
                "--save", "", "--appendonly", "no", "--daemonize", "no", "--logfile", log().toString(),
                "--enable-debug-command", "local", "--databases", "16")
                .redirectErrorStream(true).redirectOutput(dir.resolve("stdout.txt").toFile()).start();
        try {
            Poll.await(START, "redis-server on " + socket() + " to answer PING (log: " + log() + ")", () -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("redis-server exited (" + process.exitValue() + "): " + tail());
                }
                try (Jedis j = new RedisEndpoint.UnixSocket(socket(), 0).connect(Duration.ofSeconds(1))) {
                    return "PONG".equals(j.ping());
                } catch (JedisException e) {
                    return false;
                }
            });
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    Path socket() {
        return dir.resolve("redis.sock");
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    RedisEndpoint unix(int db) {
        return new RedisEndpoint.UnixSocket(socket(), db);
    }

    RedisEndpoint tcp(int db) {
        return new RedisEndpoint.Tcp("127.0.0.1", port, db);
    }

    /** A test's own connection to database {@code db}. */
    Jedis client(int db) {
        return unix(db).connect(CLIENT_TIMEOUT);
    }

    /** Every hash of database {@code db} by key (other types as their type name), for comparing whole databases. */
    Map<String, Map<String, String>> dump(int db) {
        Map<String, Map<String, String>> all = new TreeMap<>();
        try (Jedis j = client(db)) {
            for (String key : j.keys("*")) {
                String type = j.type(key);
                all.put(key, type.equals("hash") ? new TreeMap<>(j.hgetAll(key)) : Map.of("<type>", type));
            }
        }
        return all;
    }

    /** The number of calls of each command since the start ({@code INFO commandstats}), e.g. {@code hset -> 12}. */
    Map<String, Long> commandCalls() {
        Map<String, Long> calls = new TreeMap<>();
        try (Jedis j = client(0)) {
            for (String line : j.info("commandstats").lines().toList()) {
                // cmdstat_hset:calls=12,usec=...
                if (line.startsWith("cmdstat_")) {
                    String name = line.substring("cmdstat_".length(), line.indexOf(':'));
                    String calls0 = line.substring(line.indexOf("calls=") + 6);
                    calls.put(name, Long.parseLong(calls0.substring(0, calls0.indexOf(','))));
                }
            }
        }
        return calls;
    }

    /** Changes to the data since the start ({@code rdb_changes_since_last_save}; nothing is ever saved). */
    long dataChanges() {
        try (Jedis j = client(0)) {
            return j.info("persistence").lines().filter(l -> l.startsWith("rdb_changes_since_last_save:"))
                    .mapToLong(l -> Long.parseLong(l.substring(l.indexOf(':') + 1).strip())).findFirst()
                    .orElseThrow(() -> new IllegalStateException("INFO persistence has no rdb_changes_since_last_save"));
        }
    }

    private Path log() {
        return dir.resolve("redis.log");
    }

    private String tail() {
        try {
            List<String> lines = Files.exists(log()) ? Files.readAllLines(log(), StandardCharsets.UTF_8)
                    : Files.readAllLines(dir.resolve("stdout.txt"), StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 10), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** Ends the server by its PID (SIGTERM, then SIGKILL) and removes its directory. */
    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            ProcessHandle.of(process.pid()).ifPresent(ProcessHandle::destroy);
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    ProcessHandle.of(process.pid()).ifPresent(ProcessHandle::destroyForcibly);
                    process.waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temp directory is harmless
        }
    }
}
