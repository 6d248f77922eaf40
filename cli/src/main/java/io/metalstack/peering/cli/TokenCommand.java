package io.metalstack.peering.cli;

import io.metalstack.peering.cli.TableView.Column;
import io.metalstack.peering.api.V1Token;
import io.metalstack.peering.api.V1TokenCreateRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;


/** {@code metalctl token create}: API tokens (admin only). */
@Command(name = "token", description = "Manage API tokens (admin).",
        subcommands = {TokenCommand.Create.class},
        footerHeading = "%nExample:%n", footer = {"  metalctl token create --role editor --project tenant-a"})
final class TokenCommand extends Group {
    static final TableView<V1Token> VIEW = TableView.of(
            Column.of("ID", V1Token::id),
            Column.of("ROLE", V1Token::role),
            Column.of("PROJECT", V1Token::projectid),
            Column.wideOnly("DESCRIPTION", V1Token::description),
            Column.of("SECRET", V1Token::secret));

    @Command(name = "create", description = "Create a token; its secret is shown only now.",
            footerHeading = "%nExample:%n", footer = {
            "  metalctl token create --role editor --project tenant-a -d \"ci of tenant-a\"",
            "  metalctl token create --role viewer --project tenant-a -o json | jq -r .secret"})
    static final class Create extends SessionCommand {
        @Option(names = "--role", required = true, description = "admin, infra, owner, editor or viewer") String role;
        @Option(names = "--project", description = "project id or name (required for owner, editor, viewer)") String project;
        @Option(names = {"-d", "--description"}, description = "what the token is for") String description;

        Create(Session session) {
            super(session);
        }

        @Override
        public void run() {
            String projectId = project == null ? null : ProjectCommand.resolve(session.client(), project).id();
            session.printer().one(session.client().createToken(new V1TokenCreateRequest(role, projectId, description)), VIEW);
        }
    }
}
