package io.metalstack.peering.cli;

import io.metalstack.peering.api.V1Event;
import io.metalstack.peering.api.V1EventFindRequest;
import io.metalstack.peering.cli.TableView.Column;
import io.metalstack.peering.model.DomainException;
import io.metalstack.peering.model.Durations;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/** {@code metalctl event list}: the audit timeline, oldest first, as far as the token may read it. */
@Command(name = "event", description = "Read the audit timeline: who changed what, and what the switches did with it.",
        subcommands = {EventCommand.ListEvents.class},
        footerHeading = "%nExample:%n", footer = {"  metalctl event list --kind peering --since 24h",
        "  metalctl event list --actor 3f2c9a1e-... --type delete"})
final class EventCommand extends Group {

    /** One view for every list of events ({@code event list}, {@code network peering events}). */
    static final TableView<V1Event> VIEW = TableView.of(
            Column.of("TIME", e -> Cells.text(e.time())),
            Column.of("ACTOR", V1Event::actor),
            Column.of("ROLE", V1Event::actorrole),
            Column.of("ACTION", V1Event::action),
            Column.of("OBJECT", e -> e.objectkind() + " " + e.objectid()),
            Column.wideOnly("PROJECTS", e -> Cells.comma(e.projectids())),
            Column.of("CHANGE", V1Event::brief));

    @Command(name = "list", aliases = "ls", description = "List the events the token may read, oldest first.",
            footerHeading = "%nExamples:%n", footer = {"  metalctl event list --kind network --object 5c1d...",
            "  metalctl event list --type leak --since 2026-01-31T00:00:00Z --until 2026-02-01T00:00:00Z"})
    static final class ListEvents extends SessionCommand {
        @Option(names = "--kind", description = "object kind: machine, network, partition, peering, project, switch or token") String kind;
        @Option(names = "--object", description = "object id") String object;
        @Option(names = "--actor", description = "token id of whoever did it") String actor;
        @Option(names = "--type", description = "action: create, update, delete, allocate, free, enable, disable, approve, reject,"
                + " applied, failed, leak, leak-cleared or session") String type;
        @Option(names = "--since", paramLabel = "TIME", description = "from this time on: a timestamp such as 2026-01-31T12:00:00Z,"
                + " or a duration ago such as 24h") String since;
        @Option(names = "--until", paramLabel = "TIME", description = "before this time (a timestamp, or a duration ago)") String until;

        ListEvents(Session session) {
            super(session);
        }

        @Override
        public void run() {
            Instant now = Instant.now();
            session.printer().list(session.client().events().find(new V1EventFindRequest(kind, object, actor, type,
                    when(since, "--since", now), when(until, "--until", now))), VIEW);
        }
    }

    /** A timestamp, or a duration before {@code now}; null for none. */
    static Instant when(String text, String flag, Instant now) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(text.trim());
        } catch (DateTimeParseException e) {
            try {
                return now.minus(Durations.parse(text));
            } catch (DomainException d) {
                throw CliException.usage("%s \"%s\" is neither a timestamp such as 2026-01-31T12:00:00Z nor a duration such as 24h", flag, text);
            }
        }
    }
}
