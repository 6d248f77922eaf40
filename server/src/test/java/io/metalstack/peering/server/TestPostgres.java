package io.metalstack.peering.server;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A throwaway PostgreSQL 15 server: initdb + pg_ctl from {@code /usr/lib/postgresql/15/bin} (or {@code $PG_BIN}) in a
 * temp dir on a free port; as root the binaries run as user {@code postgres}. {@link #close()} stops it by PID and
 * removes the directory. Used by the integration tests and the load generator.
 */
public final class TestPostgres implements AutoCloseable {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private final Path bin;
    private final Path dir;
    private final int port;
    private final boolean root;
    private long pid = -1;

    private TestPostgres(Path bin, Path dir, int port, boolean root) {
        this.bin = bin;
        this.dir = dir;
        this.port = port;
        this.root = root;
    }

    /** A new, empty database on this server. */
    public String newDatabaseUrl() {
        String name = "metal_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        try (Connection c = DriverManager.getConnection(url("postgres"));
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name + " on the test PostgreSQL: " + e.getMessage(), e);
        }
        return url(name);
    }

    /** The server's log file (what {@code log_statement} writes, for the load generator's statement count). */
    public Path log() {
        return dir.resolve("log");
    }

    /** A superuser connection URL to the maintenance database {@code postgres}. */
    public String adminUrl() {
        return url("postgres");
    }

    String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=postgres";
    }

    public static TestPostgres start() {
        Path bin = Paths.get(System.getenv().getOrDefault("PG_BIN", "/usr/lib/postgresql/15/bin"));
        if (!Files.isExecutable(bin.resolve("initdb")) || !Files.isExecutable(bin.resolve("pg_ctl"))) {
            throw new IllegalStateException("PostgreSQL binaries not found in " + bin + " (initdb, pg_ctl): install them"
                    + " (Debian: apt-get install postgresql-15) or set PG_BIN; the PostgreSQL integration tests need a real server");
        }
        boolean root = "root".equals(System.getProperty("user.name"));
        try {
            Path dir = Files.createTempDirectory("metal-pg-");
            if (root) {
                run(List.of("chown", "-R", "postgres:postgres", dir.toString()), false);
            }
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            TestPostgres server = new TestPostgres(bin, dir, port, root);
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "stop-test-postgres"));
            Path data = dir.resolve("data");
            run(server.as(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-A", "trust", "-U", "postgres",
                    "-E", "UTF8", "--no-sync")), root);
            run(server.as(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", dir.resolve("log").toString(),
                    "-w", "-t", "60", "-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=off",
                    "start")), root);
            server.pid = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).trim());
            return server;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the test PostgreSQL: " + e.getMessage(), e);
        }
    }

    private List<String> as(List<String> command) {
        if (!root) {
            return command;
        }
        List<String> c = new ArrayList<>(List.of("runuser", "-u", "postgres", "--"));
        c.addAll(command);
        return c;
    }

    private static void run(List<String> command, boolean quiet) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        try {
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed:\n" + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + String.join(" ", command), e);
        }
    }

    /** Stops the postmaster by its PID (SIGINT = fast shutdown) and waits for it. */
    @Override
    public synchronized void close() {
        if (pid <= 0) {
            return;
        }
        long p = pid;
        pid = -1;
        ProcessHandle.of(p).ifPresent(h -> {
            try {
                new ProcessBuilder("kill", "-INT", Long.toString(p)).start().waitFor(10, TimeUnit.SECONDS);
                h.onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                h.destroyForcibly();
            }
        });
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not remove " + dir + ": " + e.getMessage());
        }
    }
}
