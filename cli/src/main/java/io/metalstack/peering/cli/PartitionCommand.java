package io.metalstack.peering.cli;

import io.metalstack.peering.cli.TableView.Column;
import io.metalstack.peering.api.V1Partition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** {@code metalctl partition}: sites. */
@Command(name = "partition", description = "Manage partitions.",
        subcommands = {PartitionCommand.ListPartitions.class, PartitionCommand.Describe.class, PartitionCommand.Create.class},
        footerHeading = "%nExample:%n", footer = {"  metalctl partition list"})
final class PartitionCommand extends Group {
    static final Resolver<V1Partition> RESOLVER = new Resolver<>("partition", V1Partition::id, V1Partition::name);

    static final TableView<V1Partition> VIEW = TableView.of(
            Column.of("ID", V1Partition::id),
            Column.of("NAME", V1Partition::name),
            Column.of("DESCRIPTION", V1Partition::description),
            Column.wideOnly("LABELS", p -> Cells.labels(p.labels())));

    @Command(name = "list", aliases = "ls", description = "List partitions.",
            footerHeading = "%nExample:%n", footer = {"  metalctl partition list -o yaml"})
    static final class ListPartitions extends SessionCommand {

        ListPartitions(Session session) {
            super(session);
        }

        @Override
        public void run() {
            session.printer().list(session.client().partitions().list().stream()
                    .sorted(Comparator.comparing(V1Partition::id)).toList(), VIEW);
        }
    }

    @Command(name = "describe", aliases = "get", description = "Show one partition.",
            footerHeading = "%nExample:%n", footer = {"  metalctl partition describe fra-equ01"})
    static final class Describe extends SessionCommand {
        @Parameters(index = "0", paramLabel = "PARTITION", description = "id or unique name") String partition;

        Describe(Session session) {
            super(session);
        }

        @Override
        public void run() {
            session.printer().describe(RESOLVER.resolve(partition, session.client().partitions().list()), VIEW);
        }
    }

    @Command(name = "create", description = "Create a partition (admin).",
            footerHeading = "%nExample:%n", footer = {"  metalctl partition create --id fra-equ01 -n \"Frankfurt Equinix 1\""})
    static final class Create extends SessionCommand {
        @Option(names = "--id", required = true, description = "the partition's id, e.g. fra-equ01") String id;
        @Option(names = {"-n", "--name"}, description = "name") String name;
        @Option(names = {"-d", "--description"}, description = "description") String description;
        @Option(names = "--labels", split = ",", paramLabel = "KEY=VALUE", description = "labels") Map<String, String> labels;

        Create(Session session) {
            super(session);
        }

        @Override
        public void run() {
            session.printer().one(session.client().partitions().create(
                    new V1Partition(id, name, description, labels, null, null)), VIEW);
        }
    }
}
