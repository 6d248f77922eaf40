package io.metalstack.peering.cli;

import io.metalstack.peering.cli.TableView.Column;
import io.metalstack.peering.api.MetalApiClient;
import io.metalstack.peering.api.V1Bgp;
import io.metalstack.peering.api.V1Network;
import io.metalstack.peering.api.V1Peering;
import io.metalstack.peering.api.V1PeeringFindRequest;
import io.metalstack.peering.api.V1PeeringExchange;
import io.metalstack.peering.api.V1PeeringStatus;
import io.metalstack.peering.api.V1PeeringSwitchStatus;
import io.metalstack.peering.model.IpPrefix;
import io.metalstack.peering.model.PeeringType;
import io.metalstack.peering.api.ApiException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/** {@code metalctl network peering}: the MEP's commands. */
@Command(name = "peering", description = "Manage network peerings (MEP Network Peering).",
        subcommands = {PeeringCreate.class, PeeringCommand.ListPeerings.class, PeeringCommand.Describe.class,
                PeeringCommand.Update.class, PeeringCommand.Delete.class, PeeringApply.class, PeeringGraphCommand.class,
                PeeringDecision.Approve.class, PeeringDecision.Reject.class, PeeringCommand.Events.class},
        footerHeading = "%nExample:%n", footer = {
        "  metalctl network peering create --network1 privnet1 --network2 storage",
        "  metalctl network peering list"})
final class PeeringCommand extends Group {
    static final Resolver<V1Peering> RESOLVER = new Resolver<>("peering", V1Peering::id, V1Peering::name);

    static final Comparator<V1Peering> ORDER = Comparator.comparing((V1Peering p) -> Objects.toString(p.name(), ""))
            .thenComparing(V1Peering::id);

    /** The peering table; networks are shown by name ({@code names} maps id to name), wide adds their ids. */
    static TableView<V1Peering> view(Map<String, String> names) {
        Function<String, String> name = id -> id == null ? "" : names.getOrDefault(id, id);
        Function<String, String> nameAndId = id -> id == null ? "" : names.containsKey(id) ? names.get(id) + " (" + id + ")" : id;
        return TableView.of(
                Column.of("ID", V1Peering::id),
                Column.of("NAME", V1Peering::name),
                Column.of("PROJECT", V1Peering::projectid),
                Column.of("PARTITION", V1Peering::partitionid),
                new Column<>("NETWORK1", p -> name.apply(p.network1()), p -> nameAndId.apply(p.network1())),
                new Column<>("NETWORK2", p -> name.apply(p.network2()), p -> nameAndId.apply(p.network2())),
                Column.of("TYPE", V1Peering::peeringtype),
                Column.wideOnly("ORIGIN", V1Peering::origin),
                Column.of("STATUS", p -> phase(p.status())),
                Column.wideOnly("ENABLED", p -> Cells.text(p.enabled())),
                Column.wideOnly("FAMILIES", p -> families(p.status())),
                Column.wideOnly("BGP", p -> bgp(p.bgp())),
                Column.wideOnly("LABELS", p -> Cells.labels(p.labels())));
    }

    private static String phase(V1PeeringStatus status) {
        return status == null ? "" : Cells.text(status.phase());
    }

    /** Exchanged families, then each left-out family as {@code no IPv4} (describe shows why), one a line. */
    private static String families(V1PeeringStatus status) {
        if (status == null) {
            return "";
        }
        List<String> lines = new ArrayList<>();
        if (status.families() != null) {
            lines.addAll(status.families());
        }
        if (status.omitted() != null) {
            new java.util.TreeMap<>(status.omitted()).keySet().forEach(family -> lines.add("no " + family));
        }
        return String.join("\n", lines);
    }

    /** The per-switch status table of {@code describe}. */
    static final TableView<V1PeeringSwitchStatus> SWITCH_STATUS = TableView.of(
            Column.of("SWITCH", V1PeeringSwitchStatus::switchid),
            Column.of("PHASE", V1PeeringSwitchStatus::phase),
            Column.of("REVISION", s -> Cells.text(s.revision())),
            Column.of("ERROR", V1PeeringSwitchStatus::error),
            Column.of("MISSING", s -> Cells.lines(s.missing())),
            Column.of("UNEXPECTED", s -> Cells.lines(s.unexpected())),
            Column.of("LAST SYNC", s -> Cells.text(s.lastsync())));

    /** Below the peering's row in {@code describe -o table|wide}: phase, families, conditions; then one row per switch. */
    static List<Printer.Section> statusSections(V1Peering p) {
        V1PeeringStatus status = p.status();
        if (status == null) {
            return List.of();
        }
        Map<String, String> values = new java.util.LinkedHashMap<>();
        values.put("Phase", Cells.text(status.phase()));
        values.put("Families", Cells.comma(status.families()));
        values.put("Omitted", status.omitted() == null ? "" : new java.util.TreeMap<>(status.omitted()).entrySet().stream()
                .map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining("\n")));
        if (p.exchange() != null) {
            values.put("Exchange", exchangeLines(p.exchange()));
        }
        values.put("Conditions", Cells.conditions(status.conditions()));
        values.put("Message", Cells.text(status.message()));
        values.put("Revision", Cells.text(status.revision()));
        if (status.sessions() != null && !status.sessions().isEmpty()) {
            // an external peering's BGP session, as the exit switch's agent reported it
            values.put("Sessions", status.sessions().stream().map(x -> x.switchid() + ": " + x.state()
                    + (x.prefixesreceived() == null ? "" : ", " + x.prefixesreceived() + " prefixes received")).collect(Collectors.joining("\n")));
        }
        List<V1PeeringSwitchStatus> switches = status.switches() == null ? List.of() : status.switches().stream()
                .sorted(Comparator.comparing((V1PeeringSwitchStatus s) -> Objects.toString(s.switchid(), ""))).toList();
        return List.of(Printer.Section.keyValues(values), new Printer.Section(SWITCH_STATUS.table(switches, true), true));
    }

    /** A selective peering's sides, e.g. {@code network1: 10.0.0.0/24, 10.0.1.0/24} and {@code network2: all}. */
    private static String exchangeLines(V1PeeringExchange e) {
        return "network1: " + (e.network1() == null ? "all" : String.join(", ", e.network1())) + "\n"
                + "network2: " + (e.network2() == null ? "all" : String.join(", ", e.network2()));
    }

    private static String bgp(V1Bgp bgp) {
        if (bgp == null || bgp.local() == null || bgp.remote() == null) {
            return "";
        }
        return "AS" + bgp.local().as() + " " + bgp.local().cidr() + " on " + bgp.local().port() + "\n"
                + "AS" + bgp.remote().as() + " " + bgp.remote().cidr();
    }

    /** Network id to name, for tables. */
    static Map<String, String> networkNames(List<V1Network> networks) {
        return networks.stream().filter(n -> n.name() != null && !n.name().isEmpty())
                .collect(Collectors.toMap(V1Network::id, V1Network::name, (a, b) -> a));
    }

    static TableView<V1Peering> view(MetalApiClient client) {
        return view(networkNames(NetworkCommand.all(client)));
    }

    static V1Peering resolve(MetalApiClient client, String arg) {
        return RESOLVER.resolve(arg, client.peerings().list());
    }

    @Command(name = "list", aliases = "ls", description = "List peerings.",
            footerHeading = "%nExamples:%n", footer = {"  metalctl network peering list --network privnet1 -o wide",
        "  metalctl network peering list --awaiting-approval"})
    static final class ListPeerings extends SessionCommand {
        @Option(names = "--network", description = "only peerings of this network (id or name), on either side") String network;
        @Option(names = "--project", description = "only peerings of this project") String project;
        @Option(names = {"-p", "--partition"}, description = "only peerings in this partition") String partition;
        @Option(names = "--type", description = "only peerings of this type: local or external") PeeringType type;
        @Option(names = "--awaiting-approval", description = "only peerings awaiting your project's approval (into its shared networks)")
        boolean awaitingApproval;

        ListPeerings(Session session) {
            super(session);
        }

        @Override
        public void run() {
            MetalApiClient client = session.client();
            List<V1Network> networks = NetworkCommand.all(client);
            String networkId = network == null ? null : NetworkCommand.RESOLVER.resolve(network, networks).id();
            List<V1Peering> all = awaitingApproval
                    ? client.findPeerings(new V1PeeringFindRequest(null, null, null, null, true)) : client.peerings().list();
            List<V1Peering> peerings = all.stream()
                    .filter(p -> networkId == null || networkId.equals(p.network1()) || networkId.equals(p.network2()))
                    .filter(p -> project == null || project.equals(p.projectid()))
                    .filter(p -> partition == null || partition.equals(p.partitionid()))
                    .filter(p -> type == null || type.wire().equals(p.peeringtype()))
                    .sorted(ORDER).toList();
            session.printer().list(peerings, view(networkNames(networks)));
        }
    }

    @Command(name = "describe", aliases = "get", description = "Show one peering with its status (by id or unique name).",
            footerHeading = "%nExample:%n", footer = {"  metalctl network peering describe privnet1-to-storage"})
    static final class Describe extends SessionCommand {
        @Parameters(index = "0", paramLabel = "PEERING", description = "id or unique name") String peering;

        Describe(Session session) {
            super(session);
        }

        @Override
        public void run() {
            MetalApiClient client = session.client();
            V1Peering p = resolve(client, peering);
            session.printer().describe(client.peerings().get(p.id()), view(client), PeeringCommand::statusSections);
        }
    }

    @Command(name = "events", description = "Show a peering's audit timeline, oldest first: who changed it, and what its switches did"
            + " (applied, failed, leak, leak-cleared, session); a deleted one's too, by id.",
            footerHeading = "%nExample:%n", footer = {"  metalctl network peering events privnet1-to-storage"})
    static final class Events extends SessionCommand {
        @Parameters(index = "0", paramLabel = "PEERING", description = "id or unique name (a deleted peering: its id)") String peering;

        Events(Session session) {
            super(session);
        }

        @Override
        public void run() {
            MetalApiClient client = session.client();
            List<V1Peering> all = client.peerings().list();
            // a deleted peering is in no list: its id is taken as it is, the server decides whether the caller may read it
            String id = all.stream().anyMatch(p -> peering.equals(p.id()) || peering.equals(p.name())) ? RESOLVER.resolve(peering, all).id() : peering;
            session.printer().list(client.peeringEvents(id), EventCommand.VIEW);
        }
    }

    @Command(name = "update", description = "Change a peering's name, description, labels or exchanged prefixes, or disable and enable it.",
            footerHeading = "%nExamples:%n", footer = {"  metalctl network peering update privnet1-to-storage --labels team=storage",
            "  metalctl network peering update privnet1-to-storage --enabled=false --wait",
            "  metalctl network peering update privnet1-to-storage --enabled=true --wait",
            "  metalctl network peering update privnet1-to-storage --enabled=false --dry-run",
            "  metalctl network peering update privnet1-to-storage --network2-prefixes 10.0.8.0/24"})
    static final class Update extends SessionCommand {
        @Parameters(index = "0", paramLabel = "PEERING", description = "id or unique name") String peering;
        @Option(names = {"-n", "--name"}, description = "new name") String name;
        @Option(names = {"-d", "--description"}, description = "new description") String description;
        @Option(names = "--labels", split = ",", paramLabel = "KEY=VALUE", description = "replace all labels") Map<String, String> labels;
        @Option(names = "--enabled", arity = "1", paramLabel = "true|false",
                description = "false: keep the peering but withdraw it from every switch; true: bring it back") Boolean enabled;
        @Option(names = "--dry-run", description = "change nothing: show whether the update would be admitted and, per switch, "
                + "the diff of its rendered files") boolean dryRun;
        @Option(names = "--network1-prefixes", split = ",", paramLabel = "PREFIX",
                description = "local: only these prefixes of network1 are reachable from network2") List<IpPrefix> network1Prefixes;
        @Option(names = "--all-network1-prefixes", description = "local: all of network1's prefixes are reachable again") boolean allNetwork1;
        @Option(names = "--network2-prefixes", split = ",", paramLabel = "PREFIX",
                description = "local: only these prefixes of network2 are reachable from network1") List<IpPrefix> network2Prefixes;
        @Option(names = "--all-network2-prefixes", description = "local: all of network2's prefixes are reachable again") boolean allNetwork2;
        @Mixin WaitOptions waiting = new WaitOptions();

        Update(Session session) {
            super(session);
        }

        @Override
        public void run() {
            boolean reselect = network1Prefixes != null || allNetwork1 || network2Prefixes != null || allNetwork2;
            if (name == null && description == null && labels == null && enabled == null && !reselect) {
                throw CliException.usage("nothing to update: pass --name, --description, --labels, --enabled or --network1-prefixes, "
                        + "--network2-prefixes (--all-network1-prefixes, --all-network2-prefixes)");
            }
            Waiter waiter = waiting.waiter(session).orElse(null);
            PeeringDryRunOutput.refuseWait(dryRun, waiter);
            if (waiter != null && enabled == null) {
                throw CliException.usage("--wait waits for the switches to carry --enabled=true or --enabled=false: pass one");
            }
            MetalApiClient client = session.client();
            V1Peering p = client.peerings().get(resolve(client, peering).id());
            // --wait on disable: the switches that carry it now must apply the update's revision (asked before updating)
            SortedSet<String> carriers = waiter != null && !enabled ? PeeringWait.carriers(List.of(p)) : new TreeSet<>();
            if (!carriers.isEmpty()) {
                readableSwitches(client, "--wait on --enabled=false", "update without --wait; nothing was changed");
            }
            V1Peering request = new V1Peering(p.id(), name == null ? p.name() : name,
                    description == null ? p.description() : description, p.projectid(), p.partitionid(), p.network1(),
                    p.network2(), p.peeringtype(), p.bgp(), labels == null ? p.labels() : labels, p.origin(), p.status(),
                    p.created(), p.changed(), enabled).withExchange(reselect
                    ? Objects.requireNonNullElse(exchange(p.exchange(), network1Prefixes, allNetwork1, network2Prefixes, allNetwork2),
                            new V1PeeringExchange(null, null))
                    : null);
            if (dryRun) {
                PeeringDryRunOutput.print(session, "update", List.of(client.dryRunUpdatePeering(request)), view(client));
                return;
            }
            V1Peering updated = client.peerings().update(request);
            if (waiter != null && enabled) {
                waiter.await(() -> PeeringWait.created(client, List.of(updated)), "peering " + PeeringWait.label(updated)
                        + " was enabled: see `metalctl network peering describe " + PeeringWait.label(updated) + " -o wide`");
                session.printer().one(client.peerings().get(updated.id()), view(client));
                return;
            }
            if (waiter != null) {
                Map<String, Long> targets = revisions(client, carriers);
                String what = "peering " + PeeringWait.label(updated);
                waiter.await(() -> PeeringWait.withdrawn(targets, client.switches().list(), what),
                        what + " was disabled: see `metalctl switch describe <switch>`");
            }
            session.printer().one(updated, view(client));
        }
    }

    /**
     * The {@code exchange} block to send: per side the listed prefixes, or all of that side's ({@code all}), or else what
     * {@code stored} selects (null: nothing stored). Null when neither side selects.
     */
    static V1PeeringExchange exchange(V1PeeringExchange stored, List<IpPrefix> network1, boolean all1, List<IpPrefix> network2, boolean all2) {
        if ((network1 != null && all1) || (network2 != null && all2)) {
            throw CliException.usage("--network%d-prefixes and --all-network%d-prefixes contradict each other: pass one",
                    network1 != null && all1 ? 1 : 2, network1 != null && all1 ? 1 : 2);
        }
        List<String> side1 = all1 ? null : network1 != null ? network1.stream().map(IpPrefix::toString).toList()
                : stored == null ? null : stored.network1();
        List<String> side2 = all2 ? null : network2 != null ? network2.stream().map(IpPrefix::toString).toList()
                : stored == null ? null : stored.network2();
        return side1 == null && side2 == null ? null : new V1PeeringExchange(side1, side2);
    }

    /** Per switch, the intent revision it must apply: its current one, at least the write's (read after the write). */
    private static Map<String, Long> revisions(MetalApiClient client, SortedSet<String> switches) {
        Map<String, Long> targets = new TreeMap<>();
        for (String id : switches) {
            targets.put(id, Objects.requireNonNullElse(client.switches().get(id).revision(), 0L));
        }
        return targets;
    }

    /** Switches are visible to admin and infra tokens only; a --wait that must read them asks before it writes. */
    private static void readableSwitches(MetalApiClient client, String what, String instead) {
        try {
            client.switches().list();
        } catch (ApiException e) {
            if (e.statuscode() == 401 || e.statuscode() == 403) {
                throw CliException.refused(what + " reads the switches' sync state, which this token may not "
                        + "(HTTP %d: %s): use an admin token, or " + instead, e.statuscode(), e.getMessage());
            }
            throw e;
        }
    }

    @Command(name = "delete", aliases = {"rm", "destroy", "remove"}, description = "Delete peerings; asks first unless --yes-i-really-mean-it.",
            footerHeading = "%nExample:%n", footer = {"  metalctl network peering delete privnet1-to-storage --yes-i-really-mean-it",
            "  metalctl network peering delete privnet1-to-storage --yes-i-really-mean-it --wait",
            "  metalctl network peering delete privnet1-to-storage --dry-run"})
    static final class Delete extends SessionCommand {
        @Parameters(arity = "1..*", paramLabel = "PEERING", description = "ids or unique names") List<String> peerings;
        @Option(names = "--dry-run", description = "delete nothing (no confirmation needed): show whether the delete would be "
                + "admitted and, per switch, the diff of its rendered files") boolean dryRun;
        @Mixin WaitOptions waiting = new WaitOptions();

        Delete(Session session) {
            super(session);
        }

        @Override
        public void run() {
            Waiter waiter = waiting.waiter(session).orElse(null);
            PeeringDryRunOutput.refuseWait(dryRun, waiter);
            MetalApiClient client = session.client();
            List<V1Peering> all = client.peerings().list();
            List<V1Peering> doomed = peerings.stream().map(a -> RESOLVER.resolve(a, all)).distinct().toList();
            TableView<V1Peering> view = view(client);
            if (dryRun) {
                PeeringDryRunOutput.print(session, "delete", doomed.stream().map(p -> client.dryRunDeletePeering(p.id())).toList(), view);
                return;
            }
            session.confirm("delete " + doomed.stream().map(p -> "peering \"" + p.name() + "\" (" + p.id() + ")")
                    .collect(Collectors.joining(", ")) + "?");
            // --wait: which switches carry the peerings now, and may this token read their sync state (asked before deleting)
            SortedSet<String> carriers = waiter == null ? new TreeSet<>()
                    : PeeringWait.carriers(doomed.stream().map(p -> client.peerings().get(p.id())).toList());
            if (waiter != null && !carriers.isEmpty()) {
                readableSwitches(client, "--wait on delete", "delete without --wait; nothing was deleted");
            }
            List<V1Peering> deleted = doomed.stream().map(p -> client.peerings().delete(p.id())).toList();
            if (waiter != null) {
                // a switch's revision is the one at which its intent last changed: at least the delete's
                Map<String, Long> targets = revisions(client, carriers);
                String what = PeeringWait.names(deleted);
                waiter.await(() -> PeeringWait.deleted(targets, client.switches().list(), what),
                        "the " + what + " " + (deleted.size() == 1 ? "was" : "were") + " deleted: see `metalctl switch describe <switch>`");
            }
            session.printer().list(deleted, view);
        }
    }

    /** {@code -f FILE}: a path, or {@code -} for stdin. */
    static String readFile(Session session, Path file) {
        try {
            if (file.toString().equals("-")) {
                return new String(session.env().stdin().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            }
            return java.nio.file.Files.readString(file);
        } catch (java.io.IOException e) {
            throw CliException.usage("file %s cannot be read: %s", file, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }
}
