package io.metalstack.peering.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The parts of metalctl that need no server: contexts, help, completion, usage errors. */
class MetalctlTest {
    @TempDir
    Path home;

    private Invocation cli() {
        return Invocation.in(home);
    }

    @Test
    void contextsAddUseListShowRoundTripThroughTheConfigFile() throws Exception {
        assertThat(cli().run("context", "add", "dev", "--url", "http://dev:8080/", "--token", "t1").exit()).isZero();
        assertThat(cli().run("context", "add", "prod", "--url", "http://prod:8080").exit()).isZero();
        Path file = home.resolve(".metalctl/config.yaml");
        assertThat(Files.readString(file)).isEqualTo("""
                current: dev
                contexts:
                  dev:
                    url: http://dev:8080/
                    token: t1
                  prod:
                    url: http://prod:8080
                """);
        // it holds tokens: only its owner reads it
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwx------");
        assertThat(cli().run("context", "list").out()).isEqualTo("""
                   NAME  URL
                *  dev   http://dev:8080/
                   prod  http://prod:8080
                """);
        assertThat(cli().run("context", "use", "prod").out()).isEqualTo("switched to context \"prod\"\n");
        assertThat(cli().run("context", "show", "-o", "wide").out()).isEqualTo("""
                   NAME  URL               TOKEN
                *  prod  http://prod:8080
                """);
        assertThat(cli().env(Map.of(Connection.ENV_URL, "http://env:1")).run("context", "show", "--no-headers").out())
                .isEqualTo("*  prod  http://env:1\n");
        assertThat(cli().run("context", "list", "-o", "json").out()).doesNotContain("t1").contains("\"token\": true");
    }

    @Test
    void configFlagPointsElsewhere() {
        Path other = home.resolve("other.yaml");
        assertThat(cli().run("-c", other.toString(), "context", "add", "x", "--url", "http://x").exit()).isZero();
        assertThat(other).exists();
        assertThat(home.resolve(".metalctl/config.yaml")).doesNotExist();
        assertThat(cli().run("context", "list", "-c", other.toString(), "--no-headers").out()).isEqualTo("*  x  http://x\n");
    }

    @Test
    void usingAnUnknownContextListsTheKnownOnes() {
        cli().run("context", "add", "dev", "--url", "http://dev");
        Invocation.Result r = cli().run("context", "use", "nope");
        assertThat(r.exit()).isEqualTo(ExitCode.USAGE.code());
        assertThat(r.err()).isEqualTo("Error: context \"nope\" does not exist: use one of [dev], or add it with `metalctl context add`\n");
    }

    @Test
    void brokenConfigFileIsAUsageError() throws Exception {
        Files.createDirectories(home.resolve(".metalctl"));
        Files.writeString(home.resolve(".metalctl/config.yaml"), "current: [");
        Invocation.Result r = cli().run("context", "list");
        assertThat(r.exit()).isEqualTo(ExitCode.USAGE.code());
        assertThat(r.err()).startsWith("Error: config file ").contains("is not valid");
    }

    @Test
    void badFlagIsAUsageErrorWithSuggestionAndHint() {
        Invocation.Result r = cli().run("context", "list", "--output-fromat", "yaml");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).startsWith("Error: Unknown options: '--output-fromat', 'yaml'")
                .contains("--output-format").endsWith("Run 'metalctl context list --help' for usage.\n");
        Invocation.Result f = cli().run("-o", "xml", "context", "list");
        assertThat(f.exit()).isEqualTo(2);
        assertThat(f.err()).contains("output format \"xml\" is unknown: use table, wide, yaml, json or markdown");
    }

    @Test
    void groupWithoutSubcommandListsThem() {
        Invocation.Result r = cli().run("context");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).startsWith("Error: `metalctl context` needs a subcommand: add, list, show, use\n");
    }

    @Test
    void everyCommandHasHelpWithAnExample() {
        List<String> missing = new ArrayList<>();
        List<CommandLine> all = new ArrayList<>();
        collect(Metalctl.commandLine(Invocation.in(home).environment()), all);
        assertThat(all.size()).isGreaterThan(5);
        for (CommandLine c : all) {
            String help = c.getUsageMessage();
            if (!help.contains("Example") || !help.contains("  metalctl") && !help.contains("source <(metalctl")) {
                missing.add(c.getCommandSpec().qualifiedName());
            }
            for (String line : c.getCommandSpec().usageMessage().footer()) {
                assertThat(line.length()).as("example line of %s fits the help width", c.getCommandName())
                        .isLessThanOrEqualTo(Metalctl.USAGE_WIDTH - 2);
            }
        }
        assertThat(missing).isEmpty();
        Invocation.Result r = cli().run("--help");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("Exit codes:").contains("0   success").contains("3   the server could not be reached");
    }

    @Test
    void completionScriptsCoverTheCommandTree() {
        Invocation.Result bash = cli().run("completion", "bash");
        assertThat(bash.exit()).isZero();
        assertThat(bash.out()).contains("complete -F _complete_metalctl").contains("context");
        Invocation.Result zsh = cli().run("completion", "zsh");
        assertThat(zsh.out()).contains("bashcompinit");
        assertThat(cli().run("completion", "fish").exit()).isEqualTo(2);
    }

    private static void collect(CommandLine c, List<CommandLine> into) {
        into.add(c);
        c.getSubcommands().values().stream().distinct().forEach(s -> collect(s, into));
    }
}
