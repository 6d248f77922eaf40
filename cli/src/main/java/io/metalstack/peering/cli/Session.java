package io.metalstack.peering.cli;

import java.nio.file.Path;
import java.util.Locale;

import static java.util.Objects.requireNonNull;

/**
 * What every command needs: the global options (held by the root command, inherited by all),
 * the process environment, and what is derived from both (printer, configuration, connection).
 */
final class Session {
    private final Environment env;
    private final Metalctl options;

    Session(Environment env, Metalctl options) {
        this.env = requireNonNull(env, "env is null");
        this.options = requireNonNull(options, "options is null");
    }

    Environment env() {
        return env;
    }

    Printer printer() {
        return new Printer(options.format == null ? OutputFormat.TABLE : options.format, options.format != null,
                options.noHeaders, env.out());
    }

    Path configPath() {
        return options.config != null ? options.config : MetalctlConfig.defaultPath(env.home());
    }

    MetalctlConfig config() {
        return MetalctlConfig.load(configPath());
    }

    Connection connection() {
        return Connection.resolve(options.apiUrl, options.apiToken, env.variables(), config());
    }

    /**
     * Asks before something destructive. Passes with {@code --yes-i-really-mean-it}; asks on a terminal;
     * refuses without a terminal, since nobody could answer.
     */
    void confirm(String question) {
        if (options.yes) {
            return;
        }
        if (!env.terminal().interactive()) {
            throw new CliException(ExitCode.ABORTED, question.replaceAll("\\?$", "")
                    + ": stdin is not a terminal, pass --yes-i-really-mean-it to confirm");
        }
        String answer = env.terminal().readLine(question + " [y/N] ");
        if (answer == null || !(answer.trim().toLowerCase(Locale.ROOT).equals("y") || answer.trim().equalsIgnoreCase("yes"))) {
            throw new CliException(ExitCode.ABORTED, "aborted: nothing was changed");
        }
    }
}
