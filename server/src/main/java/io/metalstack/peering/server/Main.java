package io.metalstack.peering.server;

import io.metalstack.peering.api.PrivateFiles;
import io.metalstack.peering.model.rules.PeeringRules;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;

/** Starts metal-api: wires the object graph by hand. Run through {@code bin/metal-api}. */
public final class Main {

    static final String ADMIN_TOKEN_ENV = "METAL_API_ADMIN_TOKEN";

    /** Command line of {@code bin/metal-api}. */
    record Options(int port, String host, Path dataDir, String dbUrl, boolean writeHomeConfig, int quota, Path home, boolean demo,
                   int networkQuota) {

        Options(int port, String host, Path dataDir, String dbUrl, boolean writeHomeConfig, int quota, Path home) {
            this(port, host, dataDir, dbUrl, writeHomeConfig, quota, home, false, Quotas.DEFAULT_NETWORKS);
        }

        static Options parse(String[] args, Path home) {
            int port = 8080;
            String host = "0.0.0.0";
            Path dataDir = Paths.get(".metal");
            String dbUrl = null;
            boolean homeConfig = true;
            int quota = PeeringRules.DEFAULT_QUOTA;
            boolean demo = false;
            int networkQuota = Quotas.DEFAULT_NETWORKS;
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                String value = a.contains("=") ? a.substring(a.indexOf('=') + 1) : null;
                String flag = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
                if (flag.equals("--no-metalctl-config")) {
                    homeConfig = false;
                    continue;
                }
                if (flag.equals("--demo")) {
                    demo = true;
                    continue;
                }
                if (flag.equals("-h") || flag.equals("--help")) {
                    throw new UsageException(null);
                }
                if (value == null) {
                    if (i + 1 >= args.length) {
                        throw new UsageException("option " + flag + " needs a value");
                    }
                    value = args[++i];
                }
                switch (flag) {
                    case "--port" -> port = number(flag, value);
                    case "--host" -> host = value;
                    case "--data-dir" -> dataDir = Paths.get(value);
                    case "--db-url" -> dbUrl = value;
                    case "--peering-quota" -> quota = number(flag, value);
                    case "--network-quota" -> networkQuota = number(flag, value);
                    default -> throw new UsageException("unknown option " + flag);
                }
            }
            return new Options(port, host, dataDir, dbUrl, homeConfig, quota, home, demo, networkQuota);
        }

        private static int number(String flag, String value) {
            try {
                return Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw new UsageException("option " + flag + " needs a number, not \"" + value + "\"");
            }
        }
    }

    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }

    static final String USAGE = """
            usage: metal-api [--port 8080] [--data-dir ./.metal] [--db-url <jdbc url>] [--peering-quota 50]
                             [--network-quota 64] [--host 0.0.0.0] [--no-metalctl-config] [--demo]
              --db-url         a JDBC URL, e.g. jdbc:postgresql://localhost:5432/metal?user=metal&password=...
                               (default: an H2 file database <data-dir>/metal)
              --network-quota  networks a project may hold unless an admin sets its label quota.metal-stack.io/networks
              admin token      from $METAL_API_ADMIN_TOKEN, else generated once into <data-dir>/admin-token
              metalctl         context "metal-peering" written to <data-dir>/metalctl.yaml and merged into
                               ~/.metalctl/config.yaml (skip the latter with --no-metalctl-config)
              --demo           seed the demo partition fra-equ01 once (switches, machines, the MEP's networks);
                               bin/metal-api then runs one metal-core agent per switch, writing the rendered
                               configs to <data-dir>/switches/<switch>/
            """;

    private Main() {}

    public static void main(String[] args) throws IOException {
        Options options;
        try {
            options = Options.parse(args, Paths.get(System.getProperty("user.home")));
        } catch (UsageException e) {
            if (e.getMessage() != null) {
                System.err.println("metal-api: " + e.getMessage());
            }
            System.err.print(USAGE);
            System.exit(e.getMessage() == null ? 0 : 2);
            return;
        }
        Running running = start(options, System.getenv(ADMIN_TOKEN_ENV));
        Runtime.getRuntime().addShutdownHook(new Thread(running::close, "metal-api-shutdown"));
        running.report().forEach(System.out::println);
    }

    /** A started server and what it wrote. */
    record Running(MetalApiServer server, Database db, String url, java.util.List<String> report) implements AutoCloseable {
        @Override
        public void close() {
            server.close();
            db.close();
        }
    }

    static Running start(Options o, String envToken) throws IOException {
        PrivateFiles.createDirectories(o.dataDir());
        Database db = new Database(o.dbUrl() == null ? Database.h2Url(o.dataDir()) : o.dbUrl(), null, null);
        java.util.List<String> report = new java.util.ArrayList<>();
        try {
            MetalApiServer server = new MetalApiServer(db, new PeeringRules(o.quota()), Clock.systemUTC(), new Quotas(o.networkQuota()));
            String token;
            Path tokenFile = o.dataDir().resolve("admin-token");
            if (envToken != null && !envToken.isBlank()) {
                token = envToken.trim();
                report.add("admin token: from $" + ADMIN_TOKEN_ENV);
            } else {
                if (!Files.exists(tokenFile)) {
                    PrivateFiles.write(tokenFile, (Tokens.newSecret() + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
                }
                PrivateFiles.restrict(tokenFile);
                token = Files.readString(tokenFile).trim();
                report.add("admin token: " + tokenFile.toAbsolutePath());
            }
            server.installAdminToken(token);
            server.start(o.host(), o.port());
            String url = "http://localhost:" + server.port();
            Path local = o.dataDir().resolve("metalctl.yaml");
            Files.deleteIfExists(local);
            MetalctlContext.merge(local, url, token);
            report.add("metalctl context \"" + MetalctlContext.NAME + "\": " + local.toAbsolutePath());
            if (o.writeHomeConfig()) {
                Path home = o.home().resolve(".metalctl/config.yaml");
                MetalctlContext.merge(home, url, token);
                report.add("metalctl context \"" + MetalctlContext.NAME + "\" merged into " + home);
            }
            report.add("database: " + (o.dbUrl() == null ? "H2 " + o.dataDir().toAbsolutePath().resolve("metal") : "from --db-url"));
            report.add("metal-api listening on " + url + " (OpenAPI: " + url + MetalApiServer.OPENAPI_PATH + ")");
            if (o.demo()) {
                Demo.Seeded seeded = Demo.seed(new io.metalstack.peering.api.MetalApiClient(java.net.URI.create(url), token),
                        o.dataDir().resolve("demo"), url);
                report.add("demo: partition " + Demo.PARTITION + (seeded.fresh() ? " seeded" : " already seeded") + "; switches "
                        + String.join(", ", seeded.switches()) + "; configs in " + o.dataDir().toAbsolutePath().resolve("switches"));
            }
            return new Running(server, db, url, java.util.List.copyOf(report));
        } catch (RuntimeException | IOException e) {
            db.close();
            throw e;
        }
    }
}
