package io.metalstack.peering.vmlab;

import io.metalstack.peering.api.MetalApiClient;
import io.metalstack.peering.api.V1Peering;
import io.metalstack.peering.api.V1Switch;
import io.metalstack.peering.server.launch.EmbeddedMetalApi;
import io.metalstack.peering.vmlab.LabFabric.Host;
import io.metalstack.peering.vmlab.LabFabric.Leaf;
import io.metalstack.peering.vmlab.LabFabric.Net;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Packets between peered VRFs through the real product: metal-api on the host, and in a QEMU guest (Debian's kernel:
 * real VRF, VXLAN and bridge devices) three Cumulus leaves in two zones under a spine, each run by its own metal-core
 * agent ({@code bin/metal-core --target frr}, applying the rendered {@code interfaces} with ifupdown2 and
 * {@code frr.conf} into the leaf's FRR). Every change is an API call; the guest only measures, between the steps the
 * host gives it (see {@link LabFabric} for the fabric and the expectations):
 * <ol>
 *   <li>{@code baseline}: no peering; each VRF reaches only its own machines;</li>
 *   <li>{@code ab-peered}: A (leaf01 only) and B (leaf02, leaf03) peered: the leaves carry the peer's VRF without a
 *       port; A and B ping both ways in both families; C reaches neither; B's anycast address is reached in zone-a;</li>
 *   <li>{@code zone-withdraw}: b2, zone-a's holder of the anycast address, goes offline (its leaf port down, so leaf02
 *       withdraws its routes): traffic to the anycast address moves to zone-b; b2 stays offline from here on;</li>
 *   <li>{@code ad-peered}: A–D peered while a sampler pings A→B (loss during an unrelated change of A's import map);</li>
 *   <li>{@code ab-deleted}: the A–B peering deleted; samplers from C into A and B and from A into C ran through all
 *       changes and never got a reply;</li>
 *   <li>{@code internet-peered}: A peered with the internet (the exit switch's internet VRF, an ISP behind it): A's
 *       machine and the ISP's host reach each other over IPv6 and not over IPv4 (A's is private-use, the internet
 *       NATs); C, B and D (peered with A: not transitive) do not reach it at all;</li>
 *   <li>{@code broken-import-filter}: the negative control: agents stopped, leaf01's applied config re-loaded with its
 *       import prefix-lists widened ({@link BrokenRenderer}); the same checks must catch the rogue route.</li>
 * </ol>
 */
class PeeringDataPlaneIT {
    private static final String ADMIN = "vmlab-admin-token";
    private static final Duration STEP = Duration.ofMinutes(8);
    private static final int BURST = 10;
    private static final Set<Net> INTERNET_PEERS = Set.of(Net.A);

    private static final Map<String, LabStep.Result> steps = new LinkedHashMap<>();
    private static final Map<String, Double> costs = new LinkedHashMap<>();
    private static LabFabric fabric;
    private static EmbeddedMetalApi api;
    private static V1Peering internet;
    private static Path data;

    @BeforeAll
    static void runLab() throws IOException {
        long t0 = System.nanoTime();
        GuestImage.Built image = GuestImage.buildOrReuse();
        Path jre = GuestImage.javaRuntime();
        cost("image and runtime", t0);

        data = Files.createTempDirectory("vmlab-api-");
        api = EmbeddedMetalApi.start(EmbeddedMetalApi.h2Url(data), ADMIN, 50);
        MetalApiClient admin = new MetalApiClient(api.url(), ADMIN);
        fabric = LabFabric.seed(admin);
        String token = fabric.infraToken();

        Path run = GuestImage.WORK.resolve("run");
        Path in = Guest.prepare(run);
        LabInputs.write(in, fabric, "http://10.0.2.2:" + api.url().getPort(), token);
        Path extra = run.resolve("extra");
        LabInputs.guestFiles(extra, jre, projectRoot());

        long t = System.nanoTime();
        try (Guest.Running guest = Guest.start(image, run, extra, 2560)) {
            guest.await("VMLAB-STAGE ready", Duration.ofMinutes(5));
            cost("boot, fabric, FRR, agents started", t);
            t = System.nanoTime();
            awaitSynced(admin, Duration.ofMinutes(6));
            cost("first sync of every leaf (agent start, ifreload, FRR)", t);

            Set<Set<Net>> none = Set.of();
            Set<String> online = Set.of();
            t = System.nanoTime();
            step(guest, 1, new LabStep("baseline", "check_interfaces", fabric.checkedTables(), fabric.expectedRoutes(none, online),
                    pings(none, true, online), List.of(), false,
                    samplerStart("c1-a1", "c1", "a1", 4) + samplerStart("c1-a1-v6", "c1", "a1", 6) + samplerStart("a1-c1", "a1", "c1", 4)
                            + samplerStart("c1-b3", "c1", "b3", 4),
                    false));
            cost("step baseline", t);

            t = System.nanoTime();
            V1Peering ab = fabric.peer(Net.A, Net.B);
            awaitSynced(admin, STEP);
            cost("A-B peering created, all leaves synced", t);
            Set<Set<Net>> peered = Set.of(Set.of(Net.A, Net.B));
            t = System.nanoTime();
            step(guest, 2, new LabStep("ab-peered", "", fabric.checkedTables(), fabric.expectedRoutes(peered, online), pings(peered, true, online),
                    anycastRouteGets(), true, bursts() + diagnosis(), false));
            cost("step ab-peered", t);

            t = System.nanoTime();
            // b2, zone-a's holder of B's anycast address, goes offline: its leaf port goes down and leaf02 withdraws
            // every route behind it
            Set<String> zoneB = Set.of("b2");
            step(guest, 3, new LabStep("zone-withdraw", "ip -n leaf02 link set swp1 down",
                    fabric.checkedTables(), fabric.expectedRoutes(peered, zoneB), List.of(), anycastRouteGets(), false,
                    bursts() + samplerStart("a1-b3", "a1", "b3", 4), false));
            cost("step zone-withdraw", t);

            t = System.nanoTime();
            V1Peering ad = fabric.peer(Net.A, Net.D);
            awaitSynced(admin, STEP);
            cost("A-D peering created, all leaves synced", t);
            Set<Set<Net>> withD = Set.of(Set.of(Net.A, Net.B), Set.of(Net.A, Net.D));
            t = System.nanoTime();
            step(guest, 4, new LabStep("ad-peered", "", fabric.checkedTables(), fabric.expectedRoutes(withD, zoneB), pings(withD, false, zoneB),
                    List.of(), false, "sampler_stop a1-b3", false));
            cost("step ad-peered", t);

            t = System.nanoTime();
            fabric.unpeer(ab);
            awaitSynced(admin, STEP);
            cost("A-B peering deleted, all leaves synced", t);
            Set<Set<Net>> onlyD = Set.of(Set.of(Net.A, Net.D));
            t = System.nanoTime();
            step(guest, 5, new LabStep("ab-deleted", "", fabric.checkedTables(), fabric.expectedRoutes(onlyD, zoneB), pings(onlyD, false, zoneB),
                    List.of(), false, "sampler_stop c1-a1\nsampler_stop c1-a1-v6\nsampler_stop a1-c1\nsampler_stop c1-b3", false));
            cost("step ab-deleted", t);

            t = System.nanoTime();
            internet = fabric.peerInternet(Net.A);
            awaitSynced(admin, STEP);
            cost("A-internet peering created, all leaves synced", t);
            t = System.nanoTime();
            List<String> withInternet = new ArrayList<>(pings(onlyD, false, zoneB));
            withInternet.addAll(internetPings(zoneB));
            step(guest, 6, new LabStep("internet-peered", "", fabric.checkedTables(), fabric.expectedRoutes(onlyD, zoneB, INTERNET_PEERS),
                    withInternet, List.of(), false, "cp /etc/frr/leaf01/frr.conf \"$stepout/leaf01.frr.conf\"", false));
            cost("step internet-peered", t);

            t = System.nanoTime();
            String applied = Files.readString(steps.get("internet-peered").dir().resolve("leaf01.frr.conf"), StandardCharsets.UTF_8);
            LabInputs.writeAll(in, Map.of("broken-leaf01.frr.conf", BrokenRenderer.widenImportPrefixLists(applied)));
            // bgpd re-evaluates the imports after its route-map delay timer (5 s), slower under TCG
            step(guest, 7, new LabStep("broken-import-filter", "stop_agents\nvtysh -N leaf01 -f \"$in/broken-leaf01.frr.conf\"\nsleep 20",
                    fabric.checkedTables(), fabric.expectedRoutes(onlyD, zoneB, INTERNET_PEERS), withInternet, List.of(), false, "", true));
            cost("step broken-import-filter", t);
            assertThat(guest.finish(Duration.ofMinutes(1))).as("the guest's lab script exit code").isZero();
            assertThat(ad.id()).isNotNull();
        } finally {
            System.out.printf("vmlab: image %s%n", image.cached() ? "cached" : String.format("built cold in %.1f s", image.buildTime().toMillis() / 1000.0));
            costs.forEach((k, v) -> System.out.printf("vmlab: cost %-55s %6.1f s%n", k, v));
        }
    }

    @AfterAll
    static void stopApi() {
        if (api != null) {
            api.close();
        }
    }

    private static void step(Guest.Running guest, int n, LabStep step) {
        LabStep.Result r = step.run(guest, n, STEP);
        steps.put(step.name(), r);
        r.debug().ifPresent(d -> System.out.println("vmlab: step " + step.name() + " did not converge; debug:\n" + d));
    }

    private static void cost(String what, long since) {
        costs.put(what, (System.nanoTime() - since) / 1e9);
    }

    private static Path projectRoot() {
        return Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize().getParent();
    }

    /** Waits until every leaf's agent reported the switch's current revision applied without error. */
    private static void awaitSynced(MetalApiClient admin, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> state = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            state.clear();
            boolean all = true;
            for (Leaf l : Leaf.values()) {
                V1Switch s = admin.switches().get(l.id());
                boolean synced = s.lastsync() != null && s.lastsync().revision() >= s.revision() && s.lastsync().error() == null;
                all &= synced;
                state.add(l.id() + " revision " + s.revision() + " lastsync " + s.lastsync());
            }
            if (all) {
                return;
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("vmlab: the leaves' agents did not sync within " + timeout + ": " + state);
    }

    /**
     * Every machine to every other, each family both have; with {@code anycast}, also to B's anycast address; none from
     * or to an offline machine.
     */
    private static List<String> pings(Set<Set<Net>> peered, boolean anycast, Set<String> offline) {
        List<String> out = new ArrayList<>();
        for (Host from : LabFabric.HOSTS) {
            for (Host to : LabFabric.HOSTS) {
                if (from == to || offline.contains(from.ns()) || offline.contains(to.ns())) {
                    continue;
                }
                for (int family : List.of(4, 6)) {
                    if (fabric.address(from, family).isPresent()) {
                        fabric.address(to, family).ifPresent(a -> out.add(from.ns() + " " + to.ns() + " " + a));
                    }
                }
            }
            if (!from.ns().equals(LabFabric.POD_HOST) && !offline.contains(from.ns())) {
                out.add(from.ns() + " pod-a1 " + LabFabric.POD_ADDRESS);
            }
            if (anycast && !from.rogue() && from.net() != Net.B && !offline.contains(from.ns())) {
                for (int family : List.of(4, 6)) {
                    out.add(from.ns() + " anycast-b " + fabric.anycast(Net.B, family));
                }
            }
        }
        return out;
    }

    /** Every machine to the internet host and the internet host to every machine, each family; none from or to an offline one. */
    private static List<String> internetPings(Set<String> offline) {
        List<String> out = new ArrayList<>();
        for (Host h : LabFabric.HOSTS) {
            if (offline.contains(h.ns())) {
                continue;
            }
            for (int family : List.of(4, 6)) {
                out.add(h.ns() + " " + LabFabric.INTERNET + " " + LabFabric.internetAddress(family));
                fabric.address(h, family).ifPresent(a -> out.add(LabFabric.ISP + " " + h.ns() + " " + a));
            }
        }
        return out;
    }

    private static List<String> anycastRouteGets() {
        return List.of("leaf01 " + fabric.vrf(Net.A) + " " + fabric.anycast(Net.B, 4), "leaf01 " + fabric.vrf(Net.A) + " " + fabric.anycast(Net.B, 6));
    }

    private static String bursts() {
        return "anycast_burst a1 " + fabric.anycast(Net.B, 4) + " " + BURST + "\nanycast_burst a1 " + fabric.anycast(Net.B, 6) + " " + BURST + "\n";
    }

    /** What the leaves hold for B's machines (and a1) in B's VRF: kernel, bgpd, neighbours, FDB, EVPN next hops. */
    private static String diagnosis() {
        String b = fabric.vrf(Net.B);
        return "diag leaf02 " + b + " " + addr("b3", 4) + " " + addr("b3", 6) + " " + addr("a1", 4) + " > \"$stepout/diag-leaf02.txt\" 2>&1\n"
                + "diag leaf03 " + b + " " + addr("b2", 4) + " " + addr("b2", 6) + " " + addr("a1", 4) + " > \"$stepout/diag-leaf03.txt\" 2>&1\n"
                + "diag leaf01 " + fabric.vrf(Net.A) + " " + fabric.anycast(Net.B, 6) + " " + addr("b3", 6) + " > \"$stepout/diag-leaf01.txt\" 2>&1\n";
    }

    private static String samplerStart(String name, String from, String to, int family) {
        return "sampler_start " + name + " " + from + " " + fabric.address(LabFabric.host(to), family).orElseThrow() + "\n";
    }

    // ---- the cases

    @Test
    void withoutPeeringsEachVrfHoldsOnlyItsOwnMachinesAndOnlyTheyPing() {
        LabStep.Result r = steps.get("baseline");
        assertThat(r.routes()).containsExactlyElementsOf(fabric.expectedRoutes(Set.of(), Set.of()));
        assertThat(pingMismatches(r, Set.of(), Set.of())).isEmpty();
    }

    @Test
    void peeredNetworksOnDifferentLeavesPingBothWaysInBothFamiliesThroughVrfsWithoutPorts() {
        LabStep.Result r = steps.get("ab-peered");
        Set<Set<Net>> peered = Set.of(Set.of(Net.A, Net.B));
        assertThat(r.routes()).containsExactlyElementsOf(fabric.expectedRoutes(peered, Set.of()));
        assertThat(r.converged()).isTrue();
        for (int family : List.of(4, 6)) {
            // the peering adds a VXLAN port to both leaves' bridges: B's own traffic between them must not notice
            assertThat(r.ping("b2", "b3", addr("b3", family))).as("b2 -> b3 IPv%d (B across leaves, after the peering)", family).isTrue();
            assertThat(r.ping("b3", "b2", addr("b2", family))).as("b3 -> b2 IPv%d (B across leaves, after the peering)", family).isTrue();
        }
        for (String b : List.of("b2", "b3")) {
            for (int family : List.of(4, 6)) {
                assertThat(r.ping("a1", b, addr(b, family))).as("a1 -> %s IPv%d", b, family).isTrue();
                assertThat(r.ping(b, "a1", addr("a1", family))).as("%s -> a1 IPv%d", b, family).isTrue();
                assertThat(r.ping("c1", b, addr(b, family))).as("c1 -> %s IPv%d (C is not peered)", b, family).isFalse();
            }
        }
        assertThat(pingMismatches(r, peered, Set.of())).isEmpty();
        // leaf01 has no machine of B, leaf02 and leaf03 none of A: each carries the peer's VRF only to import its routes
        assertThat(vrfs(r, "leaf01")).contains(fabric.vrf(Net.B));
        assertThat(vrfs(r, "leaf02")).contains(fabric.vrf(Net.A));
        assertThat(vrfs(r, "leaf03")).contains(fabric.vrf(Net.A));
    }

    @Test
    void theAnycastAddressIsReachedInTheOwnZoneAndInTheOtherZoneOnceTheOwnZoneWithdrawsIt() {
        LabStep.Result peered = steps.get("ab-peered");
        LabStep.Result withdrawn = steps.get("zone-withdraw");
        for (int family : List.of(4, 6)) {
            String any = fabric.anycast(Net.B, family);
            assertThat(peered.routeGets().get("leaf01 " + fabric.vrf(Net.A) + " " + any)).as("route to %s in zone-a", any)
                    .contains(Leaf.LEAF02.routerId()).doesNotContain(Leaf.LEAF03.routerId());
            assertThat(echoes(peered, any, "b2", family)).as("echoes at b2 (zone-a) for %s", any).isEqualTo(BURST);
            assertThat(echoes(peered, any, "b3", family)).as("echoes at b3 (zone-b) for %s", any).isZero();
            assertThat(withdrawn.routeGets().get("leaf01 " + fabric.vrf(Net.A) + " " + any)).as("route to %s after zone-a withdrew it", any)
                    .contains(Leaf.LEAF03.routerId()).doesNotContain(Leaf.LEAF02.routerId());
            assertThat(echoes(withdrawn, any, "b3", family)).as("echoes at b3 (zone-b) for %s after the withdrawal", any).isEqualTo(BURST);
            assertThat(echoes(withdrawn, any, "b2", family)).as("echoes at b2 for %s after the withdrawal", any).isZero();
        }
        assertThat(withdrawn.routes()).containsExactlyElementsOf(fabric.expectedRoutes(Set.of(Set.of(Net.A, Net.B)), Set.of("b2")));
    }

    @Test
    void noReplyCrossesBetweenUnpeeredNetworksWhilePeeringsAreCreatedAndDeleted() {
        Map<String, long[]> samplers = steps.get("ab-deleted").samplers();
        for (String name : List.of("c1-a1", "c1-a1-v6", "a1-c1", "c1-b3")) {
            assertThat(samplers).as("sampler %s", name).containsKey(name);
            long[] s = samplers.get(name);
            System.out.printf("vmlab: sampler %-9s %d echo requests, %d replies%n", name, s[0], s[1]);
            assertThat(s[0]).as("requests sent by sampler %s through three peering changes", name).isGreaterThan(100);
            assertThat(s[1]).as("replies to sampler %s (a transient leak)", name).isZero();
        }
    }

    @Test
    void lossBetweenPeersDuringAnUnrelatedChangeOfTheSameVrfIsMeasured() {
        long[] s = steps.get("ad-peered").samplers().get("a1-b3");
        assertThat(s).as("sampler a1-b3").isNotNull();
        System.out.printf("vmlab: A->B while A-D was peered: %d echo requests, %d replies, %d lost%n", s[0], s[1], s[0] - s[1]);
        assertThat(s[0]).isGreaterThan(10);
        assertThat(s[1]).as("A->B replies while A's import map changed").isPositive();
        LabStep.Result r = steps.get("ad-peered");
        assertThat(r.routes()).containsExactlyElementsOf(fabric.expectedRoutes(Set.of(Set.of(Net.A, Net.B), Set.of(Net.A, Net.D)), Set.of("b2")));
        assertThat(pingMismatches(r, Set.of(Set.of(Net.A, Net.B), Set.of(Net.A, Net.D)), Set.of("b2"))).isEmpty();
    }

    @Test
    void deletingThePeeringStopsABTrafficWhileADStillWorks() {
        LabStep.Result r = steps.get("ab-deleted");
        Set<Set<Net>> onlyD = Set.of(Set.of(Net.A, Net.D));
        assertThat(r.routes()).containsExactlyElementsOf(fabric.expectedRoutes(onlyD, Set.of("b2")));
        for (int family : List.of(4, 6)) {
            assertThat(r.ping("a1", "b3", addr("b3", family))).as("a1 -> b3 IPv%d after the A-B peering was deleted", family).isFalse();
            assertThat(r.ping("a1", "d2", addr("d2", family))).as("a1 -> d2 IPv%d", family).isTrue();
        }
        assertThat(pingMismatches(r, onlyD, Set.of("b2"))).isEmpty();
    }

    @Test
    void aNodesPodCidrCrossesThePeeringOfItsNetworkAndNothingElse() {
        LabStep.Result base = steps.get("baseline");
        LabStep.Result peered = steps.get("ab-peered");
        LabStep.Result deleted = steps.get("ab-deleted");
        String pod = LabFabric.POD_ADDRESS;
        assertThat(base.routes()).as("the node's pod CIDR, admitted by A's additionalannouncablecidrs")
                .contains("leaf01 " + fabric.vrf(Net.A) + " " + LabFabric.POD_CIDR);
        assertThat(base.ping("b3", "pod-a1", pod)).as("b3 -> pod before A and B are peered").isFalse();
        assertThat(peered.routes()).contains("leaf03 " + fabric.vrf(Net.B) + " " + LabFabric.POD_CIDR);
        assertThat(peered.ping("b3", "pod-a1", pod)).as("b3 -> pod, A and B peered").isTrue();
        assertThat(peered.ping("b2", "pod-a1", pod)).as("b2 -> pod, A and B peered").isTrue();
        assertThat(peered.ping("c1", "pod-a1", pod)).as("c1 -> pod (C is not peered)").isFalse();
        assertThat(peered.ping("d2", "pod-a1", pod)).as("d2 -> pod (D not yet peered)").isFalse();
        assertThat(deleted.ping("b3", "pod-a1", pod)).as("b3 -> pod after the A-B peering was deleted").isFalse();
        assertThat(deleted.ping("d2", "pod-a1", pod)).as("d2 -> pod, A and D peered").isTrue();
        assertThat(deleted.routes()).doesNotContain("leaf03 " + fabric.vrf(Net.B) + " " + LabFabric.POD_CIDR);
    }

    @Test
    void aPrivateNetworkPeeredWithTheInternetReachesItOverItsRoutableIpv6AndNothingElseDoes() {
        LabStep.Result r = steps.get("internet-peered");
        Set<Set<Net>> onlyD = Set.of(Set.of(Net.A, Net.D));
        assertThat(internet.status().families()).as("families the API says the A-internet peering exchanges").containsExactly("IPv6");
        assertThat(r.converged()).isTrue();
        assertThat(r.routes()).containsExactlyElementsOf(fabric.expectedRoutes(onlyD, Set.of("b2"), INTERNET_PEERS));
        assertThat(r.routes()).contains("leaf01 " + fabric.vrf(Net.A) + " ::/0")
                .doesNotContain("leaf01 " + fabric.vrf(Net.A) + " 0.0.0.0/0", "leaf02 " + fabric.vrf(Net.D) + " ::/0");
        // leaf01 carries the internet VRF without a port, only to import the exit's default route
        assertThat(vrfs(r, "leaf01")).contains("vrf" + LabFabric.INTERNET_VNI);
        String v6 = LabFabric.internetAddress(6);
        String v4 = LabFabric.internetAddress(4);
        assertThat(r.ping("a1", LabFabric.INTERNET, v6)).as("a1 -> internet IPv6").isTrue();
        assertThat(r.ping(LabFabric.ISP, "a1", addr("a1", 6))).as("internet -> a1 IPv6 (no firewall, no NAT)").isTrue();
        assertThat(r.ping("a1", LabFabric.INTERNET, v4)).as("a1 -> internet IPv4 (private-use: needs NAT)").isFalse();
        assertThat(r.ping(LabFabric.ISP, "a1", addr("a1", 4))).as("internet -> a1 IPv4").isFalse();
        assertThat(r.ping("c1", LabFabric.INTERNET, v6)).as("c1 -> internet (C is not peered)").isFalse();
        assertThat(r.ping("d2", LabFabric.INTERNET, v6)).as("d2 -> internet (D is peered with A: not transitive)").isFalse();
        assertThat(r.ping(LabFabric.ISP, "d2", addr("d2", 6))).as("internet -> d2 (not transitive)").isFalse();
        assertThat(pingMismatches(r, onlyD, Set.of("b2"), INTERNET_PEERS)).isEmpty();
    }

    /** The negative control: the checks above, applied to a leaf with widened import prefix-lists, must fail. */
    @Test
    void aWidenedImportPrefixListIsCaughtByTheSameChecks() {
        LabStep.Result r = steps.get("broken-import-filter");
        Set<Set<Net>> onlyD = Set.of(Set.of(Net.A, Net.D));
        SortedSet<String> expected = fabric.expectedRoutes(onlyD, Set.of("b2"), INTERNET_PEERS);
        SortedSet<String> extra = new TreeSet<>(r.routes());
        extra.removeAll(expected);
        List<String> wrong = pingMismatches(r, onlyD, Set.of("b2"), INTERNET_PEERS);
        System.out.printf("vmlab: broken renderer caught by %d unexpected routes %s and %d wrong pings %s%n", extra.size(), extra, wrong.size(), wrong);
        assertThat(extra).as("routes the widened prefix-lists let in").contains(
                "leaf01 " + fabric.vrf(Net.A) + " " + LabFabric.ROGUE_ADDRESS + "/32",
                // the internet VRF's own host routes, where the rendered list takes exactly ::/0
                "leaf01 " + fabric.vrf(Net.A) + " " + LabFabric.INTERNET_V6 + "/128");
        assertThat(r.routes()).isNotEqualTo(expected);
    }

    private static String addr(String ns, int family) {
        return fabric.address(LabFabric.host(ns), family).orElseThrow();
    }

    private static Set<String> vrfs(LabStep.Result r, String leaf) {
        try {
            Set<String> out = new TreeSet<>();
            for (String l : Files.readAllLines(r.dir().resolve("vrfs.txt"))) {
                String[] f = l.split(" ");
                if (f[0].equals(leaf)) {
                    out.add(f[2]);
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Echo requests for {@code address} that {@code ns} received during the step's burst, in the address's family. */
    private static long echoes(LabStep.Result r, String address, String ns, int family) {
        try {
            for (String l : Files.readAllLines(r.dir().resolve("burst.txt"))) {
                String[] f = l.split(" ");
                if (f[0].equals(address) && f[1].equals(ns)) {
                    return family == 4 ? Long.parseLong(f[4]) - Long.parseLong(f[2]) : Long.parseLong(f[5]) - Long.parseLong(f[3]);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new AssertionError("step " + r.name() + " has no burst counters for " + address + " at " + ns);
    }

    /** Every ping whose outcome differs from {@link LabFabric#reachable}, as "from -> to address: ok/failed". */
    private static List<String> pingMismatches(LabStep.Result r, Set<Set<Net>> peered, Set<String> offline) {
        return pingMismatches(r, peered, offline, Set.of());
    }

    /** As above, with the pings to and from the internet host: {@link LabFabric#reachesInternet}. */
    private static List<String> pingMismatches(LabStep.Result r, Set<Set<Net>> peered, Set<String> offline, Set<Net> internetPeers) {
        List<String> out = new ArrayList<>();
        assertThat(r.pings()).as("pings of step %s", r.name()).isNotEmpty();
        r.pings().forEach((key, ok) -> {
            String[] f = key.split(" ");
            int family = f[2].contains(":") ? 6 : 4;
            if (f[0].equals(LabFabric.ISP) || f[1].equals(LabFabric.INTERNET)) {
                Host machine = LabFabric.host(f[0].equals(LabFabric.ISP) ? f[1] : f[0]);
                if (ok != LabFabric.reachesInternet(machine, family, internetPeers, offline)) {
                    out.add(f[0] + " -> " + f[1] + " " + f[2] + ": " + (ok ? "ok" : "failed"));
                }
                return;
            }
            Host from = LabFabric.host(f[0]);
            boolean expected = switch (f[1]) {
                case "anycast-b" -> from.net() == Net.B || (!from.rogue() && peered.contains(Set.of(from.net(), Net.B)));
                case "pod-a1" -> LabFabric.reachable(from, LabFabric.host(LabFabric.POD_HOST), peered, offline);
                default -> LabFabric.reachable(from, LabFabric.host(f[1]), peered, offline);
            };
            if (ok != expected) {
                out.add(f[0] + " -> " + f[1] + " " + f[2] + ": " + (ok ? "ok" : "failed"));
            }
        });
        return out;
    }
}
