package io.metalstack.peering.server.launch;

import io.metalstack.peering.api.PrivateFiles;
import io.metalstack.peering.model.DomainException;
import io.metalstack.peering.model.Durations;
import io.metalstack.peering.model.PeeringApproval;
import io.metalstack.peering.model.rules.PeeringRules;
import io.metalstack.peering.server.service.Edits;
import io.metalstack.peering.server.service.Quotas;
import io.metalstack.peering.server.http.MetalApiServer;
import io.metalstack.peering.server.service.TokenService;
import io.metalstack.peering.server.store.Database;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.time.Duration;

/** Starts metal-api: wires the object graph by hand. Run through {@code bin/metal-api}. */
public final class Main {

    static final String ADMIN_TOKEN_ENV = TokenService.ADMIN_TOKEN_ENV;

    /** Command line of {@code bin/metal-api}. */
    record Options(int port, String host, Path dataDir, String dbUrl, boolean writeHomeConfig, int quota, Path home, boolean demo,
                   int networkQuota, PeeringApproval approval, Duration eventRetention) {

        Options(int port, String host, Path dataDir, String dbUrl, boolean writeHomeConfig, int quota, Path home) {
            this(port, host, dataDir, dbUrl, writeHomeConfig, quota, home, false, Quotas.DEFAULT_NETWORKS,
                    new PeeringApproval(PeeringApproval.DEFAULT_TTL), Edits.DEFAULT_EVENT_RETENTION);
        }

        /** Parses {@code args}; a UsageException without a message for {@code --help}, with picocli's for a wrong line. */
        static Options parse(String[] args, Path home) {
            Line line = new Line();
            CommandLine cl = new CommandLine(line);
            try {
                cl.parseArgs(args);
            } catch (CommandLine.ParameterException e) {
                throw new UsageException(e.getMessage());
            }
            if (line.help) {
                throw new UsageException(null);
            }
            PeeringApproval approval;
            try {
                approval = new PeeringApproval(Durations.parse(line.peeringApprovalTime));
            } catch (DomainException e) {
                throw new UsageException("--peering-approval-time: " + e.getMessage());
            }
            Duration retention;
            try {
                retention = Durations.parse(line.eventRetention);
                new Edits(Clock.systemUTC(), retention);
            } catch (DomainException e) {
                throw new UsageException("--event-retention: " + e.getMessage());
            }
            return new Options(line.port, line.host, line.dataDir, line.dbUrl, !line.noMetalctlConfig, line.peeringQuota, home,
                    line.demo, line.networkQuota, approval, retention);
        }
    }

    @Command(name = "metal-api", sortOptions = false, usageHelpWidth = 120,
            description = "metal-api with network peering: REST API, switch intents for the agents, peering status.",
            footerHeading = "%n",
            footer = {"admin token: from $" + TokenService.ADMIN_TOKEN_ENV + ", else generated once into <data-dir>/admin-token",
                    "metalctl:    context \"" + MetalctlContext.NAME + "\" written to <data-dir>/metalctl.yaml and merged into"
                            + " ~/.metalctl/config.yaml"})
    static final class Line {
        @Option(names = "--port", paramLabel = "PORT", description = "HTTP port (default: ${DEFAULT-VALUE}; 0: a free one)")
        int port = 8080;

        @Option(names = "--host", paramLabel = "HOST", description = "address to listen on (default: ${DEFAULT-VALUE})")
        String host = "0.0.0.0";

        @Option(names = "--data-dir", paramLabel = "DIR", description = "admin token, metalctl context, H2 database (default: ${DEFAULT-VALUE})")
        Path dataDir = Paths.get(".metal");

        @Option(names = "--db-url", paramLabel = "JDBC-URL",
                description = "e.g. jdbc:postgresql://localhost:5432/metal?user=metal&password=... (default: an H2 file database <data-dir>/metal)")
        String dbUrl;

        @Option(names = "--peering-quota", paramLabel = "N", description = "peerings per network (default: ${DEFAULT-VALUE})")
        int peeringQuota = PeeringRules.DEFAULT_QUOTA;

        @Option(names = "--network-quota", paramLabel = "N",
                description = "networks a project may hold unless an admin sets its label quota.metal-stack.io/networks (default: ${DEFAULT-VALUE})")
        int networkQuota = Quotas.DEFAULT_NETWORKS;

        @Option(names = "--peering-approval-time", paramLabel = "DURATION",
                description = "how long a peering into a shared network labelled " + PeeringApproval.LABEL + "=" + PeeringApproval.REQUIRED
                        + " awaits its owner's approval before it expires, e.g. 30m, 72h (default: ${DEFAULT-VALUE}, 7 days)")
        String peeringApprovalTime = Durations.format(PeeringApproval.DEFAULT_TTL);

        @Option(names = "--event-retention", paramLabel = "DURATION",
                description = "how long the events of the audit timeline are kept, e.g. 720h (default: ${DEFAULT-VALUE}, 90 days);"
                        + " older ones are pruned by later writes, in bounded batches")
        String eventRetention = Durations.format(Edits.DEFAULT_EVENT_RETENTION);

        @Option(names = "--no-metalctl-config", description = "do not merge the context into ~/.metalctl/config.yaml")
        boolean noMetalctlConfig;

        @Option(names = "--demo", description = "seed the demo partition fra-equ01 once (switches, machines, the MEP's networks); "
                + "bin/metal-api then runs one metal-core agent per switch, writing the rendered configs to <data-dir>/switches/<switch>/")
        boolean demo;

        @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help and exit")
        boolean help;
    }

    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }

    /** The {@code --help} text: every option with its default. */
    static String usage() {
        java.io.StringWriter out = new java.io.StringWriter();
        new CommandLine(new Line()).usage(new PrintWriter(out));
        return out.toString();
    }

    private Main() {}

    public static void main(String[] args) throws IOException {
        Options options;
        try {
            options = Options.parse(args, Paths.get(System.getProperty("user.home")));
        } catch (UsageException e) {
            if (e.getMessage() != null) {
                System.err.println("metal-api: " + e.getMessage());
            }
            System.err.print(usage());
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
            MetalApiServer server = new MetalApiServer(db, new PeeringRules(o.quota()), Clock.systemUTC(), new Quotas(o.networkQuota()), o.approval(),
                    o.eventRetention());
            String token;
            Path tokenFile = o.dataDir().resolve("admin-token");
            if (envToken != null && !envToken.isBlank()) {
                token = envToken.trim();
                report.add("admin token: from $" + ADMIN_TOKEN_ENV);
            } else {
                if (!Files.exists(tokenFile)) {
                    PrivateFiles.write(tokenFile, (TokenService.newSecret() + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
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
