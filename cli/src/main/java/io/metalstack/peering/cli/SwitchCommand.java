package io.metalstack.peering.cli;

import io.metalstack.peering.cli.TableView.Column;
import io.metalstack.peering.api.V1Switch;
import io.metalstack.peering.api.V1Condition;
import io.metalstack.peering.api.V1SwitchIntentResponse;
import io.metalstack.peering.api.V1SwitchPort;
import io.metalstack.peering.api.V1SwitchSync;
import io.metalstack.peering.model.Asn;
import io.metalstack.peering.model.PortName;
import io.metalstack.peering.model.SwitchOs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.Set;
import java.util.TreeSet;

/** {@code metalctl switch}: leaves, spines and exit switches. */
@Command(name = "switch", description = "Show and register switches.",
        subcommands = {SwitchCommand.ListSwitches.class, SwitchCommand.Describe.class, SwitchCommand.Register.class},
        footerHeading = "%nExample:%n", footer = {"  metalctl switch list"})
final class SwitchCommand extends Group {
    static final Resolver<V1Switch> RESOLVER = new Resolver<>("switch", V1Switch::id, V1Switch::id);

    static final TableView<V1Switch> VIEW = TableView.of(
            Column.of("ID", V1Switch::id),
            Column.of("PARTITION", V1Switch::partitionid),
            Column.of("RACK", V1Switch::rack),
            Column.wideOnly("ZONE", V1Switch::zone),
            Column.of("ROLE", V1Switch::role),
            Column.of("OS", V1Switch::os),
            Column.of("ASN", s -> Cells.text(s.asn())),
            Column.wideOnly("ROUTER ID", V1Switch::routerid),
            Column.wideOnly("PORTS", SwitchCommand::ports),
            Column.of("LAST SYNC", s -> s.lastsync() == null ? "never" : Cells.text(s.lastsync().time())),
            new Column<>("SYNC", SwitchCommand::syncShort, SwitchCommand::syncLong),
            new Column<>("CONDITIONS", s -> s.conditions() == null ? "" : Cells.comma(s.conditions().stream().map(V1Condition::type).toList()),
                    s -> Cells.conditions(s.conditions())));

    /** {@code ok}, {@code failed}, or {@code behind} while the agent has not applied the switch's latest intent. */
    private static String syncShort(V1Switch s) {
        V1SwitchSync sync = s.lastsync();
        if (sync == null) {
            return "";
        }
        if (sync.error() != null && !sync.error().isBlank()) {
            return "failed";
        }
        return behind(s) ? "behind" : "ok";
    }

    private static boolean behind(V1Switch s) {
        return s.revision() != null && s.lastsync().revision() != null && s.lastsync().revision() < s.revision();
    }

    /** Applied revision of the intent's, the apply's duration, and its error on the next line. */
    private static String syncLong(V1Switch s) {
        V1SwitchSync sync = s.lastsync();
        if (sync == null) {
            return s.revision() == null ? "" : "intent revision " + s.revision();
        }
        String line = "revision " + Cells.text(sync.revision()) + (s.revision() == null ? "" : " of " + s.revision())
                + (sync.durationms() == null ? "" : " in " + sync.durationms() + "ms");
        return sync.error() == null || sync.error().isBlank() ? line : line + "\nerror: " + sync.error();
    }

    /** Below the row of {@code describe}: the render warnings of the last sync, one a line; no section without any. */
    private static List<Printer.Section> warnings(V1Switch s) {
        if (s.lastsync() == null || s.lastsync().warnings() == null || s.lastsync().warnings().isEmpty()) {
            return List.of();
        }
        List<String> lines = s.lastsync().warnings().stream().map(w -> w.subject() + ": " + w.message()).toList();
        return List.of(Printer.Section.keyValues(Map.of("Warnings", String.join("\n", lines))));
    }

    /** One port a line: name, {@code uplink} or the VRF its machine's network gives it. */
    private static String ports(V1Switch s) {
        if (s.ports() == null) {
            return "";
        }
        List<String> lines = new ArrayList<>();
        for (V1SwitchPort p : s.ports()) {
            String what = Boolean.TRUE.equals(p.uplink()) ? " uplink" : p.vrf() != null ? " vrf " + p.vrf() : "";
            lines.add(p.name() + what);
        }
        return String.join("\n", lines);
    }

    @Command(name = "list", aliases = "ls", description = "List switches.",
            footerHeading = "%nExample:%n", footer = {"  metalctl switch list -o wide"})
    static final class ListSwitches extends SessionCommand {
        @Option(names = {"-p", "--partition"}, description = "only switches in this partition") String partition;
        @Option(names = "--role", description = "only switches of this role: leaf, spine, exit") String role;

        ListSwitches(Session session) {
            super(session);
        }

        @Override
        public void run() {
            session.printer().list(session.client().switches().list().stream()
                    .filter(s -> partition == null || partition.equals(s.partitionid()))
                    .filter(s -> role == null || role.equalsIgnoreCase(s.role()))
                    .sorted(Comparator.comparing(V1Switch::id)).toList(), VIEW);
        }
    }

    @Command(name = "describe", aliases = "get", description = "Show one switch with its ports, its last sync and its conditions; "
            + "with --config the configuration the server renders for it.",
            footerHeading = "%nExamples:%n", footer = {"  metalctl switch describe exit01",
            "  metalctl switch describe leaf01 --config", "  metalctl switch describe leaf01 --config --dialect sonic"})
    static final class Describe extends SessionCommand {
        @Parameters(index = "0", paramLabel = "SWITCH", description = "the switch's id (hostname)") String id;
        @Option(names = "--config", description = "print the rendered files (a preview of what the agent applies), "
                + "each after a line with its name") boolean config;
        @Option(names = "--dialect", paramLabel = "OS", description = "with --config: sonic or cumulus (default: the switch's OS)")
        SwitchOs dialect;

        Describe(Session session) {
            super(session);
        }

        @Override
        public void run() {
            if (dialect != null && !config) {
                throw CliException.usage("--dialect needs --config: it chooses the dialect of the rendered files");
            }
            V1Switch sw = RESOLVER.resolve(id, session.client().switches().list());
            if (!config) {
                session.printer().describe(sw, VIEW, SwitchCommand::warnings);
                return;
            }
            SwitchOs os = dialect != null ? dialect : SwitchOs.parse(sw.os());
            V1SwitchIntentResponse rendered = session.client().renderSwitch(sw.id(), os.wire().toLowerCase(Locale.ROOT));
            session.printer().text(rendered, files(rendered.files()));
        }

        /** Each file after a header line with its name, in name order, an empty line between files. */
        static String files(Map<String, String> files) {
            StringBuilder out = new StringBuilder();
            for (Map.Entry<String, String> f : new TreeMap<>(files == null ? Map.<String, String>of() : files).entrySet()) {
                if (out.length() > 0) {
                    out.append('\n');
                }
                out.append("==> ").append(f.getKey()).append(" <==\n").append(f.getValue());
                if (!f.getValue().endsWith("\n")) {
                    out.append('\n');
                }
            }
            return out.toString();
        }
    }

    @Command(name = "register", aliases = "create", description = "Register a switch (admin, or the switch agent).",
            footerHeading = "%nExample:%n", footer = {
            "  metalctl switch register --id exit01 -p fra-equ01 --rack r01 --role exit --os SONiC \\",
            "    --asn 4200000099 --router-id 10.0.0.99 --ports Ethernet0,Ethernet4 --uplinks Ethernet120"})
    static final class Register extends SessionCommand {
        @Option(names = "--id", required = true, description = "hostname") String id;
        @Option(names = {"-p", "--partition"}, required = true, description = "partition") String partition;
        @Option(names = "--rack", description = "rack") String rack;
        @Option(names = "--zone", description = "zone (room)") String zone;
        @Option(names = "--role", required = true, description = "leaf, spine or exit") String role;
        @Option(names = "--os", required = true, description = "SONiC or Cumulus") String os;
        @Option(names = "--asn", required = true, description = "the switch's AS number") Asn asn;
        @Option(names = "--router-id", required = true, paramLabel = "IPV4", description = "router id / loopback") String routerId;
        @Option(names = "--ports", split = ",", paramLabel = "PORT", description = "front-panel ports towards machines") List<String> ports;
        @Option(names = "--uplinks", split = ",", paramLabel = "PORT", description = "ports towards the spines") List<String> uplinks;

        Register(Session session) {
            super(session);
        }

        @Override
        public void run() {
            Set<PortName> up = new TreeSet<>();
            if (uplinks != null) {
                uplinks.forEach(u -> up.add(PortName.parse(u)));
            }
            Set<PortName> all = new TreeSet<>(up);
            if (ports != null) {
                ports.forEach(p -> all.add(PortName.parse(p)));
            }
            List<V1SwitchPort> wire = all.stream().map(p -> new V1SwitchPort(p.value(), up.contains(p), null)).toList();
            session.printer().one(session.client().switches().create(new V1Switch(id, partition, rack, zone, role, os,
                    asn.value(), routerId, wire, null, null)), VIEW);
        }
    }
}
