package io.metalstack.peering.agent;

import io.metalstack.peering.api.MetalApiClient;
import io.metalstack.peering.frr.FrrRenderer;
import io.metalstack.peering.frr.SwitchLocal;
import io.metalstack.peering.model.DomainException;
import io.metalstack.peering.model.Durations;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * {@code bin/metal-core}: one agent per switch. Wires the graph by hand: client → {@link SwitchApi}, target
 * ({@link FrrTarget} or {@link DirectoryTarget}), switch-local facts ({@link SwitchLocalOptions}) → {@link Reconciler}
 * → {@link Agent}. Subcommand {@code render} ({@link RenderCommand}) renders metal-core's own conf.yaml instead.
 */
@Command(name = "metal-core", mixinStandardHelpOptions = true, sortOptions = false, subcommands = RenderCommand.class,
        description = "Watches a switch's intent at metal-api, renders its FRR config, validates, applies and reports.")
public final class Main implements Callable<Integer> {

    enum TargetKind { frr, dir }

    // required for the agent, not for the render subcommand: checked in build()
    @Option(names = "--switch", description = "the switch id (its hostname); required")
    String switchId;

    @Option(names = "--api-url", description = "metal-api base URL, e.g. http://localhost:8080; required")
    URI apiUrl;

    @Option(names = "--token", defaultValue = "${env:METAL_CORE_TOKEN}", description = "bearer token (role infra or admin); default $METAL_CORE_TOKEN")
    String token;

    @Option(names = "--target", defaultValue = "frr", description = "frr (running daemons) or dir (write the files); default ${DEFAULT-VALUE}")
    TargetKind target;

    @Option(names = "--dir", description = "directory for --target dir; default ./switches/<switch>")
    Path dir;

    @Option(names = "--frr-config", defaultValue = "/etc/frr/frr.conf", description = "FRR config file; default ${DEFAULT-VALUE}")
    Path frrConfig;

    @Option(names = "--vty-socket", description = "the daemons' vty socket directory; default vtysh's own")
    Path vtySocket;

    @Option(names = "--vtysh", defaultValue = "vtysh", description = "vtysh binary; default ${DEFAULT-VALUE}")
    String vtysh;

    @Option(names = "--frr-reload", defaultValue = "/usr/lib/frr/frr-reload.py", description = "frr-reload.py, used offline for the delta; default ${DEFAULT-VALUE}")
    String frrReload;

    enum OsSideMode { apply, skip }

    @Option(names = "--os-side", defaultValue = "apply", description = "with --target frr: apply the switch OS side before FRR "
            + "(SONiC: CONFIG_DB over redis; Cumulus: the interfaces file with ifupdown2), or skip it (FRR only, e.g. a lab); default ${DEFAULT-VALUE}")
    OsSideMode osSide;

    @Option(names = "--config-db", defaultValue = "${env:METAL_CORE_CONFIG_DB:-unix:///var/run/redis/redis.sock?db=4}",
            description = "SONiC's CONFIG_DB: unix:///PATH?db=N or redis://HOST:PORT/N; default ${DEFAULT-VALUE}")
    String configDb;

    @Option(names = "--interfaces", defaultValue = "/etc/network/interfaces", description = "Cumulus: the interfaces file; default ${DEFAULT-VALUE}")
    Path interfacesFile;

    @Option(names = "--long-poll", defaultValue = "30s", converter = DurationConverter.class, description = "long-poll timeout (max 120s); default ${DEFAULT-VALUE}")
    Duration longPoll;

    @Option(names = "--poll-interval", defaultValue = "10s", converter = DurationConverter.class, description = "interval of plain polling after repeated long-poll failures; default ${DEFAULT-VALUE}")
    Duration pollInterval;

    @Option(names = "--retry-interval", defaultValue = "10s", converter = DurationConverter.class, description = "retry of a failed apply; default ${DEFAULT-VALUE}")
    Duration retryInterval;

    @Option(names = "--observe-interval", defaultValue = "2s", converter = DurationConverter.class, description = "re-read of the BGP tables between changes; default ${DEFAULT-VALUE}")
    Duration observeInterval;

    @Option(names = "--settle", defaultValue = "10s", converter = DurationConverter.class, description = "after an apply, wait at most this long for BGP to show the expected routes before reporting; default ${DEFAULT-VALUE}")
    Duration settle;

    @Option(names = "--drift-check", defaultValue = "10m", converter = DurationConverter.class, description = "with --target frr: "
            + "a full reload (frr-reload.py against the running config, repairs changes made by hand) at least this often, "
            + "also without a change; between, an apply pushes only the computed change; 0: every apply is a full reload; default ${DEFAULT-VALUE}")
    Duration driftCheck;

    @Option(names = "--backoff-max", defaultValue = "30s", converter = DurationConverter.class, description = "cap of the reconnect backoff; default ${DEFAULT-VALUE}")
    Duration backoffMax;

    @Mixin
    SwitchLocalOptions switchLocal = new SwitchLocalOptions();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Where metal-core's environment variables are read; tests give their own. */
    Function<String, String> env = System::getenv;

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }

    @Override
    public Integer call() {
        build().run();
        return 0;
    }

    /** Starts an agent from {@code bin/metal-core}'s arguments on a daemon thread; for tests and the demo. */
    public static Running start(String... args) {
        Main main = new Main();
        new CommandLine(main).parseArgs(args);
        Agent agent = main.build();
        Thread thread = new Thread(agent, "metal-core-" + main.switchId);
        thread.setDaemon(true);
        thread.start();
        return new Running(agent, thread);
    }

    /** A started agent; {@link #close()} stops its loop and waits for it. */
    public static final class Running implements AutoCloseable {
        private final Agent agent;
        private final Thread thread;

        private Running(Agent agent, Thread thread) {
            this.agent = agent;
            this.thread = thread;
        }

        @Override
        public void close() {
            agent.stop();
            thread.interrupt();
            try {
                thread.join(Duration.ofSeconds(30).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    Agent build() {
        List<String> missing = new ArrayList<>();
        if (switchId == null) {
            missing.add("'--switch=<switchId>'");
        }
        if (apiUrl == null) {
            missing.add("'--api-url=<apiUrl>'");
        }
        if (!missing.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "Missing required option" + (missing.size() > 1 ? "s" : "") + ": " + String.join(", ", missing));
        }
        SwitchLocal local;
        try {
            local = switchLocal.resolve(env);
        } catch (DomainException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        if (driftCheck.isNegative()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--drift-check must not be negative: " + driftCheck);
        }
        if (longPoll.compareTo(Duration.ofSeconds(120)) > 0) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--long-poll must be at most 120s: " + longPoll);
        }
        RedisEndpoint redis;
        try {
            redis = RedisEndpoint.parse(configDb);
        } catch (IllegalArgumentException | DomainException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--config-db: " + e.getMessage());
        }
        ApplyTarget applyTarget = switch (target) {
            case frr -> {
                FrrTarget frr = new FrrTarget(frrConfig, new Vtysh(vtysh, vtySocket), new ReloadDelta(frrReload), driftCheck);
                yield switch (osSide) {
                    case apply -> new SwitchTarget(new OsSide(() -> new ConfigDbApplier(redis, Duration.ofSeconds(10)),
                            () -> new InterfacesApplier(interfacesFile, new Ifupdown2(List.of(), Ifupdown2.RELOAD))), frr);
                    case skip -> frr;
                };
            }
            case dir -> new DirectoryTarget(dir != null ? dir : Path.of("switches", switchId));
        };
        SwitchApi api = SwitchApi.of(new MetalApiClient(apiUrl, token), switchId);
        Agent.Settings settings = new Agent.Settings(longPoll, pollInterval, retryInterval, observeInterval,
                new Backoff(Duration.ofMillis(500).compareTo(backoffMax) < 0 ? Duration.ofMillis(500) : backoffMax, backoffMax), 3);
        return new Agent(switchId, api, new Reconciler(applyTarget, new FrrRenderer(), local, System::nanoTime, settle), settings,
                d -> Thread.sleep(d.toMillis()));
    }

    /** The durations of the command line: {@link Durations#parse}. */
    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            try {
                return Durations.parse(value);
            } catch (DomainException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
