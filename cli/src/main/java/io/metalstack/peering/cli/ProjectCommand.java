package io.metalstack.peering.cli;

import io.metalstack.peering.cli.TableView.Column;
import io.metalstack.peering.api.MetalApiClient;
import io.metalstack.peering.api.V1Project;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** {@code metalctl project}: tenants' projects and their labels ({@code auto-peer}). */
@Command(name = "project", description = "Manage projects.",
        subcommands = {ProjectCommand.ListProjects.class, ProjectCommand.Describe.class, ProjectCommand.Create.class,
                ProjectCommand.Update.class},
        footerHeading = "%nExample:%n", footer = {"  metalctl project list"})
final class ProjectCommand extends Group {
    static final Resolver<V1Project> RESOLVER = new Resolver<>("project", V1Project::id, V1Project::name);
    static final Comparator<V1Project> ORDER = Comparator.comparing((V1Project p) -> Objects.toString(p.name(), ""))
            .thenComparing(V1Project::id);

    static final TableView<V1Project> VIEW = TableView.of(
            Column.of("ID", V1Project::id),
            Column.of("NAME", V1Project::name),
            Column.of("TENANT", V1Project::tenant),
            Column.of("DESCRIPTION", V1Project::description),
            Column.wideOnly("LABELS", p -> Cells.labels(p.labels())));

    static V1Project resolve(MetalApiClient client, String arg) {
        return RESOLVER.resolve(arg, client.projects().list());
    }

    @Command(name = "list", aliases = "ls", description = "List projects.",
            footerHeading = "%nExample:%n", footer = {"  metalctl project list -o wide"})
    static final class ListProjects extends SessionCommand {
        @Option(names = "--name", description = "only projects with this name") String name;
        @Option(names = "--tenant", description = "only projects of this tenant") String tenant;

        ListProjects(Session session) {
            super(session);
        }

        @Override
        public void run() {
            session.printer().list(session.client().projects().list().stream()
                    .filter(p -> name == null || name.equals(p.name()))
                    .filter(p -> tenant == null || tenant.equals(p.tenant()))
                    .sorted(ORDER).toList(), VIEW);
        }
    }

    @Command(name = "describe", aliases = "get", description = "Show one project (by id or unique name).",
            footerHeading = "%nExample:%n", footer = {"  metalctl project describe tenant-a"})
    static final class Describe extends SessionCommand {
        @Parameters(index = "0", paramLabel = "PROJECT", description = "id or unique name") String project;

        Describe(Session session) {
            super(session);
        }

        @Override
        public void run() {
            // the single GET carries the conditions (auto-peering's refused pairs) that the list leaves out
            V1Project p = session.client().projects().get(resolve(session.client(), project).id());
            session.printer().describe(p, VIEW, x -> x.conditions() == null || x.conditions().isEmpty() ? List.of()
                    : List.of(Printer.Section.keyValues(Map.of("Conditions", Cells.conditions(x.conditions())))));
        }
    }

    @Command(name = "create", description = "Create a project (admin).",
            footerHeading = "%nExample:%n", footer = {"  metalctl project create -n tenant-a --tenant acme --labels auto-peer=true"})
    static final class Create extends SessionCommand {
        @Option(names = "--id", description = "the project's id (default: chosen by the server)") String id;
        @Option(names = {"-n", "--name"}, required = true, description = "name") String name;
        @Option(names = "--tenant", description = "tenant") String tenant;
        @Option(names = {"-d", "--description"}, description = "description") String description;
        @Option(names = "--labels", split = ",", paramLabel = "KEY=VALUE", description = "labels, e.g. auto-peer=true") Map<String, String> labels;

        Create(Session session) {
            super(session);
        }

        @Override
        public void run() {
            session.printer().one(session.client().projects().create(
                    new V1Project(id, name, tenant, description, labels, null, null)), VIEW);
        }
    }

    @Command(name = "update", description = "Change a project's name, description or labels.",
            footerHeading = "%nExample:%n", footer = {
            "  metalctl project update tenant-a --add-labels auto-peer=true",
            "  metalctl project update tenant-a --remove-labels auto-peer"})
    static final class Update extends SessionCommand {
        @Parameters(index = "0", paramLabel = "PROJECT", description = "id or unique name") String project;
        @Option(names = {"-n", "--name"}, description = "new name") String name;
        @Option(names = {"-d", "--description"}, description = "new description") String description;
        @Option(names = "--labels", split = ",", paramLabel = "KEY=VALUE", description = "replace all labels") Map<String, String> labels;
        @Option(names = "--add-labels", split = ",", paramLabel = "KEY=VALUE", description = "add or change these labels") Map<String, String> addLabels;
        @Option(names = "--remove-labels", split = ",", paramLabel = "KEY", description = "remove these labels") List<String> removeLabels;

        Update(Session session) {
            super(session);
        }

        @Override
        public void run() {
            if (name == null && description == null && labels == null && addLabels == null && removeLabels == null) {
                throw CliException.usage("nothing to update: pass --name, --description, --labels, --add-labels or --remove-labels");
            }
            MetalApiClient client = session.client();
            V1Project p = client.projects().get(resolve(client, project).id());
            Map<String, String> newLabels = new TreeMap<>(labels != null ? labels : p.labels() == null ? Map.of() : p.labels());
            if (addLabels != null) {
                newLabels.putAll(addLabels);
            }
            if (removeLabels != null) {
                removeLabels.forEach(newLabels::remove);
            }
            session.printer().one(client.projects().update(new V1Project(p.id(), name == null ? p.name() : name, p.tenant(),
                    description == null ? p.description() : description, newLabels, p.created(), p.changed())), VIEW);
        }
    }
}
