package io.metalstack.peering.vmlab;

import io.metalstack.peering.frr.BgpPath;
import io.metalstack.peering.frr.BgpTableParser;
import io.metalstack.peering.frr.FrrRenderer;
import io.metalstack.peering.frr.RenderedConfig;
import io.metalstack.peering.model.SwitchId;
import io.metalstack.peering.model.plan.InventoryChange;
import io.metalstack.peering.model.plan.Plan;
import io.metalstack.peering.model.plan.Planner;
import io.metalstack.peering.vmlab.PeeringScenario.Host;
import io.metalstack.peering.vmlab.PeeringScenario.Net;
import io.metalstack.peering.vmlab.PeeringScenario.Pair;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

import static io.metalstack.peering.vmlab.PeeringScenario.AB;
import static io.metalstack.peering.vmlab.PeeringScenario.HOSTS;
import static io.metalstack.peering.vmlab.PeeringScenario.LEAF1;
import static io.metalstack.peering.vmlab.PeeringScenario.PEERED;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 7: the leaf configs the product plans and renders carry packets between peered VRFs, and only between them,
 * in a QEMU guest with Debian's kernel (real VRF, VXLAN and bridge devices) and one FRR per leaf. One boot runs three
 * phases: the peered scenario; the A–B peering deleted (re-planned, re-rendered, re-applied with frr-reload.py);
 * and the peered scenario rendered by a deliberately broken renderer, which the same checks must catch.
 */
class PeeringDataPlaneIT {
    static final String PEERED_PHASE = "peered";
    static final String DELETED_PHASE = "ab-deleted";
    static final String BROKEN_PHASE = "broken-import-filter";
    static final Set<Pair> AFTER_DELETE = without(PEERED, AB);

    private static final Map<String, PhaseResult> results = new TreeMap<>();
    private static Path out;

    @BeforeAll
    static void runLab() {
        FrrRenderer renderer = new FrrRenderer();
        Plan peered = Planner.plan(PeeringScenario.inventory(PEERED));
        Plan deleted = Planner.replan(peered, new InventoryChange.PeeringRemoved(AB.id()));
        List<LabPhase> phases = List.of(
                phase(PEERED_PHASE, peered, renderer, UnaryOperator.identity(), PEERED),
                phase(DELETED_PHASE, deleted, renderer, UnaryOperator.identity(), AFTER_DELETE),
                phase(BROKEN_PHASE, peered, renderer, BrokenRenderer::widenImportPrefixLists, PEERED));

        GuestImage.Built image = GuestImage.buildOrReuse();
        Path run = GuestImage.WORK.resolve("run");
        LabInputs.write(Guest.prepare(run), HOSTS, phases);
        Guest.Boot boot = Guest.boot(image, run);
        out = boot.out();
        for (LabPhase p : phases) {
            PhaseResult r = PhaseResult.read(out, p.name());
            results.put(p.name(), r);
            System.out.printf("vmlab: phase %-22s converged=%-5s wait %5.1f s, %d pings in %4.1f s%n", p.name(), r.converged(),
                    r.convergeSeconds(), r.pings().size(), r.pingSeconds());
        }
        System.out.printf("vmlab: image %s, boot to result %.1f s%n",
                image.cached() ? "cached" : String.format("built cold in %.1f s", image.buildTime().toMillis() / 1000.0),
                boot.bootToResult().toMillis() / 1000.0);
    }

    private static LabPhase phase(String name, Plan plan, FrrRenderer renderer, UnaryOperator<String> frrConfEdit, Set<Pair> peered) {
        Map<SwitchId, String> frr = new TreeMap<>();
        Map<SwitchId, String> interfaces = new TreeMap<>();
        for (SwitchId leaf : PeeringScenario.LEAVES) {
            RenderedConfig rendered = renderer.render(plan.intent(leaf).orElseThrow(), PeeringScenario.switchLocal(leaf));
            assertThat(rendered.warnings()).as("render warnings for %s", leaf).isEmpty();
            frr.put(leaf, frrConfEdit.apply(rendered.frrConf()));
            interfaces.put(leaf, rendered.file(FrrRenderer.INTERFACES));
        }
        return LabPhase.of(name, frr, interfaces, PeeringScenario.expectedRoutes(peered));
    }

    @Test
    void peeredVrfTablesHoldExactlyTheirOwnAndTheirDirectPeersMachines() {
        PhaseResult r = results.get(PEERED_PHASE);
        assertThat(r.routeLines()).containsExactlyElementsOf(PeeringScenario.expectedRoutes(PEERED));
        assertThat(r.converged()).isTrue();
    }

    @Test
    void peeredNetworksPingBothWaysOnOneLeafAndAcrossLeavesAndNothingElseDoes() {
        PhaseResult r = results.get(PEERED_PHASE);
        for (Host x : hosts(Net.A)) {
            for (Host y : hosts(Net.B, Net.S)) {
                assertThat(r.ping(x.ns(), y.ns()).ok()).as("%s -> %s", x.ns(), y.ns()).isTrue();
                assertThat(r.ping(y.ns(), x.ns()).ok()).as("%s -> %s", y.ns(), x.ns()).isTrue();
            }
            for (Host c : hosts(Net.C)) {
                assertThat(r.ping(x.ns(), c.ns()).ok()).as("%s -> %s (not peered, not transitive through B)", x.ns(), c.ns()).isFalse();
                assertThat(r.ping(c.ns(), x.ns()).ok()).as("%s -> %s (not peered, not transitive through B)", c.ns(), x.ns()).isFalse();
            }
        }
        assertThat(pingMismatches(r, PEERED)).isEmpty();
    }

    @Test
    void leakedRoutesInTheBgpTableNameTheirSourceVrf() throws IOException {
        Map<String, List<BgpPath>> table = new BgpTableParser().parse(Files.readString(out.resolve(PEERED_PHASE).resolve("bgp-" + LEAF1 + ".json")));
        Host b1 = host("b1");
        Host s1 = host("s1");
        List<BgpPath> a = table.get(Net.A.vrf());
        assertThat(a).as("BGP table of %s on %s", Net.A.vrf(), LEAF1).isNotNull();
        assertThat(a).anyMatch(p -> p.prefix().equals(b1.route()) && p.best() && p.nhVrfName().equals(java.util.Optional.of(Net.B.vrf())));
        assertThat(a).anyMatch(p -> p.prefix().equals(s1.route()) && p.best() && p.nhVrfName().equals(java.util.Optional.of(Net.S.vrf())));
        assertThat(BgpTableParser.validPrefixes(table, Net.A.vrf())).doesNotContain(host("c1").route(), host("c2").route(), host("r1").route());
    }

    @Test
    void deletingThePeeringAbStopsAbTrafficWhileAsStillWorks() {
        PhaseResult r = results.get(DELETED_PHASE);
        assertThat(r.routeLines()).containsExactlyElementsOf(PeeringScenario.expectedRoutes(AFTER_DELETE));
        for (Host x : hosts(Net.A)) {
            for (Host b : hosts(Net.B)) {
                assertThat(r.ping(x.ns(), b.ns()).ok()).as("%s -> %s after the A-B peering was deleted", x.ns(), b.ns()).isFalse();
                assertThat(r.ping(b.ns(), x.ns()).ok()).as("%s -> %s after the A-B peering was deleted", b.ns(), x.ns()).isFalse();
            }
            for (Host s : hosts(Net.S)) {
                assertThat(r.ping(x.ns(), s.ns()).ok()).as("%s -> %s", x.ns(), s.ns()).isTrue();
                assertThat(r.ping(s.ns(), x.ns()).ok()).as("%s -> %s", s.ns(), x.ns()).isTrue();
            }
        }
        assertThat(pingMismatches(r, AFTER_DELETE)).isEmpty();
    }

    /** The negative control: the checks above, applied to the broken renderer's run, must report failures. */
    @Test
    void aWidenedImportPrefixListIsCaughtByTheSameChecks() {
        PhaseResult r = results.get(BROKEN_PHASE);
        SortedSet<String> expected = PeeringScenario.expectedRoutes(PEERED);
        SortedSet<String> extra = new TreeSet<>(r.routeLines());
        extra.removeAll(expected);
        List<String> pings = pingMismatches(r, PEERED);
        System.out.printf("vmlab: broken renderer caught by %d unexpected routes %s and %d wrong pings %s%n", extra.size(), extra, pings.size(), pings);
        assertThat(extra).as("routes the widened prefix-list lets in").contains(LEAF1 + " " + Net.A.vrf() + " " + host("r1").route());
        assertThat(r.routeLines()).isNotEqualTo(expected);
    }

    /** Every ping whose outcome differs from {@link PeeringScenario#reachable}, as "from -> to: ok/failed". */
    private static List<String> pingMismatches(PhaseResult r, Set<Pair> peered) {
        List<String> out = new ArrayList<>();
        for (Host from : HOSTS) {
            for (Host to : HOSTS) {
                if (from != to) {
                    boolean ok = r.ping(from.ns(), to.ns()).ok();
                    if (ok != PeeringScenario.reachable(from, to, peered)) {
                        out.add(from.ns() + " -> " + to.ns() + ": " + (ok ? "ok" : "failed"));
                    }
                }
            }
        }
        assertThat(r.pings()).hasSize(HOSTS.size() * (HOSTS.size() - 1));
        return out;
    }

    private static List<Host> hosts(Net... nets) {
        Set<Net> wanted = Set.of(nets);
        return HOSTS.stream().filter(h -> wanted.contains(h.net()) && !h.rogue()).toList();
    }

    private static Host host(String ns) {
        return HOSTS.stream().filter(h -> h.ns().equals(ns)).findFirst().orElseThrow();
    }

    private static Set<Pair> without(Set<Pair> pairs, Pair removed) {
        Set<Pair> out = new HashSet<>(pairs);
        out.remove(removed);
        return Set.copyOf(out);
    }
}
