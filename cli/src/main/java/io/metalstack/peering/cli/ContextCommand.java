package io.metalstack.peering.cli;

import io.metalstack.peering.cli.TableView.Column;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;

/** {@code metalctl context list|use|show|add}: the contexts (API URL and token) of the config file. */
@Command(name = "context", aliases = "ctx", description = "Manage contexts (API URL and token) in the config file.",
        subcommands = {ContextCommand.ListContexts.class, ContextCommand.Use.class, ContextCommand.Show.class,
                ContextCommand.Add.class},
        footerHeading = "%nExample:%n", footer = {"  metalctl context list"})
final class ContextCommand extends Group {

    /** A context as printed; the token itself is never printed, only whether one is set. */
    record Row(boolean current, String name, String url, boolean token) {}

    static final TableView<Row> VIEW = TableView.of(
            Column.of("", r -> r.current() ? "*" : ""),
            Column.of("NAME", Row::name),
            Column.of("URL", Row::url),
            Column.wideOnly("TOKEN", r -> r.token() ? "set" : ""));

    static List<Row> rows(MetalctlConfig config) {
        return config.contexts().entrySet().stream()
                .map(e -> new Row(e.getKey().equals(config.current()), e.getKey(), nullToEmpty(e.getValue().url()),
                        e.getValue().token() != null && !e.getValue().token().isBlank()))
                .toList();
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    @Command(name = "list", aliases = "ls", description = "List the contexts; * marks the current one.",
            footerHeading = "%nExample:%n", footer = {"  metalctl context list -o wide"})
    static final class ListContexts extends SessionCommand {

        ListContexts(Session session) {
            super(session);
        }

        @Override
        public void run() {
            session.printer().list(rows(session.config()), VIEW);
        }
    }

    @Command(name = "use", aliases = "switch", description = "Make a context the current one.",
            footerHeading = "%nExample:%n", footer = {"  metalctl context use prod"})
    static final class Use extends SessionCommand {
        @Parameters(index = "0", paramLabel = "NAME", description = "the context to use")
        String name;

        Use(Session session) {
            super(session);
        }

        @Override
        public void run() {
            session.config().use(name).save(session.configPath());
            session.printer().note("switched to context \"" + name + "\"");
        }
    }

    @Command(name = "show", description = "Show the context in use and where the API URL comes from.",
            footerHeading = "%nExample:%n", footer = {"  metalctl context show"})
    static final class Show extends SessionCommand {

        Show(Session session) {
            super(session);
        }

        @Override
        public void run() {
            MetalctlConfig config = session.config();
            Connection connection = session.connection();
            String name = config.current() == null ? "" : config.current();
            session.printer().one(new Row(true, name, connection.url(), connection.token().isPresent()), VIEW);
        }
    }

    @Command(name = "add", description = "Add (or replace) a context.",
            footerHeading = "%nExample:%n",
            footer = {"  metalctl context add local --url http://localhost:8080 --token \"$TOKEN\" --activate"})
    static final class Add extends SessionCommand {
        @Parameters(index = "0", paramLabel = "NAME", description = "the context's name")
        String name;

        @Option(names = "--url", required = true, paramLabel = "URL", description = "metal-api URL")
        String url;

        @Option(names = "--token", paramLabel = "TOKEN", description = "bearer token")
        String token;

        @Option(names = "--activate", description = "also make it the current context")
        boolean activate;

        Add(Session session) {
            super(session);
        }

        @Override
        public void run() {
            MetalctlConfig config = session.config().with(name, new MetalctlConfig.Context(url, token));
            if (activate || config.current() == null) {
                config = config.use(name);
            }
            config.save(session.configPath());
            session.printer().note("added context \"" + name + "\"" + (name.equals(config.current()) ? " (current)" : ""));
        }
    }
}
