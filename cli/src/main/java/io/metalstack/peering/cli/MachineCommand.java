package io.metalstack.peering.cli;

import io.metalstack.peering.cli.TableView.Column;
import io.metalstack.peering.api.MetalApiClient;
import io.metalstack.peering.api.V1Machine;
import io.metalstack.peering.api.V1MachineAllocation;
import io.metalstack.peering.api.V1Network;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** {@code metalctl machine}: machines, their switch connections and allocation. */
@Command(name = "machine", description = "Show, allocate and free machines.",
        subcommands = {MachineCommand.ListMachines.class, MachineCommand.Describe.class, MachineCommand.Allocate.class,
                MachineCommand.Free.class},
        footerHeading = "%nExample:%n", footer = {"  metalctl machine list"})
final class MachineCommand extends Group {
    static final Resolver<V1Machine> RESOLVER = new Resolver<>("machine", V1Machine::id, V1Machine::name);

    static TableView<V1Machine> view(Map<String, String> networkNames) {
        return TableView.of(
                Column.of("ID", V1Machine::id),
                Column.of("NAME", V1Machine::name),
                Column.of("PARTITION", V1Machine::partitionid),
                Column.of("ROLE", V1Machine::role),
                Column.of("PROJECT", m -> m.allocation() == null ? "" : m.allocation().projectid()),
                Column.of("NETWORKS", m -> m.allocation() == null || m.allocation().networks() == null ? ""
                        : String.join("\n", m.allocation().networks().stream().map(n -> networkNames.getOrDefault(n, n)).toList())),
                Column.wideOnly("CONNECTIONS", m -> m.connections() == null ? "" : String.join("\n",
                        m.connections().stream().map(c -> c.port() + "@" + c.switchid()).toList())));
    }

    static TableView<V1Machine> view(MetalApiClient client) {
        return view(PeeringCommand.networkNames(NetworkCommand.all(client)));
    }

    @Command(name = "list", aliases = "ls", description = "List machines.",
            footerHeading = "%nExample:%n", footer = {"  metalctl machine list -o wide"})
    static final class ListMachines extends SessionCommand {
        @Option(names = {"-p", "--partition"}, description = "only machines in this partition") String partition;
        @Option(names = "--project", description = "only machines allocated to this project") String project;

        ListMachines(Session session) {
            super(session);
        }

        @Override
        public void run() {
            MetalApiClient client = session.client();
            session.printer().list(client.machines().list().stream()
                    .filter(m -> partition == null || partition.equals(m.partitionid()))
                    .filter(m -> project == null || m.allocation() != null && project.equals(m.allocation().projectid()))
                    .sorted(Comparator.comparing((V1Machine m) -> Objects.toString(m.name(), "")).thenComparing(V1Machine::id))
                    .toList(), view(client));
        }
    }

    @Command(name = "describe", aliases = "get", description = "Show one machine.",
            footerHeading = "%nExample:%n", footer = {"  metalctl machine describe m1"})
    static final class Describe extends SessionCommand {
        @Parameters(index = "0", paramLabel = "MACHINE", description = "id or unique name") String machine;

        Describe(Session session) {
            super(session);
        }

        @Override
        public void run() {
            MetalApiClient client = session.client();
            session.printer().describe(RESOLVER.resolve(machine, client.machines().list()), view(client));
        }
    }

    @Command(name = "allocate", description = "Allocate a machine into a project's networks (the private network first).",
            footerHeading = "%nExample:%n", footer = {"  metalctl machine allocate m1 --project tenant-a --networks privnet1"})
    static final class Allocate extends SessionCommand {
        @Parameters(index = "0", paramLabel = "MACHINE", description = "id or unique name") String machine;
        @Option(names = "--project", required = true, description = "project id or name") String project;
        @Option(names = "--networks", required = true, split = ",", paramLabel = "NETWORK", description = "network ids or names, the primary private network first") List<String> networks;

        Allocate(Session session) {
            super(session);
        }

        @Override
        public void run() {
            MetalApiClient client = session.client();
            V1Machine m = RESOLVER.resolve(machine, client.machines().list());
            List<V1Network> all = NetworkCommand.all(client);
            List<String> ids = networks.stream().map(n -> NetworkCommand.RESOLVER.resolve(n, all).id()).toList();
            String projectId = ProjectCommand.resolve(client, project).id();
            session.printer().one(client.allocateMachine(m.id(), new V1MachineAllocation(projectId, ids)),
                    view(PeeringCommand.networkNames(all)));
        }
    }

    @Command(name = "free", description = "Free an allocated machine.",
            footerHeading = "%nExample:%n", footer = {"  metalctl machine free m1"})
    static final class Free extends SessionCommand {
        @Parameters(index = "0", paramLabel = "MACHINE", description = "id or unique name") String machine;

        Free(Session session) {
            super(session);
        }

        @Override
        public void run() {
            MetalApiClient client = session.client();
            V1Machine m = RESOLVER.resolve(machine, client.machines().list());
            session.printer().one(client.freeMachine(m.id()), view(client));
        }
    }
}
