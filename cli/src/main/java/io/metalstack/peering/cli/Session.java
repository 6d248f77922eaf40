package io.metalstack.peering.cli;

import io.metalstack.peering.api.MetalApiClient;

import java.net.URI;
import java.net.URISyntaxException;
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
    private MetalApiClient client;

    Session(Environment env, Metalctl options) {
        this.env = requireNonNull(env, "env is null");
        this.options = requireNonNull(options, "options is null");
    }

    Environment env() {
        return env;
    }

    Printer printer() {
        if (options.format != null && options.format.graph()) {
            throw CliException.usage("output format \"%s\" draws the peering graph: only `metalctl network peering graph` takes %s; "
                    + "use %s", options.format, OutputFormat.GRAPHS, OutputFormat.PRINTERS);
        }
        return new Printer(options.format == null ? OutputFormat.TABLE : options.format, options.format != null,
                options.noHeaders, env.out(), env.cells());
    }

    /** The drawing {@code network peering graph} makes: {@code -o dot} (the default), {@code svg} or {@code mermaid}. */
    OutputFormat graphFormat() {
        if (options.format == null) {
            return OutputFormat.DOT;
        }
        if (!options.format.graph()) {
            throw CliException.usage("output format \"%s\" prints records: `metalctl network peering graph` draws %s", options.format,
                    OutputFormat.GRAPHS);
        }
        return options.format;
    }

    Path configPath() {
        return options.configFile() != null ? options.configFile() : MetalctlConfig.defaultPath(env.home());
    }

    MetalctlConfig config() {
        return MetalctlConfig.load(configPath());
    }

    Connection connection() {
        return Connection.resolve(options.apiUrl, options.apiToken, env.variables(), config());
    }

    /** The API client for the resolved connection, created on first use. */
    MetalApiClient client() {
        if (client == null) {
            Connection c = connection();
            URI uri;
            try {
                uri = new URI(c.url());
            } catch (URISyntaxException e) {
                throw CliException.usage("API URL \"%s\" (from %s) is invalid: %s", c.url(), c.urlSource(), e.getReason());
            }
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw CliException.usage("API URL \"%s\" (from %s) is invalid: use http://host:port or https://host:port", c.url(), c.urlSource());
            }
            client = new MetalApiClient(uri, c.token().orElse(null));
        }
        return client;
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
