package io.metalstack.peering.cli;

import io.metalstack.peering.cli.TableView.Column;
import io.metalstack.peering.api.MetalApiClient;
import io.metalstack.peering.api.V1Network;
import io.metalstack.peering.api.V1NetworkAllocateRequest;
import io.metalstack.peering.model.AddressFamily;
import io.metalstack.peering.model.DomainException;
import io.metalstack.peering.model.IpPrefix;
import io.metalstack.peering.model.NetworkType;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** {@code metalctl network}: networks, and their peerings ({@code network peering}). */
@Command(name = "network", aliases = "net", description = "Manage networks and network peerings.",
        subcommands = {NetworkCommand.ListNetworks.class, NetworkCommand.Describe.class, NetworkCommand.Create.class,
                NetworkCommand.Update.class, NetworkCommand.Allocate.class, NetworkCommand.Free.class, PeeringCommand.class},
        footerHeading = "%nExample:%n", footer = {"  metalctl network list", "  metalctl network peering list"})
final class NetworkCommand extends Group {
    static final Resolver<V1Network> RESOLVER = new Resolver<>("network", V1Network::id, V1Network::name,
            n -> n.projectid() == null ? "" : "project " + n.projectid());

    /** Networks sorted for stable output: by name, then id. */
    static final Comparator<V1Network> ORDER = Comparator.comparing((V1Network n) -> Objects.toString(n.name(), ""))
            .thenComparing(V1Network::id);

    /**
     * metalctl's network table: a tree where children (allocated networks) are listed under their
     * parent super network with {@code ├─╴}/{@code └─╴}.
     */
    private static final TableView<V1Network> COLUMNS = TableView.of(
            Column.of("ID", V1Network::id),
            Column.of("NAME", V1Network::name),
            Column.wideOnly("DESCRIPTION", V1Network::description),
            Column.of("PROJECT", V1Network::projectid),
            Column.of("PARTITION", V1Network::partitionid),
            Column.of("TYPE", V1Network::networktype),
            Column.of("VRF", n -> Cells.text(n.vrf())),
            Column.of("NAT", n -> Cells.flag(n.nat())),
            Column.of("SHARED", n -> Cells.flag(n.shared())),
            Column.of("PREFIXES", n -> Cells.lines(n.prefixes())),
            Column.wideOnly("DESTINATION PREFIXES", n -> Cells.lines(n.destinationprefixes())),
            Column.wideOnly("LABELS", n -> Cells.labels(n.labels())));

    static final TableView<V1Network> VIEW = new TableView<>() {
        @Override
        public List<String> headers(boolean wide) {
            return COLUMNS.headers(wide);
        }

        @Override
        public List<String> row(V1Network n, boolean wide) {
            return COLUMNS.row(n, wide);
        }

        @Override
        public Table table(List<V1Network> items, boolean wide) {
            Set<String> ids = items.stream().map(V1Network::id).collect(Collectors.toSet());
            Map<String, List<V1Network>> children = new TreeMap<>();
            List<V1Network> roots = new ArrayList<>();
            for (V1Network n : items.stream().sorted(ORDER).toList()) {
                if (n.parentnetworkid() != null && ids.contains(n.parentnetworkid())) {
                    children.computeIfAbsent(n.parentnetworkid(), k -> new ArrayList<>()).add(n);
                } else {
                    roots.add(n);
                }
            }
            List<List<String>> rows = new ArrayList<>();
            for (V1Network root : roots) {
                addTree(root, "", "", children, rows, wide);
            }
            return Table.of(headers(wide), rows);
        }

        private void addTree(V1Network n, String lead, String indent, Map<String, List<V1Network>> children,
                             List<List<String>> rows, boolean wide) {
            List<String> row = new ArrayList<>(row(n, wide));
            row.set(0, lead + row.get(0));
            rows.add(row);
            List<V1Network> kids = children.getOrDefault(n.id(), List.of());
            for (int i = 0; i < kids.size(); i++) {
                boolean last = i == kids.size() - 1;
                addTree(kids.get(i), indent + (last ? "└─╴" : "├─╴"), indent + (last ? "   " : "│  "), children, rows, wide);
            }
        }
    };

    static List<V1Network> all(MetalApiClient client) {
        return client.networks().list().stream().sorted(ORDER).toList();
    }

    static V1Network resolve(MetalApiClient client, String arg) {
        return RESOLVER.resolve(arg, all(client));
    }

    @Command(name = "list", aliases = "ls", description = "List networks (children under their parent).",
            footerHeading = "%nExample:%n", footer = {"  metalctl network list --partition fra-equ01 -o wide"})
    static final class ListNetworks extends SessionCommand {
        @Option(names = "--name", description = "only networks with this name") String name;
        @Option(names = {"-p", "--partition"}, description = "only networks in this partition") String partition;
        @Option(names = "--project", description = "only networks of this project") String project;
        @Option(names = "--type", description = "only networks of this type: super, underlay, external, child, child-shared") NetworkType type;
        @Option(names = "--vrf", description = "only the network with this VRF (VNI)") Integer vrf;

        ListNetworks(Session session) {
            super(session);
        }

        @Override
        public void run() {
            List<V1Network> networks = all(session.client()).stream()
                    .filter(n -> name == null || name.equals(n.name()))
                    .filter(n -> partition == null || partition.equals(n.partitionid()))
                    .filter(n -> project == null || project.equals(n.projectid()))
                    .filter(n -> type == null || type.wire().equals(n.networktype()))
                    .filter(n -> vrf == null || vrf.equals(n.vrf()))
                    .toList();
            session.printer().list(networks, VIEW);
        }
    }

    @Command(name = "describe", aliases = "get", description = "Show one network (by id or unique name).",
            footerHeading = "%nExample:%n", footer = {"  metalctl network describe privnet1"})
    static final class Describe extends SessionCommand {
        @Parameters(index = "0", paramLabel = "NETWORK", description = "id or unique name") String network;

        Describe(Session session) {
            super(session);
        }

        @Override
        public void run() {
            session.printer().describe(resolve(session.client(), network), VIEW);
        }
    }

    @Command(name = "create", description = "Create a network (admin): super, underlay or external networks.",
            footerHeading = "%nExample:%n", footer = {
            "  metalctl network create --id internet -n internet --type external --prefixes 185.1.2.0/24 \\",
            "    --destination-prefixes 0.0.0.0/0 --vrf 104009 --nat \\",
            "    --labels network.metal-stack.io/peerable=true"})
    static final class Create extends SessionCommand {
        @Option(names = "--id", description = "the network's id (default: chosen by the server)") String id;
        @Option(names = {"-n", "--name"}, required = true, description = "name") String name;
        @Option(names = {"-d", "--description"}, description = "description") String description;
        @Option(names = {"-p", "--partition"}, description = "partition (required for super and underlay)") String partition;
        @Option(names = "--project", description = "project (for project-scoped networks)") String project;
        @Option(names = "--prefixes", split = ",", paramLabel = "PREFIX", description = "prefixes, comma-separated") List<IpPrefix> prefixes;
        @Option(names = "--destination-prefixes", split = ",", paramLabel = "PREFIX", description = "routes reachable through the network, e.g. 0.0.0.0/0") List<IpPrefix> destinationPrefixes;
        @Option(names = "--vrf", description = "VRF (VNI), required for external networks") Integer vrf;
        @Option(names = "--nat", description = "traffic leaving through this network is NATed") boolean nat;
        @Option(names = "--default-ipv4-child-prefix-length", paramLabel = "LENGTH", description = "super networks: IPv4 length of allocated children") Integer ipv4ChildLength;
        @Option(names = "--default-ipv6-child-prefix-length", paramLabel = "LENGTH", description = "super networks: IPv6 length of allocated children") Integer ipv6ChildLength;
        @Option(names = {"--labels"}, split = ",", paramLabel = "KEY=VALUE", description = "labels, e.g. network.metal-stack.io/peerable=true") Map<String, String> labels;
        @Option(names = "--additional-announcable-cidrs", split = ",", paramLabel = "PREFIX", description = "super networks: pod and service CIDRs every child's machines may announce") List<IpPrefix> additionalAnnouncable;

        @ArgGroup(exclusive = true, multiplicity = "1")
        TypeChoice type;

        static final class TypeChoice {
            @Option(names = "--type", required = true, description = "super, underlay, external, child or child-shared") NetworkType type;
            @Option(names = "--privatesuper", required = true, description = "same as --type super (metalctl's spelling)") boolean privateSuper;
            @Option(names = "--underlay", required = true, description = "same as --type underlay") boolean underlay;

            String wire() {
                return privateSuper ? NetworkType.SUPER.wire() : underlay ? NetworkType.UNDERLAY.wire() : type.wire();
            }
        }

        Create(Session session) {
            super(session);
        }

        @Override
        public void run() {
            Map<String, Integer> lengths = lengths(ipv4ChildLength, ipv6ChildLength);
            V1Network created = session.client().networks().create(new V1Network(id, name, description, partition,
                    project, null, type.wire(), strings(prefixes), strings(destinationPrefixes), vrf,
                    lengths.isEmpty() ? null : lengths, nat, null, labels, null, null,
                    additionalAnnouncable == null ? null : strings(additionalAnnouncable)));
            session.printer().one(created, VIEW);
        }
    }

    @Command(name = "update", description = "Update a network: name, description, additional announcable CIDRs (admin).",
            footerHeading = "%nExample:%n", footer = {
            "  metalctl network update privnet1 --additional-announcable-cidrs 10.240.0.0/16,10.250.0.0/20"})
    static final class Update extends SessionCommand {
        @Parameters(index = "0", paramLabel = "NETWORK", description = "id or unique name") String network;
        @Option(names = {"-n", "--name"}, description = "new name") String name;
        @Option(names = {"-d", "--description"}, description = "new description") String description;
        @Option(names = "--additional-announcable-cidrs", split = ",", paramLabel = "PREFIX",
                description = "pod and service CIDRs the network's machines may announce (replaces the list; a peering exchanges a private network's own)")
        List<IpPrefix> additionalAnnouncable;
        @Option(names = "--no-additional-announcable-cidrs", description = "remove all additional announcable CIDRs")
        boolean noAdditionalAnnouncable;

        Update(Session session) {
            super(session);
        }

        @Override
        public void run() {
            V1Network n = resolve(session.client(), network);
            if (noAdditionalAnnouncable && additionalAnnouncable != null) {
                throw DomainException.invalid("--additional-announcable-cidrs and --no-additional-announcable-cidrs exclude each other: give one");
            }
            List<String> additional = noAdditionalAnnouncable ? List.of()
                    : additionalAnnouncable == null ? n.additionalannouncablecidrs() : strings(additionalAnnouncable);
            V1Network updated = session.client().networks().update(new V1Network(n.id(), name != null ? name : n.name(),
                    description != null ? description : n.description(), n.partitionid(), n.projectid(), n.parentnetworkid(),
                    n.networktype(), n.prefixes(), n.destinationprefixes(), n.vrf(), n.defaultchildprefixlength(), n.nat(),
                    n.shared(), n.labels(), n.created(), n.changed(), additional));
            session.printer().one(updated, VIEW);
        }
    }

    /** The wire's per-family prefix lengths ({@code "IPv4"}, {@code "IPv6"}), only those given. */
    private static Map<String, Integer> lengths(Integer ipv4, Integer ipv6) {
        Map<String, Integer> lengths = new LinkedHashMap<>();
        if (ipv4 != null) {
            lengths.put(AddressFamily.IPV4.label(), ipv4);
        }
        if (ipv6 != null) {
            lengths.put(AddressFamily.IPV6.label(), ipv6);
        }
        return lengths;
    }

    static List<String> strings(List<?> values) {
        return values == null ? List.of() : values.stream().map(Object::toString).toList();
    }

    @Command(name = "allocate", description = "Allocate a child network for a project from the partition's super network.",
            footerHeading = "%nExample:%n", footer = {
            "  metalctl network allocate -n privnet1 --partition fra-equ01 --project 0a1b2c3d",
            "  metalctl network allocate -n storage --partition fra-equ01 --project storage --shared"})
    static final class Allocate extends SessionCommand {
        @Option(names = {"-n", "--name"}, required = true, description = "name") String name;
        @Option(names = {"-d", "--description"}, description = "description") String description;
        @Option(names = {"-p", "--partition"}, required = true, description = "partition") String partition;
        @Option(names = "--project", required = true, description = "project id or name") String project;
        @Option(names = "--shared", description = "other projects may peer with it (child-shared)") boolean shared;
        @Option(names = "--addressfamily", paramLabel = "FAMILY", description = "ipv4, ipv6 or dual-stack (default: the super network's families)") String addressFamily;
        @Option(names = "--ipv4-prefix-length", paramLabel = "LENGTH", description = "IPv4 prefix length (default: the super network's)") Integer ipv4Length;
        @Option(names = "--ipv6-prefix-length", paramLabel = "LENGTH", description = "IPv6 prefix length (default: the super network's)") Integer ipv6Length;
        @Option(names = "--labels", split = ",", paramLabel = "KEY=VALUE", description = "labels") Map<String, String> labels;

        Allocate(Session session) {
            super(session);
        }

        @Override
        public void run() {
            MetalApiClient client = session.client();
            String projectId = ProjectCommand.resolve(client, project).id();
            Map<String, Integer> length = lengths(ipv4Length, ipv6Length);
            V1Network allocated = client.allocateNetwork(new V1NetworkAllocateRequest(name, description, partition,
                    projectId, shared, families(), length.isEmpty() ? null : length, labels));
            session.printer().one(allocated, VIEW);
        }

        private List<String> families() {
            if (addressFamily == null) {
                return null;
            }
            return switch (addressFamily.trim().toLowerCase(java.util.Locale.ROOT)) {
                case "ipv4" -> List.of(AddressFamily.IPV4.label());
                case "ipv6" -> List.of(AddressFamily.IPV6.label());
                case "dual-stack" -> List.of(AddressFamily.IPV4.label(), AddressFamily.IPV6.label());
                default -> throw CliException.usage("address family \"%s\" is unknown: use ipv4, ipv6 or dual-stack", addressFamily);
            };
        }
    }

    @Command(name = "free", description = "Free an allocated child network.",
            footerHeading = "%nExample:%n", footer = {"  metalctl network free privnet2"})
    static final class Free extends SessionCommand {
        @Parameters(index = "0", paramLabel = "NETWORK", description = "id or unique name") String network;

        Free(Session session) {
            super(session);
        }

        @Override
        public void run() {
            MetalApiClient client = session.client();
            session.printer().one(client.freeNetwork(resolve(client, network).id()), VIEW);
        }
    }
}
