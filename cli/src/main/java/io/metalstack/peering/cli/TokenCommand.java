package io.metalstack.peering.cli;

import io.metalstack.peering.cli.TableView.Column;
import io.metalstack.peering.api.V1Token;
import io.metalstack.peering.api.V1TokenCreateRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;


/** {@code metalctl token create|list|revoke}: API tokens (admin only). */
@Command(name = "token", description = "Manage API tokens (admin).",
        subcommands = {TokenCommand.Create.class, TokenCommand.ListTokens.class, TokenCommand.Revoke.class},
        footerHeading = "%nExample:%n", footer = {"  metalctl token create --role editor --project tenant-a", "  metalctl token list",
                "  metalctl token revoke 3f2c9a1e-..."})
final class TokenCommand extends Group {
    static final TableView<V1Token> VIEW = TableView.of(
            Column.of("ID", V1Token::id),
            Column.of("ROLE", V1Token::role),
            Column.of("PROJECT", V1Token::projectid),
            Column.wideOnly("DESCRIPTION", V1Token::description),
            Column.wideOnly("EXPIRES", t -> Cells.text(t.expires())),
            Column.of("SECRET", V1Token::secret));

    /** Issued tokens: never a secret (the server keeps none). */
    static final TableView<V1Token> LIST_VIEW = TableView.of(
            Column.of("ID", V1Token::id),
            Column.of("ROLE", V1Token::role),
            Column.of("PROJECT", V1Token::projectid),
            Column.of("DESCRIPTION", V1Token::description),
            Column.of("EXPIRES", t -> Cells.text(t.expires())),
            Column.wideOnly("CREATED", t -> Cells.text(t.created())));

    @Command(name = "create", description = "Create a token; its secret is shown only now.",
            footerHeading = "%nExample:%n", footer = {
            "  metalctl token create --role editor --project tenant-a -d \"ci of tenant-a\" --expires 720h",
            "  metalctl token create --role viewer --project tenant-a -o json | jq -r .secret"})
    static final class Create extends SessionCommand {
        @Option(names = "--role", required = true, description = "admin, infra, owner, editor or viewer") String role;
        @Option(names = "--project", description = "project id or name (required for owner, editor, viewer)") String project;
        @Option(names = {"-d", "--description"}, description = "what the token is for") String description;
        @Option(names = "--expires", paramLabel = "DURATION", description = "refused after this long, e.g. 12h or 720h (default: never)")
        Duration expires;

        Create(Session session) {
            super(session);
        }

        @Override
        public void run() {
            String projectId = project == null ? null : ProjectCommand.resolve(session.client(), project).id();
            Instant until = expires == null ? null : Instant.now().plus(expires).truncatedTo(ChronoUnit.SECONDS);
            session.printer().one(session.client().createToken(new V1TokenCreateRequest(role, projectId, description, until)), VIEW);
        }
    }

    @Command(name = "list", aliases = "ls", description = "List issued tokens (without secrets).",
            footerHeading = "%nExample:%n", footer = {"  metalctl token list --project tenant-a"})
    static final class ListTokens extends SessionCommand {
        @Option(names = "--project", description = "only the tokens of this project (id)") String project;

        ListTokens(Session session) {
            super(session);
        }

        @Override
        public void run() {
            session.printer().list(session.client().tokens().stream()
                    .filter(t -> project == null || project.equals(t.projectid()))
                    .sorted(Comparator.comparing((V1Token t) -> Objects.toString(t.projectid(), "")).thenComparing(V1Token::created)
                            .thenComparing(V1Token::id))
                    .toList(), LIST_VIEW);
        }
    }

    @Command(name = "revoke", aliases = {"delete", "rm"}, description = "Revoke tokens: refused at once.",
            footerHeading = "%nExample:%n", footer = {"  metalctl token revoke 3f2c9a1e-... --yes-i-really-mean-it"})
    static final class Revoke extends SessionCommand {
        @Parameters(arity = "1..*", paramLabel = "TOKEN", description = "token ids (metalctl token list)") List<String> ids;

        Revoke(Session session) {
            super(session);
        }

        @Override
        public void run() {
            session.confirm("revoke " + ids.stream().map(id -> "token " + id).collect(Collectors.joining(", ")) + "?");
            session.printer().list(ids.stream().map(id -> session.client().revokeToken(id)).toList(), LIST_VIEW);
        }
    }
}
