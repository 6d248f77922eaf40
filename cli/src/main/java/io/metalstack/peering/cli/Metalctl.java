package io.metalstack.peering.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

import java.lang.reflect.Constructor;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code metalctl}: the root command. Its options are global (inherited by every subcommand). */
@Command(name = "metalctl", version = "metalctl 0.1.0",
        description = "The command line of metal-stack's network peering API (metal-api).",
        subcommands = {NetworkCommand.class, ProjectCommand.class, PartitionCommand.class, SwitchCommand.class,
                MachineCommand.class, TokenCommand.class, EventCommand.class, ContextCommand.class, CompletionCommand.class},
        footerHeading = "%nExample:%n",
        footer = {"  metalctl network peering create --network1 privnet1 --network2 storage"})
public final class Metalctl extends Group {
    /** Wide enough that every example in the help fits on its line. */
    static final int USAGE_WIDTH = 100;

    @Option(names = {"-h", "--help"}, usageHelp = true, scope = ScopeType.INHERIT, description = "show this help and exit")
    boolean help;

    @Option(names = {"-V", "--version"}, versionHelp = true, description = "print the version and exit")
    boolean version;

    @Option(names = {"-o", "--output-format"}, scope = ScopeType.INHERIT, paramLabel = "FORMAT",
            converter = FormatConverter.class,
            description = "table, wide, yaml, json or markdown (default: table; describe: yaml); network peering graph: dot (default), svg or mermaid")
    OutputFormat format;

    @Option(names = "--no-headers", scope = ScopeType.INHERIT, description = "omit the table header")
    boolean noHeaders;

    @Option(names = "--api-url", scope = ScopeType.INHERIT, paramLabel = "URL",
            description = "metal-api URL (else $METALCTL_API_URL, else the current context)")
    String apiUrl;

    @Option(names = "--api-token", scope = ScopeType.INHERIT, paramLabel = "TOKEN",
            description = "bearer token (else $METALCTL_API_TOKEN, else the current context)")
    String apiToken;

    @Option(names = "-c", scope = ScopeType.INHERIT, paramLabel = "FILE",
            description = "config file (default: ~/.metalctl/config.yaml)")
    Path config;

    /**
     * The long spelling of {@code -c}, before the subcommand only: {@code switch describe --config} is a flag of its
     * own (show the rendered configuration), and picocli cannot have both on one command.
     */
    @Option(names = "--config", paramLabel = "FILE", description = "the same as -c, given before the subcommand")
    Path configLong;

    /** {@code -c FILE} or {@code --config FILE}; null: the default. */
    Path configFile() {
        return config != null ? config : configLong;
    }

    @Option(names = "--yes-i-really-mean-it", scope = ScopeType.INHERIT,
            description = "skip confirmation prompts (needed for deletes when stdin is not a terminal)")
    boolean yes;

    public static void main(String[] args) {
        System.exit(run(Environment.system(), args));
    }

    /** Runs one metalctl invocation and returns its exit code (see {@link ExitCode}). */
    static int run(Environment env, String... args) {
        return commandLine(env).execute(args);
    }

    static CommandLine commandLine(Environment env) {
        Metalctl root = new Metalctl();
        Session session = new Session(env, root);
        CommandLine cl = new CommandLine(root, new Factory(session));
        Converters.register(cl);
        cl.setOut(env.out());
        cl.setErr(env.err());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setUsageHelpWidth(USAGE_WIDTH);
        Map<String, String> codes = new LinkedHashMap<>();
        for (ExitCode code : ExitCode.values()) {
            codes.put(Integer.toString(code.code()), code.meaning());
        }
        cl.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(codes);
        cl.setExecutionExceptionHandler((ex, line, parseResult) -> {
            Failure failure = Failure.of(ex);
            line.getErr().println("Error: " + failure.message());
            line.getErr().flush();
            return failure.exitCode().code();
        });
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine line = ex.getCommandLine();
            line.getErr().println("Error: " + ex.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, line.getErr());
            line.getErr().println("Run '" + line.getCommandSpec().qualifiedName() + " --help' for usage.");
            line.getErr().flush();
            return ExitCode.USAGE.code();
        });
        cl.setExitCodeExceptionMapper(ex -> Failure.of(ex).exitCode().code());
        return cl;
    }

    static final class FormatConverter implements CommandLine.ITypeConverter<OutputFormat> {
        @Override
        public OutputFormat convert(String value) {
            try {
                return OutputFormat.parse(value);
            } catch (CliException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    /** Gives every command that wants it the session (constructor injection, no container). */
    private record Factory(Session session) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> cls) throws Exception {
            for (Constructor<?> c : cls.getDeclaredConstructors()) {
                if (c.getParameterCount() == 1 && c.getParameterTypes()[0] == Session.class) {
                    c.setAccessible(true);
                    return cls.cast(c.newInstance(session));
                }
            }
            return CommandLine.defaultFactory().create(cls);
        }
    }
}
