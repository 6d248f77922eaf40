package io.metalstack.peering.cli;

import io.metalstack.peering.api.MetalApiClient;
import io.metalstack.peering.api.V1Network;
import io.metalstack.peering.api.V1ObservedPrefixes;
import io.metalstack.peering.api.V1Peering;
import io.metalstack.peering.api.V1Switch;
import io.metalstack.peering.api.V1SwitchNotifyRequest;
import io.metalstack.peering.api.V1TokenCreateRequest;
import io.metalstack.peering.api.fixture.AllocateRequest;
import io.metalstack.peering.api.fixture.MachineRequest;
import io.metalstack.peering.api.fixture.NotifyRequest;
import io.metalstack.peering.model.rules.PeeringRules;
import io.metalstack.peering.server.launch.EmbeddedMetalApi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The switch side as metalctl shows it, against the real metal-api in-process: {@code switch describe --config},
 * peering status per switch after agents reported (test threads play the agents: {@link FakeAgent}), and
 * {@code --wait} on create and delete: success, timeout, failure.
 *
 * <p>Seeded: privnet1 on leaf01 (SONiC), privnet2 on leaf02 (Cumulus), both of tenant-a; the peering between them
 * puts both VRFs on both leaves.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PeeringStatusIT {
    private static final String ADMIN = "admin-secret-for-status-it";
    private static final String PEERING = "privnet1-to-privnet2";
    private static final String[] CREATE = {"network", "peering", "create", "--network1", "privnet1", "--network2", "privnet2"};

    @TempDir
    static Path tmp;

    private static EmbeddedMetalApi server;
    private static MetalApiClient api;
    private static Invocation cli;
    private static final Masker MASK = new Masker();
    private static final List<FakeAgent> agents = new ArrayList<>();

    @BeforeAll
    static void startServerAndSeed() throws IOException {
        server = EmbeddedMetalApi.start(EmbeddedMetalApi.h2Url(Files.createDirectories(tmp.resolve("data"))), ADMIN,
                PeeringRules.DEFAULT_QUOTA);
        api = new MetalApiClient(server.url(), ADMIN);
        cli = Invocation.in(Files.createDirectories(tmp.resolve("home")))
                .env(Map.of(Connection.ENV_URL, server.url().toString(), Connection.ENV_TOKEN, ADMIN))
                .cells(MASK::apply);

        ok("partition", "create", "--id", "fra-equ01", "-n", "Frankfurt Equinix 1");
        ok("project", "create", "--id", "tenant-a", "-n", "tenant-a", "--tenant", "acme");
        ok("network", "create", "--id", "super-fra", "-n", "super-fra", "-p", "fra-equ01", "--privatesuper",
                "--prefixes", "10.0.0.0/16", "--default-ipv4-child-prefix-length", "22");
        // VRFs are random; rendered files list VRFs in VNI order and name-keyed sections (prefix-lists, route-maps) in
        // name order, so privnet1 must get the lower VNI in both orders (e.g. 99999 < 100000 but "Vrf100000" < "Vrf99999")
        V1Network privnet1 = allocate("privnet1");
        V1Network privnet2 = allocate("privnet2");
        while (privnet2.vrf() < privnet1.vrf()
                || String.valueOf(privnet2.vrf()).compareTo(String.valueOf(privnet1.vrf())) < 0) {
            api.freeNetwork(privnet2.id());
            privnet2 = allocate("privnet2");
        }
        ok("switch", "register", "--id", "leaf01", "-p", "fra-equ01", "--rack", "r01", "--zone", "room1", "--role", "leaf",
                "--os", "SONiC", "--asn", "4200000011", "--router-id", "10.255.0.11", "--ports", "Ethernet0,Ethernet4",
                "--uplinks", "Ethernet120");
        ok("switch", "register", "--id", "leaf02", "-p", "fra-equ01", "--rack", "r02", "--zone", "room1", "--role", "leaf",
                "--os", "Cumulus", "--asn", "4200000012", "--router-id", "10.255.0.12", "--ports", "swp1",
                "--uplinks", "swp31");
        machine("m1", "leaf01", "Ethernet0", "privnet1");
        machine("m2", "leaf02", "swp1", "privnet2");

        for (V1Network n : List.of(privnet1, privnet2)) {
            MASK.mask(n.id(), n.name() + "-id").maskNumber(n.vrf(), n.name() + "-vrf");
        }
        // revisions depend on how often the VRF was drawn: they are shown relative to the one after seeding
        long base = api.switches().get("leaf02").revision();
        for (long k = 0; k < 100; k++) {
            MASK.mask(Long.toString(base + k), "rev+" + k);
        }
    }

    private static V1Network allocate(String name) {
        return api.allocateNetwork(AllocateRequest.of(name, "fra-equ01", "tenant-a").families("IPv4").build());
    }

    private static void machine(String id, String switchId, String port, String network) {
        api.machines().create(MachineRequest.machine(id, "fra-equ01").connectedTo(switchId, port).build());
        ok("machine", "allocate", id, "--project", "tenant-a", "--networks", network);
    }

    @AfterEach
    void stopAgents() throws InterruptedException {
        for (FakeAgent a : agents) {
            a.close();
        }
        agents.clear();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static void agents(Function<io.metalstack.peering.api.V1SwitchIntentResponse, V1SwitchNotifyRequest> report) {
        agents.add(FakeAgent.start(api, "leaf01", report));
        agents.add(FakeAgent.start(api, "leaf02", report));
    }

    private static Invocation.Result ok(String... args) {
        Invocation.Result r = cli.run(args);
        assertThat(r.exit()).as("metalctl %s\n%s", String.join(" ", args), r).isZero();
        return r;
    }

    private static Invocation.Result exits(ExitCode code, String... args) {
        Invocation.Result r = cli.run(args);
        assertThat(r.exit()).as("metalctl %s\n%s", String.join(" ", args), r).isEqualTo(code.code());
        return r;
    }

    private static String[] with(String[] base, String... more) {
        String[] all = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    private static void golden(String name, String... args) {
        Invocation.Result r = ok(args);
        Golden.check(name, MASK.apply("$ metalctl " + String.join(" ", args) + "\n" + r.out()));
    }

    /** stdout, stderr and exit code of a run that is expected to end with {@code code}. */
    private static void goldenRun(String name, ExitCode code, String... args) {
        Invocation.Result r = exits(code, args);
        Golden.check(name, MASK.apply("$ metalctl " + String.join(" ", args) + "\nexit " + r.exit() + "\n--- stdout\n" + r.out()
                + "--- stderr\n" + r.err()));
    }

    private static Optional<V1Peering> peering() {
        return api.peerings().list().stream().filter(p -> p.name().equals(PEERING)).findFirst();
    }

    /** Until the server says {@code phase} (bounded; not a timing assertion, the wait just must end). */
    private static V1Peering awaitPhase(String phase) throws InterruptedException {
        for (int i = 0; i < 300; i++) {
            V1Peering p = peering().orElseThrow();
            if (p.status() != null && phase.equals(p.status().phase())) {
                return p;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("peering " + PEERING + " never reached phase " + phase + ": " + peering().orElseThrow().status());
    }

    private static void maskPeering() {
        peering().ifPresent(p -> MASK.mask(p.id(), "peering:" + p.name()));
    }

    @Test
    @Order(1)
    void waitWithoutAgentsTimesOutWithExitSix() {
        Invocation.Result alone = exits(ExitCode.USAGE, with(CREATE, "--timeout", "5s"));
        assertThat(alone.err()).isEqualTo("Error: --timeout needs --wait: it bounds the wait\n");
        Invocation.Result zero = exits(ExitCode.USAGE, with(CREATE, "--wait", "--timeout", "0s"));
        assertThat(zero.err()).isEqualTo("Error: --timeout 0s is not positive: use e.g. 60s or 5m\n");
        Invocation.Result bad = exits(ExitCode.USAGE, with(CREATE, "--wait", "--timeout", "soon"));
        assertThat(bad.err()).startsWith("Error: Invalid value for option '--timeout': duration \"soon\" is not valid");
        assertThat(peering()).as("nothing was sent").isEmpty();
        Invocation.Result r = exits(ExitCode.TIMED_OUT, with(CREATE, "--wait", "--timeout", "1s"));
        maskPeering();
        assertThat(r.out()).isEmpty();
        assertThat(MASK.apply(r.err())).isEqualTo("waiting for peering privnet1-to-privnet2: 0/2 switches synced\n"
                + "Error: timed out after 1s waiting for peering privnet1-to-privnet2: 0/2 switches synced; the peering "
                + "privnet1-to-privnet2 was created: see `metalctl network peering describe privnet1-to-privnet2 -o wide`\n");
        assertThat(peering()).as("the peering was created all the same").isPresent();
        assertThat(peering().orElseThrow().status().phase()).isEqualTo("pending");
    }

    @Test
    @Order(2)
    void switchDescribeConfigShowsTheRenderedFilesInEitherDialect() {
        Masker files = new Masker();
        for (V1Network n : api.networks().list()) {
            if (n.parentnetworkid() != null) {
                files.mask(n.id(), n.name() + "-id").maskNumber(n.vrf(), n.name() + "-vrf");
            }
        }
        for (String[] args : List.of(new String[] {"switch", "describe", "leaf01", "--config"},
                new String[] {"switch", "describe", "leaf01", "--config", "--dialect", "cumulus"},
                new String[] {"switch", "describe", "leaf02", "--config"})) {
            Invocation.Result r = ok(args);
            String name = "switch-config." + args[2] + "." + (args.length > 4 ? args[5] : args[2].equals("leaf01") ? "sonic" : "cumulus") + ".txt";
            Golden.check(name, files.apply("$ metalctl " + String.join(" ", args) + "\n" + r.out()));
        }
        Invocation.Result sonic = ok("switch", "describe", "leaf01", "--config");
        assertThat(sonic.out()).contains("==> frr.conf <==\n").contains("==> config_db.json <==\n");
        Invocation.Result cumulus = ok("switch", "describe", "leaf02", "--config");
        assertThat(cumulus.out()).contains("==> frr.conf <==\n").contains("==> interfaces <==\n");
        Invocation.Result yaml = ok("switch", "describe", "leaf02", "--config", "-o", "yaml");
        assertThat(yaml.out()).contains("files:").contains("frr.conf:");
        Invocation.Result dialectAlone = exits(ExitCode.USAGE, "switch", "describe", "leaf01", "--dialect", "sonic");
        assertThat(dialectAlone.err()).isEqualTo("Error: --dialect needs --config: it chooses the dialect of the rendered files\n");
        Invocation.Result badDialect = exits(ExitCode.USAGE, "switch", "describe", "leaf01", "--config", "--dialect", "junos");
        assertThat(badDialect.err()).contains("switch OS vendor \"junos\" is unknown: use SONiC or Cumulus");
    }

    @Test
    @Order(3)
    void describeShowsThePhaseAndEverySwitchAfterTheAgentsReported() throws InterruptedException {
        agents(FakeAgent.CORRECT);
        awaitPhase("active");
        golden("status-peering-describe.table.txt", "network", "peering", "describe", PEERING, "-o", "table");
        golden("status-peering-describe.wide.txt", "network", "peering", "describe", PEERING, "-o", "wide");
        golden("status-peering-describe.yaml.txt", "network", "peering", "describe", PEERING);
        golden("status-peering-describe.json.txt", "network", "peering", "describe", PEERING, "-o", "json");
        golden("status-peering-list.txt", "network", "peering", "list");
        golden("status-switch-describe.wide.txt", "switch", "describe", "leaf01", "-o", "wide");
        golden("status-switch-describe.yaml.txt", "switch", "describe", "leaf01");
    }

    @Test
    @Order(4)
    void deleteWaitReturnsWhenEverySwitchThatCarriedItAppliedTheDelete() {
        agents(FakeAgent.CORRECT);
        Invocation.Result r = ok("network", "peering", "delete", PEERING, "--yes-i-really-mean-it", "--wait");
        assertThat(r.out()).contains(PEERING);
        assertThat(r.err()).matches("(waiting for the delete of peering privnet1-to-privnet2: [0-2]/2 switches synced\n)*");
        for (String id : List.of("leaf01", "leaf02")) {
            V1Switch sw = api.switches().get(id);
            assertThat(sw.lastsync().revision()).as("%s applied its intent after the delete", id).isGreaterThanOrEqualTo(sw.revision());
        }
        assertThat(peering()).isEmpty();
    }

    @Test
    @Order(5)
    void createWaitReturnsWhenThePeeringIsActiveEverywhere() {
        agents(FakeAgent.CORRECT);
        Invocation.Result r = ok(with(CREATE, "--wait", "--timeout", "30s"));
        maskPeering();
        assertThat(r.err()).matches("(waiting for peering privnet1-to-privnet2: ([0-2]/2 switches synced|no status yet)\n)*");
        Golden.check("status-create-wait.txt", MASK.apply(r.out()));
        assertThat(peering().orElseThrow().status().phase()).isEqualTo("active");
    }

    @Test
    @Order(6)
    void aLeakDegradesThePeeringAndShowsOnTheSwitch() {
        // leaf02 reports its current revision, with a prefix in privnet2's VRF that nobody owns
        var intent = api.switchIntent("leaf02", null, null);
        Map<String, V1ObservedPrefixes> seen = new TreeMap<>(FakeAgent.expected(intent.intent()));
        String vrf = "vrf" + api.networks().list().stream().filter(n -> "privnet2".equals(n.name())).findFirst().orElseThrow().vrf();
        List<String> v4 = new ArrayList<>(seen.get(vrf).ipv4());
        v4.add("192.0.2.0/24");
        seen.put(vrf, new V1ObservedPrefixes(v4, seen.get(vrf).ipv6()));
        api.notifySwitch("leaf02", NotifyRequest.applied(intent.revision(), 7L).vrfs(seen).sessions(List.of()).build());
        assertThat(peering().orElseThrow().status().phase()).isEqualTo("degraded");
        golden("status-leak-peering-describe.txt", "network", "peering", "describe", PEERING, "-o", "table");
        golden("status-leak-switch-describe.txt", "switch", "describe", "leaf02", "-o", "wide");
        golden("status-leak-switch-list.txt", "switch", "list");
        api.notifySwitch("leaf02", FakeAgent.CORRECT.apply(intent));
        assertThat(peering().orElseThrow().status().phase()).isEqualTo("active");
    }

    @Test
    @Order(7)
    void deleteWaitWithATenantTokenIsRefusedBeforeAnythingIsDeleted() {
        String editor = api.createToken(new V1TokenCreateRequest("editor", "tenant-a", "status it")).secret();
        Invocation.Result r = exits(ExitCode.REFUSED, "--api-token", editor, "network", "peering", "delete", PEERING,
                "--yes-i-really-mean-it", "--wait");
        assertThat(r.err()).startsWith("Error: --wait on delete reads the switches' sync state, which this token may not (HTTP 403: ")
                .endsWith("): use an admin token, or delete without --wait; nothing was deleted\n");
        assertThat(peering()).isPresent();
    }

    @Test
    @Order(8)
    void deleteWaitWithoutAgentsTimesOut() {
        goldenRun("status-delete-timeout.txt", ExitCode.TIMED_OUT,
                "network", "peering", "delete", PEERING, "--yes-i-really-mean-it", "--wait", "--timeout", "1s");
        assertThat(peering()).as("deleted all the same").isEmpty();
    }

    @Test
    @Order(9)
    void aSwitchThatFailsToApplyEndsTheWaitWithExitSeven() {
        agents(FakeAgent.failing("vtysh -C: line 42: % Unknown command: import vrf banana"));
        Invocation.Result r = exits(ExitCode.NOT_APPLIED, with(CREATE, "--wait", "--timeout", "30s"));
        maskPeering();
        assertThat(r.out()).isEmpty();
        // which switch reports first is up to the threads: one failed switch already makes the peering degraded
        String err = MASK.apply(r.err());
        assertThat(err).containsPattern("Error: peering privnet1-to-privnet2 \\(<peering:privnet1-to-privnet2>\\) is (failed|degraded): ")
                .containsPattern("switch leaf0[12] failed \\(error: vtysh -C: line 42: % Unknown command: import vrf banana\\)")
                .doesNotContain("condition error")
                .endsWith("; the peering privnet1-to-privnet2 was created: see `metalctl network peering describe privnet1-to-privnet2 -o wide`\n");

        Invocation.Result delete = exits(ExitCode.NOT_APPLIED, "network", "peering", "delete", PEERING, "--yes-i-really-mean-it", "--wait");
        assertThat(delete.out()).isEmpty();
        assertThat(MASK.apply(delete.err())).containsPattern("Error: switch leaf0[12] failed to apply revision <rev\\+\\d+> \\(the delete of peering "
                + "privnet1-to-privnet2\\): vtysh -C: line 42: % Unknown command: import vrf banana; the peering privnet1-to-privnet2 was "
                + "deleted: see `metalctl switch describe <switch>`\n$");
        assertThat(peering()).isEmpty();
    }
}
