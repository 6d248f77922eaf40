package io.metalstack.peering.frr;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static java.util.Objects.requireNonNull;

/**
 * The vtysh commands that turn one rendered FRR config into another, computed from their typed models: additions and
 * {@code no …} removals, each under its context ({@code router bgp X vrf Y}, {@code address-family …},
 * {@code route-map X permit N}, left with {@code exit}, {@code exit-address-family}, {@code exit-vrf}), for one
 * {@code vtysh -f} load, which applies them line by line. Pure.
 *
 * <p>The order keeps every route-map entry that permits tied to its matches at every line:
 * <ol>
 *   <li>additions of the top level: log level, debugs, static routes, VRFs, interfaces;</li>
 *   <li>prefix-lists and large-community lists: removed entries of a kept list first (a match on a list without the
 *       entry, or on a list that does not exist, matches less), then new entries;</li>
 *   <li>route-map entries: a new permit entry is created as {@code deny N} with its matches and only then turned into
 *       a permit (FRR keeps an entry's matches when its type changes); an entry whose matches change, or that turns
 *       from permit to deny, becomes a deny first, so it narrows before it widens; an entry whose sets alone change is
 *       changed in place (a {@code set} replaces the one of its kind);</li>
 *   <li>BGP: per instance new neighbours, per address family removed statements in the reverse of their order (an
 *       {@code import vrf X} before the {@code import vrf route-map} that filtered it: without the route-map it would
 *       import everything) before new ones, removed neighbours; new instances; removed instances;</li>
 *   <li>removals nothing refers to any more: {@code ip protocol bgp route-map}, route-map entries and route-maps (an
 *       {@code import vrf route-map} naming a route-map that does not exist imports everything, so a route-map goes
 *       only after its users), prefix-lists, large-community lists, VRFs, static routes, debugs.</li>
 * </ol>
 * No deletion in {@link ProtectedDeletions} is ever computed. A change this class does not compute (hostname, the
 * globals but log level and debugs, a removed or changed interface, a VRF's VNI, a BGP instance's AS, router-id,
 * peer-groups or interface neighbours, a changed numbered neighbour, the default instance removed) gives no delta:
 * the agent then applies the whole file.
 */
public final class FrrDelta {
    private FrrDelta() {}

    /**
     * The commands from {@code from} to {@code to}; empty when either has no typed model or the change is one this
     * class does not compute (see above).
     */
    public static Optional<Push> between(RenderedConfig from, RenderedConfig to) {
        requireNonNull(from, "from is null");
        requireNonNull(to, "to is null");
        if (from.model().isEmpty() || to.model().isEmpty()) {
            return Optional.empty();
        }
        return new Diff(from.model().get(), to.model().get()).push();
    }

    /**
     * The policies of {@code wanted} (prefix-lists, large-community lists, route-maps) as commands to push into daemons
     * whose running config has the route-map entry headers {@code runningRouteMapHeaders} (e.g. {@code route-map X
     * permit 10}): an entry running as that permit is pushed in place, any other permit entry as a new one (a deny
     * with its lines first). Empty when {@code wanted} has no typed model.
     */
    public static List<String> policies(RenderedConfig wanted, Set<String> runningRouteMapHeaders) {
        requireNonNull(runningRouteMapHeaders, "runningRouteMapHeaders is null");
        Optional<FrrConfig> model = wanted.model();
        if (model.isEmpty()) {
            return List.of();
        }
        Commands out = new Commands();
        for (PrefixList list : model.get().prefixLists()) {
            list.entries().forEach(e -> out.add(List.of(), FrrPrinter.prefixListLine(list, e)));
        }
        for (LargeCommunityList list : model.get().largeCommunityLists()) {
            FrrPrinter.communityListLines(list).forEach(l -> out.add(List.of(), l));
        }
        for (RouteMap map : model.get().routeMaps()) {
            for (RouteMap.Entry e : map.entries()) {
                out.createEntry(map.name(), e,
                        runningRouteMapHeaders.contains(FrrPrinter.routeMapHeader(map.name(), e.action(), e.seq())));
            }
        }
        return out.push().commands();
    }

    /**
     * What to push: the commands in order (indented as FRR prints them; vtysh ignores the indentation), and each line
     * the delta adds or removes, which the running config must then show or lack.
     */
    public record Push(List<String> commands, List<Line> expected) {
        public Push {
            commands = List.copyOf(commands);
            expected = List.copyOf(expected);
        }

        public boolean isEmpty() {
            return commands.isEmpty();
        }

        /**
         * The changes of this delta that {@code runningConfig} (FRR's {@code show running-config}) does not show, as
         * messages (passwords masked); empty when the push took effect.
         */
        public List<String> unmet(String runningConfig) {
            Map<List<String>, Set<String>> blocks = blocks(runningConfig);
            List<String> unmet = new ArrayList<>();
            for (Line line : expected) {
                boolean there = blocks.getOrDefault(line.context(), Set.of()).contains(line.text());
                if (there != line.present()) {
                    String where = Stream.concat(line.context().stream(), Stream.of(line.text())).collect(Collectors.joining(" / "));
                    unmet.add((line.present() ? "missing: " : "still there: ") + where.replaceAll("password \\S+", "password ***"));
                }
            }
            return unmet;
        }

        /** Every line of a running config (stripped) by its context headers, as its indentation nests them. */
        private static Map<List<String>, Set<String>> blocks(String runningConfig) {
            Map<List<String>, Set<String>> blocks = new HashMap<>();
            Deque<Open> open = new ArrayDeque<>();
            for (String raw : runningConfig.lines().toList()) {
                String text = raw.strip();
                if (text.isEmpty() || text.equals("!") || text.equals("end") || text.startsWith("exit")) {
                    continue;
                }
                int indent = raw.indexOf(text.charAt(0));
                while (!open.isEmpty() && open.peekLast().indent() >= indent) {
                    open.removeLast();
                }
                blocks.computeIfAbsent(open.stream().map(Open::text).toList(), k -> new HashSet<>()).add(text);
                open.addLast(new Open(indent, text));
            }
            return blocks;
        }

        private record Open(int indent, String text) {}
    }

    /** A line (stripped) under its context headers, and whether the running config shows it after the push. */
    record Line(List<String> context, String text, boolean present) {
        Line {
            context = List.copyOf(context);
            requireNonNull(text, "text is null");
        }
    }

    /** The commands and expectations being written. */
    private static final class Commands {
        private final List<String> commands = new ArrayList<>();
        private final List<Line> expected = new ArrayList<>();

        /** A command that enters or leaves a context, at the indentation of a line of {@code context}. */
        void context(List<String> context, String command) {
            commands.add(" ".repeat(context.size()) + command);
        }

        /** Enters the block {@code header} of {@code parent}, which is there afterwards. */
        List<String> open(List<String> parent, String header) {
            context(parent, header);
            expected.add(new Line(parent, header, true));
            return append(parent, header);
        }

        void add(List<String> context, String line) {
            commands.add(" ".repeat(context.size()) + line);
            expected.add(new Line(context, line, true));
        }

        /** Removes {@code line} (as FRR shows it) from {@code context}: {@code no line}, or {@code line} for a {@code no …} line. */
        void remove(List<String> context, String line) {
            String command = line.startsWith("no ") ? line.substring(3) : "no " + line;
            if (!ProtectedDeletions.contains(command)) {
                commands.add(" ".repeat(context.size()) + command);
                expected.add(new Line(context, line, false));
            }
        }

        /** A deletion of whole blocks or lists ({@code no route-map X}): {@code gone} are the lines of the top level it removes. */
        void delete(String command, List<String> gone) {
            if (!ProtectedDeletions.contains(command)) {
                commands.add(command);
                gone.forEach(g -> expected.add(new Line(List.of(), g, false)));
            }
        }

        /**
         * A route-map entry with all its lines. A permit entry not running as such is created as a deny with its lines
         * and only then turned into a permit: vtysh applies line by line, and a permit created before its matches would
         * permit everything until the next line.
         */
        void createEntry(FrrName map, RouteMap.Entry entry, boolean runningAsPermit) {
            String header = FrrPrinter.routeMapHeader(map, entry.action(), entry.seq());
            boolean viaDeny = entry.action() == Action.PERMIT && !runningAsPermit;
            context(List.of(), viaDeny ? FrrPrinter.routeMapHeader(map, Action.DENY, entry.seq()) : header);
            expected.add(new Line(List.of(), header, true));
            List<String> in = List.of(header);
            entry.matches().forEach(m -> add(in, m.text()));
            entry.sets().forEach(s -> add(in, s.text()));
            context(List.of(), "exit");
            if (viaDeny) {
                context(List.of(), header);
                context(List.of(), "exit");
            }
        }

        Push push() {
            return new Push(commands, expected);
        }

        private static List<String> append(List<String> context, String header) {
            List<String> inner = new ArrayList<>(context);
            inner.add(header);
            return List.copyOf(inner);
        }
    }

    private static final class Diff {
        private final FrrConfig from;
        private final FrrConfig to;
        private final Commands out = new Commands();

        Diff(FrrConfig from, FrrConfig to) {
            this.from = from;
            this.to = to;
        }

        Optional<Push> push() {
            if (!computable()) {
                return Optional.empty();
            }
            additions();
            prefixLists();
            communityLists();
            routeMaps();
            to.protocolBgpMap().filter(m -> !to.protocolBgpMap().equals(from.protocolBgpMap()))
                    .ifPresent(m -> out.add(List.of(), FrrPrinter.protocolBgpMap(m)));
            bgp();
            removals();
            return Optional.of(out.push());
        }

        /** False for a change this class does not compute (see the class comment). */
        private boolean computable() {
            if (!from.hostname().equals(to.hostname()) || !withoutLogging(from.globals()).equals(withoutLogging(to.globals()))
                    || !to.interfaces().containsAll(from.interfaces())) {
                return false;
            }
            Map<FrrName, FrrConfig.VrfDef> vrfs = byKey(from.vrfs(), FrrConfig.VrfDef::name);
            if (to.vrfs().stream().anyMatch(v -> vrfs.containsKey(v.name()) && !vrfs.get(v.name()).equals(v))) {
                return false;
            }
            Map<FrrName, PrefixList> lists = byKey(from.prefixLists(), PrefixList::name);
            if (to.prefixLists().stream().anyMatch(l -> lists.containsKey(l.name()) && lists.get(l.name()).family() != l.family())) {
                return false;
            }
            Map<Optional<FrrName>, BgpInstance> instances = byKey(to.bgp(), BgpInstance::vrf);
            for (BgpInstance old : from.bgp()) {
                BgpInstance now = instances.get(old.vrf());
                if (now == null ? old.vrf().isEmpty() : !sameSkeleton(old, now)) {
                    return false;
                }
            }
            return true;
        }

        private static FrrConfig.Globals withoutLogging(FrrConfig.Globals g) {
            return new FrrConfig.Globals(SyslogLevel.INFORMATIONAL, g.facilityLocal4(), g.agentx(), g.integratedVtyshConfig(), Set.of(),
                    g.vtyPasswords(), g.cumulusNoPassword());
        }

        /** Same AS, router-id, peer-groups and interface neighbours, and every numbered neighbour in both the same. */
        private static boolean sameSkeleton(BgpInstance a, BgpInstance b) {
            if (!a.asn().equals(b.asn()) || !a.routerId().equals(b.routerId()) || !a.peerGroups().equals(b.peerGroups())
                    || !a.neighbors().equals(b.neighbors())) {
                return false;
            }
            Map<FrrName, BgpInstance.RemoteNeighbor> remotes = byKey(b.remotes(), BgpInstance.RemoteNeighbor::address);
            return a.remotes().stream().allMatch(r -> !remotes.containsKey(r.address()) || remotes.get(r.address()).equals(r));
        }

        private void additions() {
            if (from.globals().syslog() != to.globals().syslog()) {
                out.add(List.of(), "log syslog " + to.globals().syslog().frr());
            }
            for (FrrConfig.Debug d : FrrConfig.Debug.values()) {
                if (to.globals().debugs().contains(d) && !from.globals().debugs().contains(d)) {
                    out.add(List.of(), d.text());
                }
            }
            to.staticRoutes().stream().filter(r -> !from.staticRoutes().contains(r)).forEach(r -> out.add(List.of(), FrrPrinter.staticRoute(r)));
            Set<FrrName> vrfs = from.vrfs().stream().map(FrrConfig.VrfDef::name).collect(Collectors.toSet());
            for (FrrConfig.VrfDef vrf : to.vrfs()) {
                if (!vrfs.contains(vrf.name())) {
                    out.add(out.open(List.of(), FrrPrinter.vrfHeader(vrf.name())), FrrPrinter.vni(vrf));
                    out.context(List.of(), "exit-vrf");
                }
            }
            for (FrrConfig.InterfaceDef i : to.interfaces()) {
                if (!from.interfaces().contains(i)) {
                    List<String> in = out.open(List.of(), FrrPrinter.interfaceHeader(i));
                    FrrPrinter.INTERFACE_LINES.forEach(l -> out.add(in, l));
                    out.context(List.of(), "exit");
                }
            }
        }

        private void prefixLists() {
            Map<FrrName, PrefixList> old = byKey(from.prefixLists(), PrefixList::name);
            for (PrefixList list : to.prefixLists()) {
                PrefixList before = old.get(list.name());
                if (before != null) {
                    before.entries().stream().filter(e -> !list.entries().contains(e))
                            .forEach(e -> out.remove(List.of(), FrrPrinter.prefixListLine(before, e)));
                }
                list.entries().stream().filter(e -> before == null || !before.entries().contains(e))
                        .forEach(e -> out.add(List.of(), FrrPrinter.prefixListLine(list, e)));
            }
        }

        private void communityLists() {
            Map<FrrName, LargeCommunityList> old = byKey(from.largeCommunityLists(), LargeCommunityList::name);
            for (LargeCommunityList list : to.largeCommunityLists()) {
                List<String> before = old.containsKey(list.name()) ? FrrPrinter.communityListLines(old.get(list.name())) : List.of();
                List<String> after = FrrPrinter.communityListLines(list);
                before.stream().filter(l -> !after.contains(l)).forEach(l -> out.remove(List.of(), l));
                after.stream().filter(l -> !before.contains(l)).forEach(l -> out.add(List.of(), l));
            }
        }

        private void routeMaps() {
            Map<FrrName, RouteMap> old = byKey(from.routeMaps(), RouteMap::name);
            for (RouteMap map : to.routeMaps()) {
                Map<Integer, RouteMap.Entry> before = old.containsKey(map.name())
                        ? byKey(old.get(map.name()).entries(), RouteMap.Entry::seq) : Map.of();
                for (RouteMap.Entry entry : map.entries()) {
                    RouteMap.Entry was = before.get(entry.seq());
                    if (was == null) {
                        out.createEntry(map.name(), entry, false);
                    } else if (!was.equals(entry)) {
                        changeEntry(map.name(), was, entry);
                    }
                }
            }
        }

        /**
         * An entry that stays: one whose matches change, or that is or becomes a deny, is changed as a deny (and turned
         * into a permit afterwards if it is one); one whose sets alone change is changed in place, a set first replacing
         * the one of its kind.
         */
        private void changeEntry(FrrName map, RouteMap.Entry was, RouteMap.Entry entry) {
            String header = FrrPrinter.routeMapHeader(map, entry.action(), entry.seq());
            boolean viaDeny = was.action() == Action.DENY || entry.action() == Action.DENY
                    || !Set.copyOf(was.matches()).equals(Set.copyOf(entry.matches()));
            out.context(List.of(), viaDeny ? FrrPrinter.routeMapHeader(map, Action.DENY, entry.seq()) : header);
            List<String> in = List.of(header);
            was.matches().stream().filter(m -> !entry.matches().contains(m)).forEach(m -> out.remove(in, m.text()));
            entry.matches().stream().filter(m -> !was.matches().contains(m)).forEach(m -> out.add(in, m.text()));
            entry.sets().stream().filter(s -> !was.sets().contains(s)).forEach(s -> out.add(in, s.text()));
            Set<String> setKinds = entry.sets().stream().map(Diff::kind).collect(Collectors.toSet());
            was.sets().stream().filter(s -> !entry.sets().contains(s) && !setKinds.contains(kind(s))).forEach(s -> out.remove(in, s.text()));
            out.context(List.of(), "exit");
            if (viaDeny && entry.action() == Action.PERMIT) {
                out.context(List.of(), header);
                out.context(List.of(), "exit");
            }
            out.expected.add(new Line(List.of(), header, true));
            if (was.action() != entry.action()) {
                out.expected.add(new Line(List.of(), FrrPrinter.routeMapHeader(map, was.action(), was.seq()), false));
            }
        }

        /** {@code set large-community}, {@code set src}, …: FRR keeps one set of each kind per entry. */
        private static String kind(RouteMap.Set set) {
            String[] words = set.text().split(" ");
            return words[0] + " " + words[1];
        }

        private void bgp() {
            Map<Optional<FrrName>, BgpInstance> old = byKey(from.bgp(), BgpInstance::vrf);
            for (BgpInstance instance : to.bgp()) {
                BgpInstance was = old.get(instance.vrf());
                if (was == null) {
                    createInstance(instance);
                } else {
                    changeInstance(was, instance);
                }
            }
            Set<Optional<FrrName>> kept = to.bgp().stream().map(BgpInstance::vrf).collect(Collectors.toSet());
            from.bgp().stream().filter(b -> !kept.contains(b.vrf()))
                    .forEach(b -> out.delete("no " + FrrPrinter.bgpHeader(b), List.of(FrrPrinter.bgpHeader(b))));
        }

        private void createInstance(BgpInstance instance) {
            List<String> in = out.open(List.of(), FrrPrinter.bgpHeader(instance));
            FrrPrinter.bgpLines(instance).forEach(l -> out.add(in, l));
            for (AddressFamilyConfig af : instance.families()) {
                if (!af.statements().isEmpty()) {
                    List<String> inAf = out.open(in, FrrPrinter.addressFamilyHeader(af.afi()));
                    af.statements().forEach(s -> out.add(inAf, s.text()));
                    out.context(in, "exit-address-family");
                }
            }
            out.context(List.of(), "exit");
        }

        private void changeInstance(BgpInstance was, BgpInstance instance) {
            String header = FrrPrinter.bgpHeader(instance);
            List<String> in = List.of(header);
            int mark = out.commands.size();
            out.context(List.of(), header);
            int body = out.commands.size();
            Set<FrrName> before = was.remotes().stream().map(BgpInstance.RemoteNeighbor::address).collect(Collectors.toSet());
            Set<FrrName> after = instance.remotes().stream().map(BgpInstance.RemoteNeighbor::address).collect(Collectors.toSet());
            instance.remotes().stream().filter(r -> !before.contains(r.address()))
                    .forEach(r -> FrrPrinter.remoteLines(r).forEach(l -> out.add(in, l)));
            Map<AddressFamilyConfig.Afi, AddressFamilyConfig> wasFamilies = byKey(was.families(), AddressFamilyConfig::afi);
            Map<AddressFamilyConfig.Afi, AddressFamilyConfig> families = byKey(instance.families(), AddressFamilyConfig::afi);
            Set<AddressFamilyConfig.Afi> afis = new LinkedHashSet<>();
            instance.families().forEach(af -> afis.add(af.afi()));
            was.families().forEach(af -> afis.add(af.afi()));
            for (AddressFamilyConfig.Afi afi : afis) {
                List<AddressFamilyConfig.Statement> old = statements(wasFamilies.get(afi));
                List<AddressFamilyConfig.Statement> now = statements(families.get(afi));
                List<AddressFamilyConfig.Statement> gone = new ArrayList<>(old.stream()
                        .filter(s -> !now.contains(s) && s.neighbor().map(after::contains).orElse(true)).toList());
                Collections.reverse(gone);
                List<AddressFamilyConfig.Statement> fresh = now.stream().filter(s -> !old.contains(s)).toList();
                if (gone.isEmpty() && fresh.isEmpty()) {
                    continue;
                }
                String afHeader = FrrPrinter.addressFamilyHeader(afi);
                List<String> inAf = List.of(header, afHeader);
                out.context(in, afHeader);
                gone.forEach(s -> out.remove(inAf, s.text()));
                fresh.forEach(s -> out.add(inAf, s.text()));
                out.context(in, "exit-address-family");
            }
            for (BgpInstance.RemoteNeighbor r : was.remotes()) {
                if (!after.contains(r.address())) {
                    out.context(in, "no neighbor " + r.address());
                    FrrPrinter.remoteLines(r).forEach(l -> out.expected.add(new Line(in, l, false)));
                }
            }
            if (out.commands.size() == body) {
                out.commands.remove(mark);
            } else {
                out.context(List.of(), "exit");
            }
        }

        private static List<AddressFamilyConfig.Statement> statements(AddressFamilyConfig af) {
            return af == null ? List.of() : af.statements();
        }

        private void removals() {
            from.protocolBgpMap().filter(m -> to.protocolBgpMap().isEmpty())
                    .ifPresent(m -> out.remove(List.of(), FrrPrinter.protocolBgpMap(m)));
            Map<FrrName, RouteMap> maps = byKey(to.routeMaps(), RouteMap::name);
            for (RouteMap map : from.routeMaps()) {
                RouteMap now = maps.get(map.name());
                List<String> gone = map.entries().stream()
                        .filter(e -> now == null || now.entries().stream().noneMatch(n -> n.seq() == e.seq()))
                        .map(e -> FrrPrinter.routeMapHeader(map.name(), e.action(), e.seq())).toList();
                if (now == null) {
                    out.delete("no route-map " + map.name(), gone);
                } else {
                    gone.forEach(h -> out.delete("no " + h, List.of(h)));
                }
            }
            Set<FrrName> lists = to.prefixLists().stream().map(PrefixList::name).collect(Collectors.toSet());
            from.prefixLists().stream().filter(l -> !lists.contains(l.name()))
                    .forEach(l -> out.delete("no " + FrrPrinter.prefixListKeyword(l.family()) + " prefix-list " + l.name(),
                            l.entries().stream().map(e -> FrrPrinter.prefixListLine(l, e)).toList()));
            Set<FrrName> communities = to.largeCommunityLists().stream().map(LargeCommunityList::name).collect(Collectors.toSet());
            from.largeCommunityLists().stream().filter(l -> !communities.contains(l.name()))
                    .forEach(l -> out.delete("no bgp large-community-list standard " + l.name(), FrrPrinter.communityListLines(l)));
            Set<FrrName> vrfs = to.vrfs().stream().map(FrrConfig.VrfDef::name).collect(Collectors.toSet());
            from.vrfs().stream().filter(v -> !vrfs.contains(v.name()))
                    .forEach(v -> out.delete("no " + FrrPrinter.vrfHeader(v.name()), List.of(FrrPrinter.vrfHeader(v.name()))));
            from.staticRoutes().stream().filter(r -> !to.staticRoutes().contains(r)).forEach(r -> out.remove(List.of(), FrrPrinter.staticRoute(r)));
            for (FrrConfig.Debug d : FrrConfig.Debug.values()) {
                if (from.globals().debugs().contains(d) && !to.globals().debugs().contains(d)) {
                    out.remove(List.of(), d.text());
                }
            }
        }

        private static <K, V> Map<K, V> byKey(List<V> values, Function<V, K> key) {
            Map<K, V> map = new HashMap<>();
            values.forEach(v -> map.put(key.apply(v), v));
            return map;
        }
    }
}
