package io.metalstack.peering.server;

import io.metalstack.peering.api.MetalApiClient;
import io.metalstack.peering.api.V1MachineAllocation;
import io.metalstack.peering.api.V1Network;
import io.metalstack.peering.api.V1ObservedPrefixes;
import io.metalstack.peering.api.V1Peering;
import io.metalstack.peering.api.V1PeeringSwitchStatus;
import io.metalstack.peering.api.V1RenderWarning;
import io.metalstack.peering.api.V1Switch;
import io.metalstack.peering.api.V1SwitchIntent;
import io.metalstack.peering.api.V1SwitchIntentResponse;
import io.metalstack.peering.api.V1SwitchNotifyRequest;
import io.metalstack.peering.api.V1VrfIntent;
import io.metalstack.peering.api.fixture.BgpRequest;
import io.metalstack.peering.api.fixture.FindRequest;
import io.metalstack.peering.api.fixture.MachineRequest;
import io.metalstack.peering.api.fixture.NotifyRequest;
import io.metalstack.peering.api.fixture.PeeringRequest;
import io.metalstack.peering.api.fixture.SessionStateBuilder;
import io.metalstack.peering.api.fixture.SwitchRequest;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The switch side of metal-api against a real server on a real database ({@link SwitchSideSuite}): intents, the
 * long-poll watch, the render preview, agents' reports and the peering status derived from them, metrics, roles.
 */
abstract class SwitchSideContract extends MetalApiContract {

    SwitchSideContract(MetalApiFixture api) {
        super(api);
    }

    /**
     * Three leaves: {@code a} hosts a machine of {@code n1}, {@code b} one of {@code n2} (both project p1), {@code c}
     * one of {@code shared} (a shared network of p2) and nothing else.
     */
    private record Fab(String a, String b, String c, V1Network n1, V1Network n2, V1Network shared) {}

    /** The fabric of a test; {@code n} (1..99, its own per test) sets the leaves' AS numbers and router ids. */
    private Fab fabric(int n) {
        String a = switchName("leaf"), b = switchName("leaf"), c = switchName("leaf");
        int i = 0;
        for (String leaf : List.of(a, b, c)) {
            i++;
            admin().switches().create(SwitchRequest.of(leaf, "fra", "leaf", i == 2 ? "Cumulus" : "SONiC").place("rack" + i, "room1")
                    .bgp(4200000000L + 10 * n + i, "10.255." + n + "." + i).ports("Ethernet0", "Ethernet1").uplinks("Ethernet120").build());
        }
        V1Network n1 = allocatedByAdmin("p1", false), n2 = allocatedByAdmin("p1", false), shared = allocatedByAdmin("p2", true);
        machine(a, n1, "p1");
        machine(b, n2, "p1");
        machine(c, shared, "p2");
        return new Fab(a, b, c, n1, n2, shared);
    }

    private void machine(String leaf, V1Network network, String project) {
        String id = name("m");
        admin().machines().create(MachineRequest.machine(id, "fra").connectedTo(leaf, "Ethernet0").build());
        admin().allocateMachine(id, new V1MachineAllocation(project, List.of(network.id())));
    }

    private V1Peering peer(V1Network x, V1Network y) {
        return as("owner1").peerings().create(PeeringRequest.local(x.id(), y.id()).name(name("pe")).build());
    }

    private V1SwitchIntentResponse intent(String leaf) {
        return as("infra").switchIntent(leaf, null, null);
    }

    private static V1VrfIntent vrf(V1SwitchIntent intent, V1Network n) {
        return intent.vrfs().stream().filter(v -> v.networkid().equals(n.id())).findFirst()
                .orElseThrow(() -> new AssertionError("no vrf of " + n.id() + " in " + intent));
    }

    // ---------------------------------------------------------------- intents

    @Test
    void servesTheIntentOfEachSwitch() {
        Fab f = fabric(1);
        V1Peering p = peer(f.n1(), f.n2());
        V1SwitchIntent a = intent(f.a()).intent();
        assertThat(a.switchid()).isEqualTo(f.a());
        assertThat(a.role()).isEqualTo("leaf");
        assertThat(a.os()).isEqualTo("SONiC");
        assertThat(a.uplinks()).containsExactly("Ethernet120");
        assertThat(a.unprovisioned()).as("Ethernet1 has no machine, Ethernet0 an allocated one").isEmpty();
        assertThat(a.vrfs()).extracting(V1VrfIntent::networkid).containsExactlyInAnyOrder(f.n1().id(), f.n2().id());
        V1VrfIntent own = vrf(a, f.n1()), peerVrf = vrf(a, f.n2());
        assertThat(own.vni()).isEqualTo(f.n1().vrf());
        assertThat(own.machineports()).containsExactly("Ethernet0");
        assertThat(own.projectid()).isEqualTo("p1");
        assertThat(own.networktype()).isEqualTo("child");
        assertThat(own.ownprefixes()).containsExactlyElementsOf(f.n1().prefixes());
        assertThat(own.imports()).singleElement().satisfies(x -> {
            assertThat(x.from()).isEqualTo(f.n2().vrf());
            assertThat(x.reason()).isEqualTo("same-project");
            assertThat(x.projectid()).isEqualTo("p1");
            assertThat(x.prefixes()).containsExactlyElementsOf(f.n2().prefixes());
        });
        assertThat(peerVrf.machineports()).isEmpty();
        assertThat(peerVrf.imports()).extracting(x -> x.from()).containsExactly(f.n1().vrf());
        assertThat(List.of(own.vlan(), peerVrf.vlan())).containsExactlyInAnyOrder(1001, 1002);
        // the third leaf hosts only the shared network: the peering is not there
        assertThat(intent(f.c()).intent().vrfs()).extracting(V1VrfIntent::networkid).containsExactly(f.shared().id());
        assertThat(p.status().switches()).extracting(V1PeeringSwitchStatus::switchid).containsExactly(f.a(), f.b());
        assertThat(p.status().revision()).isEqualTo(intent(f.a()).revision()).isEqualTo(intent(f.b()).revision());
    }

    @Test
    void anUnchangedIntentKeepsItsRevisionAndVlansSurviveARestart() {
        Fab f = fabric(2);
        peer(f.n1(), f.n2());
        V1SwitchIntentResponse a = intent(f.a()), c = intent(f.c());
        peer(f.n1(), f.shared()); // touches a (n1 is local there) and c (shared is local there)
        V1SwitchIntentResponse a2 = intent(f.a()), b2 = intent(f.b()), c2 = intent(f.c());
        assertThat(a2.revision()).isGreaterThan(a.revision());
        assertThat(c2.revision()).isGreaterThan(c.revision());
        assertThat(b2.revision()).as("leaf b hosts neither side of the new peering").isEqualTo(a.revision());
        assertThat(vrf(a2.intent(), f.n1()).vlan()).isEqualTo(vrf(a.intent(), f.n1()).vlan());
        api.restart();
        assertThat(intent(f.a())).isEqualTo(a2);
        assertThat(intent(f.b())).isEqualTo(b2);
        assertThat(intent(f.c())).isEqualTo(c2);
    }

    // ---------------------------------------------------------------- watch

    @Test
    void aChangeWakesOnlyTheWatchersOfTheSwitchesItAffects() throws Exception {
        Fab f = fabric(3);
        long a = intent(f.a()).revision(), c = intent(f.c()).revision();
        assertThat(as("infra").switchIntent(f.a(), a - 1, Duration.ofSeconds(60)).revision()).as("answers at once when newer").isEqualTo(a);
        int waitingBefore = api.watchersWaiting();
        ExecutorService pool = Executors.newCachedThreadPool();
        try {
            Future<V1SwitchIntentResponse> watchA = pool.submit(() -> as("infra").switchIntent(f.a(), a, Duration.ofSeconds(100)));
            Future<V1SwitchIntentResponse> watchC = pool.submit(() -> as("infra").switchIntent(f.c(), c, Duration.ofSeconds(2)));
            while (api.watchersWaiting() < waitingBefore + 2) {
                Thread.sleep(10);
            }
            peer(f.n1(), f.n2());
            V1SwitchIntentResponse woken = watchA.get();
            assertThat(woken.revision()).isGreaterThan(a);
            assertThat(woken.intent().vrfs()).extracting(V1VrfIntent::networkid).contains(f.n2().id());
            V1SwitchIntentResponse timedOut = watchC.get();
            assertThat(timedOut.revision()).as("the unaffected switch's watcher times out with its unchanged revision").isEqualTo(c);
            assertThat(timedOut.intent()).isEqualTo(intent(f.c()).intent());
        } finally {
            pool.shutdownNow();
        }
    }

    // ---------------------------------------------------------------- render preview

    @Test
    void rendersAPreviewInEitherDialect() {
        Fab f = fabric(4);
        peer(f.n1(), f.n2());
        V1SwitchIntentResponse sonic = as("infra").renderSwitch(f.a(), "sonic");
        assertThat(sonic.intent()).isNull();
        assertThat(sonic.files()).containsOnlyKeys("frr.conf", "config_db.json");
        assertThat(sonic.files().get("frr.conf")).contains("vrf Vrf" + f.n1().vrf(), "import vrf Vrf" + f.n2().vrf());
        V1SwitchIntentResponse cumulus = admin().renderSwitch(f.a(), "cumulus");
        assertThat(cumulus.files()).containsOnlyKeys("frr.conf", "interfaces");
        assertThat(cumulus.files().get("frr.conf")).contains("vrf vrf" + f.n1().vrf());
        assertThat(cumulus.revision()).isEqualTo(sonic.revision());
        assertApiError(() -> admin().renderSwitch(f.a(), "junos"), 400, "render \"junos\" is unknown: use sonic or cumulus");
    }

    // ---------------------------------------------------------------- notify and status

    private static V1ObservedPrefixes observed(List<String> prefixes) {
        return new V1ObservedPrefixes(prefixes.stream().filter(p -> p.contains(".")).toList(),
                prefixes.stream().filter(p -> p.contains(":")).toList());
    }

    /** What a switch that applied {@code revision} correctly sees: both networks' prefixes in both VRFs. */
    private V1SwitchNotifyRequest clean(long revision, Fab f, String... extraInN1) {
        List<String> both = new ArrayList<>(f.n1().prefixes());
        both.addAll(f.n2().prefixes());
        List<String> withExtra = new ArrayList<>(both);
        withExtra.addAll(List.of(extraInN1));
        return NotifyRequest.applied(revision, 120L).vrfs(Map.of("Vrf" + f.n1().vrf(), observed(withExtra), "vrf" + f.n2().vrf(), observed(both)))
                .sessions(List.of()).build();
    }

    private V1Peering peering(String id) {
        return as("viewer1").peerings().get(id);
    }

    @Test
    void aPeeringWithoutSwitchesIsActiveUntilAMachineMakesASwitchCarryIt() {
        int n = 20;
        String leaf = switchName("leaf");
        admin().switches().create(SwitchRequest.of(leaf, "fra", "leaf", "SONiC").place("rack1", "room1").bgp(4200100000L + n, "10.254." + n + ".1")
                .ports("Ethernet0").uplinks("Ethernet120").build());
        V1Network x = allocatedByAdmin("p1", false), y = allocatedByAdmin("p1", false);
        V1Peering p = peer(x, y);
        assertThat(p.status().phase()).isEqualTo("active");
        assertThat(p.status().conditions()).extracting(c -> c.type()).containsExactly("NoSwitch");
        machine(leaf, x, "p1");
        V1Peering now = peering(p.id());
        assertThat(now.status().phase()).isEqualTo("pending");
        assertThat(now.status().conditions()).isNull();
        long rev = intent(leaf).revision();
        List<String> both = concat(x.prefixes(), y.prefixes());
        as("infra").notifySwitch(leaf, NotifyRequest.applied(rev, 10L).vrfs(Map.of("Vrf" + x.vrf(), observed(both), "Vrf" + y.vrf(), observed(both)))
                .sessions(List.of()).build());
        assertThat(peering(p.id()).status().phase()).isEqualTo("active");
    }

    /** An exit switch with an external peering of a p1 network on its Ethernet0; {@code n} (its own per test) sets AS and addresses. */
    private record Exit(String exit, V1Peering p) {}

    private Exit exitWithSession(int n) {
        String exit = switchName("exit");
        admin().switches().create(SwitchRequest.of(exit, "fra", "exit", "SONiC").place("rack1", "room1").bgp(4200200000L + n, "10.253." + n + ".1")
                .ports("Ethernet0").uplinks("Ethernet120").build());
        V1Network x = allocatedByAdmin("p1", false);
        return new Exit(exit, admin().peerings().create(PeeringRequest.external(x.id(), null,
                BgpRequest.session(65000L, "2001:db8:" + n + "::1", "Ethernet0@" + exit, 65001L, "2001:db8:" + n + "::2").build()).build()));
    }

    @Test
    void theExitAgentsSessionStateShowsInThePeering() {
        Exit e = exitWithSession(21);
        String exit = e.exit();
        V1Peering p = e.p();
        assertThat(p.status().phase()).isEqualTo("pending");
        long rev = intent(exit).revision();
        as("infra").notifySwitch(exit, NotifyRequest.applied(rev, 10L).sessions(List.of(SessionStateBuilder.of(p.id(), "Established").prefixesreceived(3L).build())).build());
        V1Peering now = peering(p.id());
        assertThat(now.status().sessions()).singleElement().satisfies(sx -> {
            assertThat(sx.switchid()).isEqualTo(exit);
            assertThat(sx.state()).isEqualTo("Established");
            assertThat(sx.prefixesreceived()).isEqualTo(3L);
        });
        assertThat(now.status().phase()).isEqualTo("active");
    }

    @Test
    void reportsDriveThePeeringPhaseAndRevealLeaks() throws Exception {
        Fab f = fabric(5);
        V1Peering p = peer(f.n1(), f.n2());
        long rev = p.status().revision();
        assertThat(p.status().phase()).isEqualTo("pending");
        assertThat(p.status().switches()).extracting(V1PeeringSwitchStatus::phase).containsExactly("pending", "pending");

        // an older revision does not count
        as("infra").notifySwitch(f.a(), clean(rev - 1, f));
        assertThat(peering(p.id()).status().phase()).isEqualTo("pending");
        V1Switch a = as("infra").notifySwitch(f.a(), clean(rev, f));
        assertThat(a.lastsync().revision()).isEqualTo(rev);
        assertThat(a.lastsync().durationms()).isEqualTo(120L);
        assertThat(a.conditions()).isNull();
        assertThat(peering(p.id()).status().switches()).extracting(V1PeeringSwitchStatus::phase).containsExactly("active", "pending");
        assertThat(peering(p.id()).status().phase()).isEqualTo("pending");
        as("infra").notifySwitch(f.b(), clean(rev, f));
        assertThat(peering(p.id()).status().phase()).isEqualTo("active");
        assertThat(peering(p.id()).status().message()).isEqualTo("applied on all 2 switches");

        // a missing prefix on one switch degrades it
        V1SwitchNotifyRequest missing = NotifyRequest.applied(rev, 80L)
                .vrfs(Map.of("Vrf" + f.n1().vrf(), observed(f.n1().prefixes()), "Vrf" + f.n2().vrf(), observed(f.n2().prefixes()))).build();
        as("infra").notifySwitch(f.b(), missing);
        V1Peering degraded = peering(p.id());
        assertThat(degraded.status().phase()).isEqualTo("degraded");
        V1PeeringSwitchStatus onB = degraded.status().switches().get(1);
        assertThat(onB.switchid()).isEqualTo(f.b());
        assertThat(onB.missing()).containsExactlyInAnyOrderElementsOf(concat(f.n1().prefixes(), f.n2().prefixes()));
        assertThat(onB.unexpected()).isEmpty();
        assertThat(degraded.status().conditions()).isNull();

        // an unexpected prefix is a leak: on the switch, on the peering, in the metrics
        as("infra").notifySwitch(f.b(), clean(rev, f));
        V1Switch leaking = as("infra").notifySwitch(f.a(), clean(rev, f, "10.99.0.0/24"));
        assertThat(leaking.conditions()).singleElement().satisfies(c -> {
            assertThat(c.type()).isEqualTo("leak");
            assertThat(c.message()).contains("10.99.0.0/24", "vrf " + f.n1().vrf());
        });
        assertThat(as("infra").switches().get(f.a()).conditions()).isEqualTo(leaking.conditions());
        V1Peering leaked = peering(p.id());
        assertThat(leaked.status().phase()).isEqualTo("degraded");
        assertThat(leaked.status().conditions()).extracting(c -> c.type()).containsExactly("leak");
        assertThat(leaked.status().switches().get(0).unexpected()).containsExactly("10.99.0.0/24");
        assertThat(metrics()).contains("metal_api_switches_leaking 1\n", "metal_api_switch_leaked_prefixes{switch=\"" + f.a() + "\"} 1\n");

        // clean again: active, the leak is gone
        as("infra").notifySwitch(f.a(), clean(rev, f));
        assertThat(peering(p.id()).status().phase()).isEqualTo("active");
        assertThat(peering(p.id()).status().conditions()).isNull();
        assertThat(metrics()).contains("metal_api_switches_leaking 0\n");
        // renaming it changes nothing on the switches: it stays active
        V1Peering current = peering(p.id());
        as("owner1").peerings().update(PeeringRequest.update(current).name("renamed").labels(Map.of("a", "b")).build());
        assertThat(peering(p.id()).status().phase()).isEqualTo("active");
        assertThat(peering(p.id()).status().revision()).isEqualTo(rev);

        // a switch that fails degrades; all failing is failed
        as("infra").notifySwitch(f.a(), NotifyRequest.applied(rev, 5L).error("vtysh -C: line 12: unknown command").build());
        assertThat(peering(p.id()).status().phase()).isEqualTo("degraded");
        assertThat(as("infra").switches().get(f.a()).lastsync().error()).isEqualTo("vtysh -C: line 12: unknown command");
        as("infra").notifySwitch(f.b(), NotifyRequest.applied(rev, 5L).error("frr-reload failed").build());
        assertThat(peering(p.id()).status().phase()).isEqualTo("failed");
        assertThat(peering(p.id()).status().conditions()).extracting(c -> c.type()).containsExactly("error", "error");
        // a report without observed prefixes (an agent in directory mode) compares nothing
        as("infra").notifySwitch(f.a(), NotifyRequest.applied(rev, 5L).build());
        as("infra").notifySwitch(f.b(), NotifyRequest.applied(rev, 5L).error("").build());
        assertThat(peering(p.id()).status().phase()).isEqualTo("active");
    }

    /**
     * An agent's error text can name anything on its switch (another project's prefixes, config lines); a
     * tenant sees only that the apply failed, where and at which revision; admin and infra see the text.
     */
    /** The switch side of a peering's audit timeline: action and brief of each event after its create. */
    private List<String> switchEvents(V1Peering p) {
        return as("viewer1").peeringEvents(p.id()).stream().filter(e -> !List.of("create", "update").contains(e.action()))
                .map(e -> e.action() + " " + e.brief()).toList();
    }

    @Test
    void reportsRecordTheirTransitionsInThePeeringsTimelineOnlyWhenTheyChangeSomething() {
        Fab f = fabric(10);
        V1Peering p = peer(f.n1(), f.n2());
        long rev = p.status().revision();
        as("infra").notifySwitch(f.a(), clean(rev - 1, f));
        assertThat(switchEvents(p)).as("an older revision applies nothing of the peering").isEmpty();
        as("infra").notifySwitch(f.a(), clean(rev, f));
        as("infra").notifySwitch(f.a(), clean(rev, f));
        assertThat(switchEvents(p)).singleElement().asString().matches("applied applied on " + f.a() + " at revision " + rev + " after \\d+ ms");
        String vrf = "Vrf" + f.n1().vrf();
        as("infra").notifySwitch(f.a(), clean(rev, f, "10.99.0.0/24"));
        as("infra").notifySwitch(f.a(), clean(rev, f, "10.99.0.0/24"));
        as("infra").notifySwitch(f.a(), clean(rev, f));
        as("infra").notifySwitch(f.a(), NotifyRequest.applied(rev, 5L).error("frr-reload failed").build());
        as("infra").notifySwitch(f.a(), NotifyRequest.applied(rev, 5L).error("frr-reload failed again").build());
        assertThat(switchEvents(p)).hasSize(4).endsWith(
                "leak leak on " + f.a() + ": 10.99.0.0/24 in " + vrf,
                "leak-cleared leak cleared on " + f.a() + ": 10.99.0.0/24 in " + vrf,
                "failed apply failed on " + f.a() + " at revision " + rev);
        // the agent's error text is not in the timeline; the events are the infra token's
        assertThat(as("viewer1").peeringEvents(p.id())).noneMatch(e -> e.brief().contains("frr-reload"))
                .filteredOn(e -> !e.action().equals("create")).allSatisfy(e -> assertThat(e.actorrole()).isEqualTo("infra"));
    }

    @Test
    void anExternalSessionsStateChangesAreInThePeeringsTimeline() {
        Exit e = exitWithSession(23);
        String exit = e.exit();
        V1Peering p = e.p();
        long rev = intent(exit).revision();
        for (String state : List.of("Established", "Established", "Active", "Active", "Established")) {
            as("infra").notifySwitch(exit, NotifyRequest.applied(rev, 10L).sessions(List.of(SessionStateBuilder.of(p.id(), state).build())).build());
        }
        assertThat(switchEvents(p)).containsExactly("applied applied on " + exit + " at revision " + rev + " after "
                        + switchEvents(p).get(0).replaceAll(".* after ", ""),
                "session session Established on " + exit, "session session down on " + exit + " (Active)", "session session Established on " + exit);
    }

    @Test
    void aTenantSeesWhereAnApplyFailedButNotTheAgentsErrorText() {
        Fab f = fabric(6);
        V1Peering p = peer(f.n1(), f.n2());
        long rev = p.status().revision();
        String error = "vtysh -C: ip prefix-list Vrf77-import-from-Vrf78 seq 10 permit 10.77.0.0/22 le 32: duplicate (project p2)";
        as("infra").notifySwitch(f.a(), NotifyRequest.applied(rev, 5L).error(error).build());
        String sanitized = "apply failed on " + f.a() + " at revision " + rev;
        for (V1Peering seen : List.of(peering(p.id()), as("owner1").peerings().list().stream().filter(x -> x.id().equals(p.id())).findFirst().orElseThrow(),
                as("owner1").findPeerings(FindRequest.peeringsOfProject("p1")).stream()
                        .filter(x -> x.id().equals(p.id())).findFirst().orElseThrow())) {
            V1PeeringSwitchStatus onA = seen.status().switches().stream().filter(x -> x.switchid().equals(f.a())).findFirst().orElseThrow();
            assertThat(onA.phase()).isEqualTo("failed");
            assertThat(onA.error()).isEqualTo(sanitized);
            assertThat(seen.status().conditions()).singleElement().satisfies(c -> {
                assertThat(c.type()).isEqualTo("error");
                assertThat(c.message()).startsWith(sanitized);
            });
            assertThat(seen.toString()).doesNotContain("10.77.0.0", "vtysh", "p2");
        }
        for (String global : List.of("infra", "admin")) {
            V1Peering full = (global.equals("admin") ? admin() : as(global)).peerings().get(p.id());
            assertThat(full.status().switches().stream().filter(x -> x.switchid().equals(f.a())).findFirst().orElseThrow().error()).isEqualTo(error);
            assertThat(full.status().conditions()).singleElement().satisfies(c -> assertThat(c.message()).contains(error));
        }
    }

    @Test
    void deleteAnswersTheRevisionTheSwitchesMustApply() throws Exception {
        Fab f = fabric(7);
        V1Peering p = peer(f.n1(), f.n2());
        HttpResponse<String> r = send("DELETE", "/v1/network/peering/" + p.id(), null, api.secret("owner1"));
        assertThat(r.statusCode()).isEqualTo(200);
        long revision = Long.parseLong(r.headers().firstValue(MetalApiClient.REVISION_HEADER).orElseThrow());
        V1Peering deleted = io.metalstack.peering.api.Json.mapper().readValue(r.body(), V1Peering.class);
        assertThat(deleted.status().phase()).isEqualTo("deleted");
        assertThat(deleted.status().revision()).isEqualTo(revision);
        assertThat(deleted.status().switches()).extracting(V1PeeringSwitchStatus::switchid).containsExactly(f.a(), f.b());
        assertApiError(() -> peering(p.id()), 404, "peering " + p.id() + " not found");
        V1SwitchIntentResponse a = intent(f.a());
        assertThat(a.revision()).isEqualTo(revision);
        assertThat(a.intent().vrfs()).extracting(V1VrfIntent::networkid).containsExactly(f.n1().id());
        as("infra").notifySwitch(f.a(), NotifyRequest.applied(revision, 1L).build());
        assertThat(as("infra").switches().list()).filteredOn(s -> s.id().equals(f.a())).singleElement()
                .satisfies(s -> assertThat(s.lastsync().revision()).isEqualTo(revision));
    }

    // ---------------------------------------------------------------- roles and validation

    @Test
    void theRenderWarningsOfAReportShowOnTheSwitchAndOversizedOnesAreRefused() {
        int n = 22;
        String leaf = switchName("leaf");
        admin().switches().create(SwitchRequest.of(leaf, "fra", "leaf", "SONiC").place("rack1", "room1").bgp(4200300000L + n, "10.252." + n + ".1")
                .ports("Ethernet0").uplinks("Ethernet120").build());
        long rev = intent(leaf).revision();
        List<V1RenderWarning> warnings = List.of(new V1RenderWarning("vrf 42", "has no address family: only its L3VNI is rendered"),
                new V1RenderWarning("peering pe1", "session on port Ethernet0 has no address"));

        V1Switch answered = as("infra").notifySwitch(leaf, NotifyRequest.applied(rev, 10L).warnings(warnings).build());

        List<V1RenderWarning> sorted = List.of(warnings.get(1), warnings.get(0));
        assertThat(answered.lastsync().warnings()).isEqualTo(sorted);
        assertThat(admin().switches().get(leaf).lastsync().warnings()).as("the stored report").isEqualTo(sorted);
        assertThat(answered.conditions()).as("a warning is no failure").isNull();

        String tooLong = "x".repeat(1025);
        assertApiError(() -> as("infra").notifySwitch(leaf, NotifyRequest.applied(rev, 1L)
                .warnings(List.of(warnings.get(0), new V1RenderWarning("vrf 1", tooLong))).build()), 400,
                "field warnings[1].message is 1025 characters long: at most 1024 are allowed");
        assertApiError(() -> as("infra").notifySwitch(leaf, NotifyRequest.applied(rev, 1L)
                .warnings(List.of(new V1RenderWarning(null, "m"))).build()), 400, "field warnings[0].subject is missing");
        List<V1RenderWarning> many = java.util.stream.IntStream.range(0, 101).mapToObj(i -> new V1RenderWarning("vrf " + i, "m")).toList();
        assertApiError(() -> as("infra").notifySwitch(leaf, NotifyRequest.applied(rev, 1L).warnings(many).build()), 400,
                "warnings holds 101 entries: at most 100 are allowed");
        assertThat(admin().switches().get(leaf).lastsync().warnings()).as("a refused report changes nothing").isEqualTo(sorted);

        as("infra").notifySwitch(leaf, NotifyRequest.applied(rev, 1L).build());
        assertThat(admin().switches().get(leaf).lastsync().warnings()).as("a report without warnings").isNull();
    }

    @Test
    void onlyAdminAndInfraReadIntentsAndReport() {
        Fab f = fabric(8);
        V1SwitchNotifyRequest ok = NotifyRequest.applied(1L, 1L).build();
        for (String tenant : List.of("owner1", "viewer1")) {
            assertApiError(() -> as(tenant).switchIntent(f.a(), null, null), 403, "reading a switch intent needs the admin or infra role");
            assertApiError(() -> as(tenant).renderSwitch(f.a(), "sonic"), 403, "needs the admin or infra role");
            assertApiError(() -> as(tenant).notifySwitch(f.a(), ok), 403, "reporting for a switch needs the admin or infra role");
        }
        assertApiError(() -> api.client(null).switchIntent(f.a(), null, null), 401);
        assertApiError(() -> as("infra").switchIntent("nope", null, null), 404, "switch nope not found");
        assertApiError(() -> as("infra").notifySwitch("nope", ok), 404, "switch nope not found");
        assertApiError(() -> as("infra").switchIntent(f.a(), 0L, Duration.ofSeconds(500)), 400, "timeout 500 is out of range");
        assertApiError(() -> as("infra").notifySwitch(f.a(), NotifyRequest.applied(1L, 1L)
                .vrfs(Map.of("Vrf1", new V1ObservedPrefixes(List.of("2001:db8::/64"), null))).build()), 400, "an IPv6 prefix");
        assertApiError(() -> as("infra").notifySwitch(f.a(), NotifyRequest.applied(1L, 1L)
                .vrfs(Map.of("mgmt", new V1ObservedPrefixes(null, null))).build()), 400, "vrf name \"mgmt\" is not a tenant vrf");
        assertApiError(() -> as("infra").notifySwitch(f.a(), NotifyRequest.applied(null, 1L).build()), 400, "revision");
    }

    // ---------------------------------------------------------------- metrics

    @Test
    void exposesPrometheusMetrics() throws Exception {
        Fab f = fabric(9);
        peer(f.n1(), f.n2());
        intent(f.a());
        // it names switches: admin and infra tokens only (Prometheus scrapes with a bearer token)
        assertThat(send("GET", "/metrics", null, null).statusCode()).isEqualTo(401);
        assertThat(send("GET", "/metrics", null, api.secret("owner1")).statusCode()).isEqualTo(403);
        HttpResponse<String> r = send("GET", "/metrics", null, api.secret("infra"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain; version=0.0.4");
        assertThat(r.body()).contains("# TYPE metal_api_requests_total counter\n",
                "metal_api_requests_total{method=\"GET\",route=\"/v1/switch/{id}/intent\",status=\"200\"} ",
                "metal_api_requests_total{method=\"PUT\",route=\"/v1/network/peering\",status=\"201\"} ",
                "metal_api_peerings{phase=\"pending\"} ", "metal_api_peerings{phase=\"active\"} ",
                "metal_api_intent_revision{switch=\"" + f.a() + "\"} " + intent(f.a()).revision() + "\n",
                "metal_api_watchers ", "metal_api_revision ", "metal_api_plan_failed 0\n", "metal_api_switches_unplanned 0\n");
        assertApiError(() -> as("infra").switchIntent("nope", null, null), 404);
        assertThat(metrics()).contains("metal_api_requests_total{method=\"GET\",route=\"/v1/switch/{id}/intent\",status=\"404\"} ");
    }

    private String metrics() throws Exception {
        return send("GET", "/metrics", null, api.secret("infra")).body();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
