package io.metalstack.peering.agent;

import io.metalstack.peering.api.IntentCodec;
import io.metalstack.peering.api.V1SwitchIntent;
import io.metalstack.peering.frr.FrrDelta;
import io.metalstack.peering.frr.FrrRenderer;
import io.metalstack.peering.frr.RenderedConfig;
import io.metalstack.peering.frr.lab.Poll;
import io.metalstack.peering.model.IpPrefix;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeSet;

import static io.metalstack.peering.agent.Intents.A;
import static io.metalstack.peering.agent.Intents.B;
import static io.metalstack.peering.agent.Intents.SHARED;
import static io.metalstack.peering.agent.Intents.leaf;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A reload never passes through an import route-map entry that permits without its match clauses (real FRR, netns
 * VRF backend). Import-map entries are numbered by position, so deleting a peering moves another peer's entry to a
 * lower number: with A (vrf100) peered with B (vrf200) and S (vrf400), and B with C (vrf300), vrf100-import-map is
 * {@code permit 10} (B, IPv4), {@code permit 20} (B, IPv6), {@code permit 30} (S, IPv4), {@code deny 40}; without A–B
 * it is {@code permit 10} (S) and {@code deny 20} (an entry whose type changes). A bare {@code permit 10} would let A import everything vrf200 holds — C's routes too. After each
 * {@code vtysh -f} load of each full reload, and after each single line of a delta push, every {@code permit} entry of
 * every {@code *-import-map} must have a {@code match source-vrf} and a prefix-list match.
 */
class ImportMapReloadIT {
    private static final Duration CONVERGE = Duration.ofSeconds(30);
    private static final FrrRenderer RENDERER = new FrrRenderer();
    private static final Intents.Net C = new Intents.Net(300, "net-c", "p1", "child", "swp3",
            List.of("10.0.24.0/22", "2001:db8:24::/64"));
    private static LabLeaf leaf;
    private static final List<String> steps = new ArrayList<>();
    private static final List<String> violations = new ArrayList<>();
    /** The running config after each step, in the order of {@link #steps}. */
    private static final List<String> snapshots = new ArrayList<>();

    @BeforeAll
    static void startLeaf() {
        leaf = LabLeaf.start("agent-rmap");
        leaf.addVrf("vrf100", "swp1", List.of("10.0.8.1/22", "2001:db8:8::1/64"));
        leaf.addVrf("vrf200", "swp2", List.of("10.0.16.1/22", "2001:db8:16::1/64"));
        leaf.addVrf("vrf300", "swp3", List.of("10.0.24.1/22", "2001:db8:24::1/64"));
        leaf.addVrf("vrf400", "swp4", List.of("10.0.32.1/22"));
    }

    @BeforeEach
    void forget() {
        steps.clear();
        violations.clear();
        snapshots.clear();
    }

    @AfterAll
    static void stopLeaf() {
        leaf.close();
    }

    /** A peers B and S, B peers C. */
    private static V1SwitchIntent withAB() {
        return leaf(A.vrf(B.asImport("same-project"), SHARED.asImport("shared")),
                B.vrf(A.asImport("same-project"), C.asImport("same-project")),
                C.vrf(B.asImport("same-project")),
                SHARED.vrf(A.asImport("shared")));
    }

    /** The same without A–B. */
    private static V1SwitchIntent withoutAB() {
        return leaf(A.vrf(SHARED.asImport("shared")),
                B.vrf(C.asImport("same-project")),
                C.vrf(B.asImport("same-project")),
                SHARED.vrf(A.asImport("shared")));
    }

    private static RenderedConfig render(V1SwitchIntent intent) {
        return RENDERER.render(IntentCodec.toModel(intent));
    }

    /** After a load: the permit entries of the import maps lacking a source-vrf or prefix-list match, as "step: entry". */
    private static void checkImportMaps(String step) {
        steps.add(step);
        String running = leaf.runningConfig();
        snapshots.add(running);
        for (String bare : barePermits(running)) {
            violations.add(step + ": " + bare);
        }
    }

    /** The {@code route-map *-import-map permit N} entries of a running config without both kinds of match. */
    static List<String> barePermits(String runningConfig) {
        List<String> bare = new ArrayList<>();
        String entry = null;
        boolean sourceVrf = false;
        boolean prefixList = false;
        for (String line : (runningConfig + "\nexit\n").lines().toList()) {
            if (line.startsWith("route-map ") && line.matches("route-map \\S+-import-map permit \\d+")) {
                entry = line;
                sourceVrf = false;
                prefixList = false;
            } else if (entry != null && line.startsWith(" ")) {
                sourceVrf |= line.strip().startsWith("match source-vrf ");
                prefixList |= line.strip().matches("match ip(v6)? address prefix-list \\S+");
            } else if (entry != null) {
                if (!sourceVrf || !prefixList) {
                    bare.add(entry);
                }
                entry = null;
            }
        }
        return bare;
    }

    private static boolean has(SortedMap<String, SortedSet<IpPrefix>> seen, String vrf, String prefix) {
        return seen.getOrDefault(vrf, new TreeSet<>()).contains(IpPrefix.parse(prefix));
    }

    @Test
    void theFullReloadNeverLeavesAnImportPermitWithoutItsMatches() throws Exception {
        assertThat(barePermits("route-map vrf1-import-map permit 10\n match source-vrf vrf2\nexit\n"
                + "route-map vrf1-import-map deny 20\nexit\n")).as("the check itself").containsExactly("route-map vrf1-import-map permit 10");

        FrrTarget target = new FrrTarget(leaf.configFile(), new Vtysh("vtysh", leaf.socketDir()),
                new ReloadDelta("/usr/lib/frr/frr-reload.py"), Duration.ZERO, System::nanoTime, ImportMapReloadIT::checkImportMaps);
        target.apply(render(withAB()));
        var peered = Poll.until(CONVERGE, () -> target.observe().orElseThrow(),
                s -> has(s, "vrf100", "10.0.16.0/22") && has(s, "vrf100", "10.0.32.0/22") && has(s, "vrf200", "10.0.24.0/22"));
        assertThat(peered.get("vrf100")).as("A never sees C's routes").doesNotContain(IpPrefix.parse("10.0.24.0/22"));
        assertThat(leaf.runningConfig()).contains("route-map vrf100-import-map permit 30", "route-map vrf100-import-map deny 40");
        int firstApplySteps = steps.size();

        target.apply(render(withoutAB()));

        assertThat(steps.subList(firstApplySteps, steps.size())).as("steps of the second apply")
                .containsExactly("policies", "config", "deletions");
        // FRR 8.4 replaces a match of the same type in place, and a pushed "deny 20" turns the entry "permit 20" into a
        // deny that keeps its matches (denies less, never permits more) until the deletions step removes them
        assertThat(snapshots.get(firstApplySteps)).as("after the second apply's policies")
                .contains("""
                        route-map vrf100-import-map permit 10
                         match ip address prefix-list vrf100-import-from-vrf400
                         match large-community vrf400-origin
                         match source-vrf vrf400
                        exit
                        """)
                .contains("""
                        route-map vrf100-import-map deny 20
                         match ipv6 address prefix-list vrf100-import-from-vrf200-ipv6
                         match large-community vrf200-origin
                         match source-vrf vrf200
                        exit
                        """)
                .doesNotContain("route-map vrf100-import-map permit 20");
        assertThat(violations).as("import-map permit entries without their matches after a step of %s", steps).isEmpty();
        String running = leaf.runningConfig();
        assertThat(running).contains("route-map vrf100-import-map permit 10\n match ip address prefix-list vrf100-import-from-vrf400")
                .contains("route-map vrf100-import-map deny 20\nexit")
                .doesNotContain("route-map vrf100-import-map permit 20", "route-map vrf100-import-map permit 30",
                        "route-map vrf100-import-map deny 40", "import vrf vrf200\n  import vrf vrf400");
        var after = Poll.until(CONVERGE, () -> target.observe().orElseThrow(),
                s -> !has(s, "vrf100", "10.0.16.0/22") && has(s, "vrf100", "10.0.32.0/22"));
        assertThat(after.get("vrf100")).extracting(IpPrefix::toString)
                .containsExactlyInAnyOrder("10.0.8.0/22", "2001:db8:8::/64", "10.0.32.0/22");
        assertThat(after.get("vrf200")).extracting(IpPrefix::toString)
                .containsExactlyInAnyOrder("10.0.16.0/22", "2001:db8:16::/64", "10.0.24.0/22", "2001:db8:24::/64");

        // and back: "deny 20" becomes "permit 20" again, "permit 30" and "deny 40" are new
        int secondApplySteps = steps.size();
        target.apply(render(withAB()));

        assertThat(steps.subList(secondApplySteps, steps.size())).as("steps of the third apply").containsExactly("policies", "config");
        assertThat(violations).as("import-map permit entries without their matches after a step of %s", steps).isEmpty();
        assertThat(snapshots.get(secondApplySteps)).as("after the third apply's policies")
                .contains("""
                        route-map vrf100-import-map permit 20
                         match ipv6 address prefix-list vrf100-import-from-vrf200-ipv6
                         match large-community vrf200-origin
                         match source-vrf vrf200
                        exit
                        """)
                .contains("route-map vrf100-import-map permit 30\n match ip address prefix-list vrf100-import-from-vrf400\n")
                .contains("route-map vrf100-import-map deny 40\nexit");
        var again = Poll.until(CONVERGE, () -> target.observe().orElseThrow(),
                s -> has(s, "vrf100", "10.0.16.0/22") && has(s, "vrf100", "2001:db8:16::/64") && has(s, "vrf100", "10.0.32.0/22"));
        assertThat(again.get("vrf100")).as("A never sees C's routes").doesNotContain(IpPrefix.parse("10.0.24.0/22"), IpPrefix.parse("2001:db8:24::/64"));
    }

    /**
     * The delta push, line by line: each line of {@link FrrDelta}'s commands is loaded on its own (with the context
     * lines it is under), as {@code vtysh -f} applies them, and the import maps are checked after each. Then the same
     * changes through the agent's target, one {@code vtysh -f} load each, and the time of a sync by each way.
     */
    @Test
    void theDeltaPushNeverLeavesAnImportPermitWithoutItsMatches() throws Exception {
        RenderedConfig peered = render(withAB());
        List<String> loads = new ArrayList<>();
        RenderedConfig unpeered = render(withoutAB());
        FrrTarget full = new FrrTarget(leaf.configFile(), new Vtysh("vtysh", leaf.socketDir()),
                new ReloadDelta("/usr/lib/frr/frr-reload.py"), Duration.ZERO, System::nanoTime, step -> { });
        full.apply(peered);

        for (RenderedConfig[] change : List.of(new RenderedConfig[] {peered, unpeered}, new RenderedConfig[] {unpeered, peered})) {
            FrrDelta.Push push = FrrDelta.between(change[0], change[1]).orElseThrow();
            replayLineByLine(push.commands());
            assertThat(push.unmet(leaf.runningConfig())).as("the running config after the delta").isEmpty();
        }
        assertThat(steps).as("lines replayed").hasSizeGreaterThan(20);
        assertThat(violations).as("import-map permit entries without their matches after a line of the delta").isEmpty();
        awaitPeered(full);

        FrrTarget target = new FrrTarget(leaf.configFile(), new Vtysh("vtysh", leaf.socketDir()),
                new ReloadDelta("/usr/lib/frr/frr-reload.py"), Duration.ofMinutes(10), System::nanoTime, loads::add);
        target.apply(peered);
        loads.clear();
        List<Long> deltaMillis = new ArrayList<>();
        List<Long> fullMillis = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            deltaMillis.add(timed(() -> target.apply(unpeered)));
            deltaMillis.add(timed(() -> target.apply(peered)));
        }
        assertThat(loads).as("every apply after the first is one delta load").containsOnly("delta").hasSize(6);
        var again = awaitPeered(target);
        assertThat(again.get("vrf100")).as("A never sees C's routes").doesNotContain(IpPrefix.parse("10.0.24.0/22"), IpPrefix.parse("2001:db8:24::/64"));
        for (int i = 0; i < 3; i++) {
            fullMillis.add(timed(() -> full.apply(unpeered)));
            fullMillis.add(timed(() -> full.apply(peered)));
        }
        System.out.println("ImportMapReloadIT: one sync (peering deleted / created) in ms: full reload " + fullMillis
                + ", delta push " + deltaMillis);
    }

    /** Loads each command of a delta on its own, under the context lines it is indented under, and checks after each. */
    private static void replayLineByLine(List<String> commands) throws Exception {
        List<String> context = new ArrayList<>();
        Vtysh vtysh = new Vtysh("vtysh", leaf.socketDir());
        Path file = leaf.configFile().resolveSibling("line.conf");
        for (String command : commands) {
            int indent = command.length() - command.stripLeading().length();
            context.subList(Math.min(indent, context.size()), context.size()).clear();
            if (command.strip().startsWith("exit")) {
                continue;
            }
            List<String> load = new ArrayList<>(context);
            load.add(command);
            java.nio.file.Files.writeString(file, String.join("\n", load) + "\n");
            assertThat(vtysh.load(file)).as("FRR's answer to %s", load).isEmpty();
            checkImportMaps(command);
            context.add(command);
        }
    }

    private static SortedMap<String, SortedSet<IpPrefix>> awaitPeered(FrrTarget target) {
        return Poll.until(CONVERGE, () -> target.observe().orElseThrow(),
                s -> has(s, "vrf100", "10.0.16.0/22") && has(s, "vrf100", "2001:db8:16::/64") && has(s, "vrf100", "10.0.32.0/22"));
    }

    private interface Apply {
        void run() throws Exception;
    }

    private static long timed(Apply apply) throws Exception {
        long start = System.nanoTime();
        apply.run();
        return (System.nanoTime() - start) / 1_000_000;
    }
}
