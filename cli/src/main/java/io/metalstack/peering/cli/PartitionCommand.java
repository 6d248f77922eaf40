package io.metalstack.peering.cli;

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

    static final TableView<V1Partition> VIEW = new TableView<>() {
        @Override
        public List<String> headers(boolean wide) {
            return wide ? List.of("ID", "NAME", "DESCRIPTION", "LABELS") : List.of("ID", "NAME", "DESCRIPTION");
        }

        @Override
        public List<String> row(V1Partition p, boolean wide) {
            return wide ? List.of(p.id(), Cells.text(p.name()), Cells.text(p.description()), Cells.labels(p.labels()))
                    : List.of(p.id(), Cells.text(p.name()), Cells.text(p.description()));
        }
    };

    @Command(name = "list", aliases = "ls", description = "List partitions.",
            footerHeading = "%nExample:%n", footer = {"  metalctl partition list -o yaml"})
    static final class ListPartitions implements Runnable {
        private final Session session;

        ListPartitions(Session session) {
            this.session = session;
        }

        @Override
        public void run() {
            session.printer().list(session.client().partitions().list().stream()
                    .sorted(Comparator.comparing(V1Partition::id)).toList(), VIEW);
        }
    }

    @Command(name = "describe", aliases = "get", description = "Show one partition.",
            footerHeading = "%nExample:%n", footer = {"  metalctl partition describe fra-equ01"})
    static final class Describe implements Runnable {
        @Parameters(index = "0", paramLabel = "PARTITION", description = "id or unique name") String partition;

        private final Session session;

        Describe(Session session) {
            this.session = session;
        }

        @Override
        public void run() {
            session.printer().describe(RESOLVER.resolve(partition, session.client().partitions().list()), VIEW);
        }
    }

    @Command(name = "create", description = "Create a partition (admin).",
            footerHeading = "%nExample:%n", footer = {"  metalctl partition create --id fra-equ01 -n \"Frankfurt Equinix 1\""})
    static final class Create implements Runnable {
        @Option(names = "--id", required = true, description = "the partition's id, e.g. fra-equ01") String id;
        @Option(names = {"-n", "--name"}, description = "name") String name;
        @Option(names = {"-d", "--description"}, description = "description") String description;
        @Option(names = "--labels", split = ",", paramLabel = "KEY=VALUE", description = "labels") Map<String, String> labels;

        private final Session session;

        Create(Session session) {
            this.session = session;
        }

        @Override
        public void run() {
            session.printer().one(session.client().partitions().create(
                    new V1Partition(id, name, description, labels, null, null)), VIEW);
        }
    }
}
