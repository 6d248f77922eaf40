package io.metalstack.peering.cli;

import io.metalstack.peering.api.MetalApiClient;
import io.metalstack.peering.api.V1Network;
import io.metalstack.peering.api.V1Peering;
import io.metalstack.peering.api.V1PeeringExchange;
import io.metalstack.peering.api.fixture.AllocateRequest;
import io.metalstack.peering.api.fixture.MachineRequest;
import io.metalstack.peering.model.rules.PeeringRules;
import io.metalstack.peering.server.launch.EmbeddedMetalApi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * metalctl against the real metal-api in-process on a random port (embedded H2). The class seeds the inventory
 * with metalctl itself, then runs every command in order: the MEP's four commands verbatim, output goldens,
 * every error path, apply, update, delete.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MetalctlIT {
    private static final String ADMIN = "admin-secret-for-metalctl-it";

    @TempDir
    static Path tmp;

    private static EmbeddedMetalApi server;
    private static MetalApiClient api;
    private static Invocation cli;
    private static final Masker MASK = new Masker();

    @BeforeAll
    static void startServerAndSeed() throws IOException {
        server = EmbeddedMetalApi.start(EmbeddedMetalApi.h2Url(Files.createDirectories(tmp.resolve("data"))), ADMIN,
                PeeringRules.DEFAULT_QUOTA);
        api = new MetalApiClient(server.url(), ADMIN);
        Path home = Files.createDirectories(tmp.resolve("home"));
        cli = Invocation.in(home)
                .env(Map.of(Connection.ENV_URL, server.url().toString(), Connection.ENV_TOKEN, ADMIN))
                .cells(MASK::apply);

        ok("partition", "create", "--id", "fra-equ01", "-n", "Frankfurt Equinix 1", "-d", "the lab partition");
        ok("project", "create", "--id", "tenant-a", "-n", "tenant-a", "--tenant", "acme", "-d", "the tenant's project");
        ok("project", "create", "--id", "storage-team", "-n", "storage-team", "--tenant", "storage-inc");
        ok("network", "create", "--id", "super-fra", "-n", "super-fra", "-p", "fra-equ01", "--privatesuper",
                "--prefixes", "10.0.0.0/16,2001:db8::/48",
                "--default-ipv4-child-prefix-length", "22", "--default-ipv6-child-prefix-length", "64");
        ok("network", "create", "--id", "internet", "-n", "internet", "--type", "external", "--prefixes", "185.1.2.0/24",
                "--destination-prefixes", "0.0.0.0/0,::/0", "--vrf", "104009", "--nat",
                "--labels", "network.metal-stack.io/peerable=true");
        ok("network", "allocate", "-n", "privnet1", "-p", "fra-equ01", "--project", "tenant-a");
        ok("network", "allocate", "-n", "privnet2", "-p", "fra-equ01", "--project", "tenant-a");
        ok("network", "allocate", "-n", "storage", "-p", "fra-equ01", "--project", "storage-team", "--shared");
        ok("switch", "register", "--id", "exit01", "-p", "fra-equ01", "--rack", "r01", "--zone", "room1", "--role", "exit",
                "--os", "SONiC", "--asn", "4200000099", "--router-id", "10.255.0.99", "--ports", "Ethernet0",
                "--uplinks", "Ethernet120");
        ok("switch", "register", "--id", "leaf01", "-p", "fra-equ01", "--rack", "r01", "--zone", "room1", "--role", "leaf",
                "--os", "Cumulus", "--asn", "4200000011", "--router-id", "10.255.0.11", "--ports", "swp1,swp2",
                "--uplinks", "swp31");
        // machines are registered by the inventory, not by metalctl
        api.machines().create(MachineRequest.machine("m1", "fra-equ01").connectedTo("leaf01", "swp1").build());

        for (V1Network n : api.networks().list()) {
            if (n.parentnetworkid() != null) {
                MASK.mask(n.id(), n.name() + "-id").mask(Integer.toString(n.vrf()), n.name() + "-vrf");
            }
        }
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static Invocation.Result ok(String... args) {
        Invocation.Result r = cli.run(args);
        assertThat(r.exit()).as("metalctl %s\n%s", String.join(" ", args), r).isZero();
        return r;
    }

    private static Invocation.Result fails(ExitCode code, String... args) {
        Invocation.Result r = cli.run(args);
        assertThat(r.exit()).as("metalctl %s\n%s", String.join(" ", args), r).isEqualTo(code.code());
        assertThat(r.err()).as("one clear line on stderr").startsWith("Error: ");
        assertThat(r.out()).isEmpty();
        return r;
    }

    /** After peerings were made: their server-made ids become {@code <peering:name>}. */
    private static void maskPeerings() {
        for (V1Peering p : api.peerings().list()) {
            MASK.mask(p.id(), "peering:" + p.name());
        }
    }

    private static void golden(String name, String... args) {
        Invocation.Result r = ok(args);
        Golden.check(name, MASK.apply("$ metalctl " + String.join(" ", args) + "\n" + r.out()));
    }

    @Test
    @Order(1)
    void theMepCommandsRunVerbatim() {
        Invocation.Result r1 = ok("network", "peering", "create", "--network1", "privnet1", "--network2", "privnet2");
        assertThat(r1.out()).contains("privnet1-to-privnet2").contains("privnet1").contains("privnet2").contains("local");
        Invocation.Result r2 = ok("network", "peering", "create", "--network1", "privnet1", "--network2", "storage");
        assertThat(r2.out()).contains("privnet1-to-storage");
        // privnet1 is dual-stack with private IPv4 (10/8) and non-private IPv6 (2001:db8::/48): rule 6 exchanges IPv6 only
        Invocation.Result r3 = ok("network", "peering", "create", "--network1", "privnet1", "--network2", "internet");
        assertThat(r3.out()).contains("privnet1-to-internet");
        V1Peering internet = api.peerings().list().stream().filter(p -> p.name().equals("privnet1-to-internet")).findFirst().orElseThrow();
        assertThat(internet.status().families()).containsExactly("IPv6");
        assertThat(internet.status().omitted()).containsKey("IPv4");

        Invocation.Result r4 = cli.run("network", "peering", "create", "--network1", "internet", "--localAs", "65000",
                "--localCidr", "172.16.0.1", "--localPort", "Ethernet0@exit01", "--remoteAs", "65001", "--remoteCidr", "172.16.0.2");
        // metalctl sends the MEP's request as typed (no network2). Today's server requires network2 for every
        // peering and refuses it with a clear message; once it accepts it, the peering must show up.
        if (r4.exit() == 0) {
            assertThat(r4.out()).contains("internet-to-as65001").contains("external");
        } else {
            assertThat(r4.exit()).as("%s", r4).isEqualTo(ExitCode.REFUSED.code());
            assertThat(r4.err()).isEqualTo("Error: field network2 is missing: it is required (HTTP 400)\n");
        }
        maskPeerings();
    }

    @Test
    @Order(2)
    void kebabCaseSpellingsWorkAsWell() {
        Invocation.Result r = cli.run("network", "peering", "create", "--network1", "privnet2", "--network2", "internet",
                "--peering-type", "external", "--local-as", "65000", "--local-cidr", "172.16.0.1/30",
                "--local-port", "Ethernet0@exit01", "--remote-as", "65001", "--remote-cidr", "172.16.0.2/30", "-o", "yaml");
        System.out.println("kebab-case external peering: " + r);
        assertThat(r.exit()).as("%s", r).isIn(0, 1);
        if (r.exit() == 0) {
            assertThat(r.out()).contains("peeringtype: external").contains("port: Ethernet0@exit01");
        } else {
            assertThat(r.err()).startsWith("Error: ").doesNotContain("Unknown option");
        }
        maskPeerings();
    }

    @Test
    @Order(3)
    void outputGoldens() {
        ok("machine", "allocate", "m1", "--project", "tenant-a", "--networks", "privnet1");
        for (String format : List.of("table", "wide", "yaml", "json", "markdown")) {
            golden("peering-list." + format + ".txt", "network", "peering", "list", "-o", format);
        }
        golden("peering-list.no-headers.txt", "network", "peering", "ls", "--no-headers");
        golden("peering-list.filtered.txt", "network", "peering", "list", "--network", "storage");
        golden("peering-describe.txt", "network", "peering", "describe", "privnet1-to-internet");
        golden("peering-describe.wide.txt", "network", "peering", "get", "privnet1-to-internet", "-o", "wide");
        for (String format : List.of("table", "wide", "yaml", "json")) {
            golden("network-list." + format + ".txt", "network", "list", "-o", format);
            golden("project-list." + format + ".txt", "project", "list", "-o", format);
            golden("partition-list." + format + ".txt", "partition", "list", "-o", format);
            golden("switch-list." + format + ".txt", "switch", "list", "-o", format);
            golden("machine-list." + format + ".txt", "machine", "list", "-o", format);
        }
        golden("network-describe.txt", "network", "describe", "privnet1");
        golden("project-describe.txt", "project", "describe", "tenant-a");
        golden("partition-describe.txt", "partition", "describe", "fra-equ01");
        golden("switch-describe.txt", "switch", "describe", "exit01");
        golden("machine-describe.txt", "machine", "describe", "m1");
    }

    private static void errGolden(String name, Invocation.Result r, String... args) {
        Golden.check(name, MASK.apply("$ metalctl " + String.join(" ", args) + "\nexit " + r.exit() + "\n" + r.err()));
    }

    private static Invocation.Result failsGolden(String name, ExitCode code, String... args) {
        Invocation.Result r = fails(code, args);
        errGolden(name, r, args);
        return r;
    }

    @Test
    @Order(4)
    void unknownAndAmbiguousNamesListTheCandidates() {
        failsGolden("error-unknown-network.txt", ExitCode.REFUSED,
                "network", "peering", "create", "--network1", "privnet9", "--network2", "privnet2");
        failsGolden("error-unknown-peering.txt", ExitCode.REFUSED, "network", "peering", "describe", "nope");

        V1Network dup = api.allocateNetwork(AllocateRequest.of("privnet2", "fra-equ01", "storage-team").families("IPv4").build());
        MASK.mask(dup.id(), "other-privnet2-id").mask(Integer.toString(dup.vrf()), "other-privnet2-vrf");
        try {
            failsGolden("error-ambiguous-network.txt", ExitCode.REFUSED,
                    "network", "peering", "create", "--network1", "privnet2", "--network2", "storage");
            // an id always works
            Invocation.Result r = fails(ExitCode.REFUSED, "network", "describe", "privnet7");
            assertThat(r.err()).contains("privnet2 (" + dup.id() + ", project storage-team)");
            // a private network of another project: the server refuses the peering (no cross-project peering)
            failsGolden("error-refused-cross-project.txt", ExitCode.REFUSED,
                    "network", "peering", "create", "--network1", "privnet1", "--network2", dup.id());
        } finally {
            ok("network", "free", dup.id());
        }
    }

    @Test
    @Order(5)
    void refusalsCarryTheServersMessage() {
        failsGolden("error-refused-duplicate.txt", ExitCode.REFUSED,
                "network", "peering", "create", "--network1", "privnet2", "--network2", "privnet1");
        failsGolden("error-refused-same-network.txt", ExitCode.REFUSED,
                "network", "peering", "create", "--network1", "privnet1", "--network2", "privnet1");
        failsGolden("error-refused-super.txt", ExitCode.REFUSED,
                "network", "peering", "create", "--network1", "privnet1", "--network2", "super-fra");
        Invocation.Result unauthenticated = fails(ExitCode.REFUSED, "--api-token", "wrong", "network", "peering", "list");
        assertThat(unauthenticated.err()).contains("(HTTP 401)");
    }

    /**
     * {@code --dry-run}: the verdict, the peering as it would be and each changed switch's diff, nothing changed; a
     * refusal exactly as the real command's. On exit02, a second exit switch, the session's lines are the same every run.
     */
    @Test
    @Order(5)
    void dryRunShowsTheVerdictAndTheDiffsAndChangesNothing() {
        String[] duplicate = {"network", "peering", "create", "--network1", "privnet2", "--network2", "privnet1"};
        Invocation.Result real = fails(ExitCode.REFUSED, duplicate);
        Invocation.Result dry = fails(ExitCode.REFUSED, concat(duplicate, "--dry-run"));
        assertThat(dry.err()).isEqualTo(real.err());

        ok("switch", "register", "--id", "exit02", "-p", "fra-equ01", "--rack", "r02", "--zone", "room1", "--role", "exit",
                "--os", "SONiC", "--asn", "4200000098", "--router-id", "10.255.0.98", "--ports", "Ethernet0", "--uplinks", "Ethernet120");
        try {
            long revision = api.health().revision();
            List<V1Peering> peerings = api.peerings().list();
            String[] create = {"network", "peering", "create", "--network1", "internet", "--localAs", "65000", "--localCidr", "172.16.0.1",
                    "--localPort", "Ethernet0@exit02", "--remoteAs", "65001", "--remoteCidr", "172.16.0.2", "--dry-run"};
            golden("peering-create-dry-run.txt", create);
            golden("peering-delete-dry-run.txt", "network", "peering", "delete", "internet-to-as65001", "--dry-run");
            // disabling would withdraw it from exit01 as the delete would
            Invocation.Result delete = ok("network", "peering", "delete", "internet-to-as65001", "--dry-run");
            Invocation.Result disable = ok("network", "peering", "update", "internet-to-as65001", "--enabled=false", "--dry-run");
            assertThat(disable.out()).startsWith("dry run: the update is admitted; nothing was changed\n")
                    .endsWith(delete.out().substring(delete.out().indexOf("\n==> exit01 <==\n")));
            Invocation.Result yaml = ok(concat(create, "-o", "yaml"));
            assertThat(yaml.out()).startsWith("peering:\n").contains("switches:\n- switchid: exit02\n")
                    .contains("+ neighbor 172.16.0.2 remote-as 65001").doesNotContain("dry run:");
            assertThat(api.health().revision()).isEqualTo(revision);
            assertThat(api.peerings().list()).isEqualTo(peerings);
            Invocation.Result both = cli.run(concat(create, "--wait"));
            assertThat(both.exit()).isEqualTo(ExitCode.USAGE.code());
            assertThat(both.err()).isEqualTo("Error: --dry-run and --wait cannot be combined: a dry run changes nothing to wait for\n");
        } finally {
            api.switches().delete("exit02");
        }
    }

    private static String[] concat(String[] args, String... more) {
        List<String> all = new java.util.ArrayList<>(List.of(args));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    @Test
    @Order(6)
    void usageErrorsNameTheFlagAndSendNothing() {
        int before = api.peerings().list().size();
        Invocation.Result typo = cli.run("network", "peering", "create", "--netwrok1", "privnet1", "--network2", "privnet2");
        assertThat(typo.exit()).isEqualTo(ExitCode.USAGE.code());
        errGolden("error-bad-flag.txt", typo, "network", "peering", "create", "--netwrok1", "privnet1", "--network2", "privnet2");
        Invocation.Result badAs = cli.run("network", "peering", "create", "--network1", "internet", "--localAs", "banana");
        assertThat(badAs.exit()).isEqualTo(ExitCode.USAGE.code());
        assertThat(badAs.err()).containsPattern("Invalid value for option '--local-?[aA]s': AS number \"banana\" is not a number");
        failsGolden("error-incomplete-bgp.txt", ExitCode.USAGE,
                "network", "peering", "create", "--network1", "internet", "--localAs", "65000", "--remoteAs", "65001");
        failsGolden("error-missing-network2.txt", ExitCode.USAGE, "network", "peering", "create", "--network1", "privnet1");
        Invocation.Result group = cli.run("network", "peering");
        assertThat(group.exit()).isEqualTo(ExitCode.USAGE.code());
        assertThat(group.err()).startsWith("Error: `metalctl network peering` needs a subcommand: apply, approve, create, delete, describe, events, graph, list, reject, update");
        assertThat(api.peerings().list()).hasSize(before);
    }

    @Test
    @Order(7)
    void serverDownIsExitThree() throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        String[] args = {"--api-url", "http://127.0.0.1:" + closed, "network", "peering", "list"};
        Invocation.Result r = fails(ExitCode.UNREACHABLE, args);
        assertThat(r.err()).isEqualTo("Error: metal-api at http://127.0.0.1:" + closed + " is unreachable: ConnectException"
                + "; is metal-api running there? check --api-url, $METALCTL_API_URL or `metalctl context show`\n");
        Invocation.Result noUrl = Invocation.in(tmp.resolve("nohome")).run("network", "list");
        assertThat(noUrl.exit()).isEqualTo(ExitCode.USAGE.code());
        assertThat(noUrl.err()).startsWith("Error: no API URL: pass --api-url, set METALCTL_API_URL");
    }

    @Test
    @Order(8)
    void applyCreatesOrUpdatesAndIsIdempotent() throws IOException {
        Path file = tmp.resolve("peerings.yaml");
        Files.writeString(file, """
                apiVersion: metal-stack.io/v1
                kind: Peering
                metadata:
                  name: privnet1-to-storage
                  labels: {team: storage}
                spec:
                  network1: privnet1
                  network2: storage
                  peeringType: local
                ---
                apiVersion: metal-stack.io/v1
                kind: Peering
                metadata:
                  name: privnet2-to-storage
                spec:
                  network1: privnet2
                  network2: storage
                """);
        int before = api.peerings().list().size();
        Invocation.Result first = ok("network", "peering", "apply", "-f", file.toString());
        maskPeerings();
        Golden.check("apply-first.txt", MASK.apply(first.out()));
        assertThat(api.peerings().list()).hasSize(before + 1);
        Invocation.Result second = ok("network", "peering", "apply", "-f", file.toString());
        Golden.check("apply-second.txt", MASK.apply(second.out()));
        assertThat(second.out()).doesNotContain("created").doesNotContain("updated");
        assertThat(api.peerings().list()).hasSize(before + 1);
        Invocation.Result yaml = ok("network", "peering", "apply", "-f", file.toString(), "-o", "yaml");
        assertThat(yaml.out()).contains("name: privnet1-to-storage").contains("team: storage");

        // spec.exchange: apply selects, is idempotent in any order, and a manifest without it exchanges all again
        String storagePrefix = api.networks().list().stream().filter(n -> "storage".equals(n.name())).findFirst().orElseThrow()
                .prefixes().get(0);
        Path selective = tmp.resolve("selective.yaml");
        Files.writeString(selective, Files.readString(file).replace("  peeringType: local\n",
                "  peeringType: local\n  exchange:\n    network2: [" + storagePrefix + "]\n"));
        assertThat(ok("network", "peering", "apply", "-f", selective.toString()).out())
                .contains("peering \"privnet1-to-storage\" updated").contains("peering \"privnet2-to-storage\" unchanged");
        V1Peering selected = api.peerings().list().stream().filter(p -> "privnet1-to-storage".equals(p.name())).findFirst().orElseThrow();
        assertThat(selected.exchange()).isEqualTo(new V1PeeringExchange(null, List.of(storagePrefix)));
        assertThat(ok("network", "peering", "apply", "-f", selective.toString()).out()).doesNotContain("updated");
        assertThat(ok("network", "peering", "apply", "-f", file.toString()).out()).contains("peering \"privnet1-to-storage\" updated");
        assertThat(api.peerings().get(selected.id()).exchange()).isNull();

        Path wrong = tmp.resolve("wrong.yaml");
        Files.writeString(wrong, Files.readString(file).replace("kind: Peering\nmetadata:\n  name: privnet2", "kind: Network\nmetadata:\n  name: privnet2"));
        Invocation.Result bad = fails(ExitCode.USAGE, "network", "peering", "apply", "-f", wrong.toString());
        assertThat(bad.err()).isEqualTo("Error: " + wrong + ": document 2: kind \"Network\" is not supported: use Peering\n");
        fails(ExitCode.USAGE, "network", "peering", "apply", "-f", tmp.resolve("missing.yaml").toString());
    }

    @Test
    @Order(9)
    void createFromFileAndStdin() {
        String manifest = """
                - apiVersion: metal-stack.io/v1
                  kind: Peering
                  metadata: {name: storage-to-privnet2-again}
                  spec: {network1: storage, network2: privnet2}
                """;
        // the pair exists already (apply made it): the server refuses the second peering of a pair
        Invocation.Result r = cli.stdin(manifest).run("network", "peering", "create", "-f", "-");
        assertThat(r.exit()).as("%s", r).isEqualTo(ExitCode.REFUSED.code());
        assertThat(r.err()).contains("(HTTP 409)");
        ok("network", "peering", "delete", "privnet2-to-storage", "--yes-i-really-mean-it");
        Invocation.Result created = cli.stdin(manifest).run("network", "peering", "create", "-f", "-", "-o", "yaml");
        assertThat(created.exit()).as("%s", created).isZero();
        assertThat(created.out()).contains("name: storage-to-privnet2-again");
        fails(ExitCode.USAGE, "network", "peering", "create", "-f", "-", "--network1", "privnet1");
    }

    @Test
    @Order(10)
    void updateChangesNameAndLabels() {
        Invocation.Result r = ok("network", "peering", "update", "storage-to-privnet2-again", "--name", "privnet2-to-storage",
                "--labels", "team=storage,env=lab", "-o", "yaml");
        assertThat(r.out()).contains("name: privnet2-to-storage").contains("env: lab").contains("team: storage");
        fails(ExitCode.USAGE, "network", "peering", "update", "privnet2-to-storage");
    }

    @Test
    @Order(10)
    void updateDisablesAndEnables() {
        // privnet1-to-internet is on leaf01 (m1 is in privnet1): disabling withdraws internet's routes from its vrf there
        int internetVrf = api.networks().get("internet").vrf();
        java.util.function.Supplier<List<Integer>> leafImports = () -> api.switchIntent("leaf01", null, null).intent().vrfs().stream()
                .flatMap(v -> v.imports().stream()).map(i -> i.from()).toList();
        assertThat(leafImports.get()).contains(internetVrf);
        golden("peering-update-disabled.wide.txt", "network", "peering", "update", "privnet1-to-internet", "--enabled=false", "-o", "wide");
        assertThat(leafImports.get()).doesNotContain(internetVrf);
        golden("peering-list.disabled.wide.txt", "network", "peering", "list", "--network", "privnet1", "-o", "wide");
        // the yaml carries it for apply-style edits; an update that does not pass --enabled keeps it
        assertThat(ok("network", "peering", "update", "privnet1-to-internet", "--name", "privnet1-to-internet", "-o", "yaml").out())
                .contains("enabled: false").contains("phase: disabled");
        Invocation.Result back = ok("network", "peering", "update", "privnet1-to-internet", "--enabled=true", "-o", "yaml");
        assertThat(back.out()).contains("enabled: true").contains("phase: pending");
        assertThat(leafImports.get()).contains(internetVrf);
        // no switch carries privnet2-to-storage: --wait has nothing to wait for either way
        assertThat(ok("network", "peering", "update", "privnet2-to-storage", "--enabled=false", "--wait", "--timeout", "5s").out())
                .contains("disabled");
        assertThat(ok("network", "peering", "update", "privnet2-to-storage", "--enabled=true", "--wait", "--timeout", "5s").out())
                .contains("active");
        failsGolden("error-update-enabled-value.txt", ExitCode.USAGE, "network", "peering", "update", "privnet2-to-storage", "--enabled=maybe");
        failsGolden("error-update-wait-without-enabled.txt", ExitCode.USAGE, "network", "peering", "update", "privnet2-to-storage",
                "--name", "x", "--wait");
    }

    @Test
    @Order(11)
    void deleteAsksFirst() {
        Invocation.Result noTerminal = fails(ExitCode.ABORTED, "network", "peering", "delete", "privnet2-to-storage");
        assertThat(noTerminal.err()).contains("stdin is not a terminal, pass --yes-i-really-mean-it");
        Invocation.Result declined = cli.terminal(Invocation.answering("n")).run("network", "peering", "rm", "privnet2-to-storage");
        assertThat(declined.exit()).isEqualTo(ExitCode.ABORTED.code());
        assertThat(declined.err()).isEqualTo("Error: aborted: nothing was changed\n");
        assertThat(api.peerings().list()).anyMatch(p -> p.name().equals("privnet2-to-storage"));
        Invocation.Result yes = cli.terminal(Invocation.answering("y")).run("network", "peering", "delete", "privnet2-to-storage");
        assertThat(yes.exit()).as("%s", yes).isZero();
        assertThat(api.peerings().list()).noneMatch(p -> p.name().equals("privnet2-to-storage"));
        ok("network", "peering", "rm", "privnet1-to-privnet2", "--yes-i-really-mean-it");
        assertThat(api.peerings().list()).noneMatch(p -> p.name().equals("privnet1-to-privnet2"));
    }

    @Test
    @Order(12)
    void projectsMachinesTokensAndContexts() throws IOException {
        Invocation.Result p = ok("project", "update", "tenant-a", "--add-labels", "auto-peer=true", "-o", "yaml");
        assertThat(p.out()).contains("auto-peer: \"true\"");
        ok("project", "update", "tenant-a", "--remove-labels", "auto-peer");
        assertThat(api.projects().get("tenant-a").labels()).doesNotContainKey("auto-peer");

        Invocation.Result freed = ok("machine", "free", "m1", "-o", "json");
        assertThat(freed.out()).doesNotContain("allocation");

        Invocation.Result token = ok("token", "create", "--role", "viewer", "--project", "tenant-a", "-o", "json");
        String secret = Codecs.JSON.readTree(token.out()).get("secret").asText();
        assertThat(secret).isNotBlank();
        Invocation.Result viewerList = ok("--api-token", secret, "network", "peering", "list", "--no-headers");
        assertThat(viewerList.out()).contains("privnet1-to-storage");
        Invocation.Result viewerCreate = fails(ExitCode.REFUSED, "--api-token", secret,
                "network", "peering", "create", "--network1", "privnet2", "--network2", "privnet1");
        assertThat(viewerCreate.err()).contains("(HTTP 403)");
        // listed without its secret, revoked, refused at once
        String tokenId = Codecs.JSON.readTree(token.out()).get("id").asText();
        Invocation.Result tokens = ok("token", "list", "--project", "tenant-a", "-o", "json");
        assertThat(tokens.out()).contains(tokenId).doesNotContain(secret);
        assertThat(ok("token", "list", "--no-headers").out()).contains(tokenId);
        fails(ExitCode.ABORTED, "token", "revoke", tokenId);
        ok("token", "revoke", tokenId, "--yes-i-really-mean-it");
        assertThat(ok("token", "list", "--no-headers").out()).doesNotContain(tokenId);
        assertThat(fails(ExitCode.REFUSED, "--api-token", secret, "network", "peering", "list").err()).contains("unknown or revoked", "401");
        Invocation.Result expiring = ok("token", "create", "--role", "viewer", "--project", "tenant-a", "--expires", "12h", "-o", "json");
        java.time.Instant expires = java.time.Instant.parse(Codecs.JSON.readTree(expiring.out()).get("expires").asText());
        assertThat(expires).isBetween(java.time.Instant.now().plusSeconds(11 * 3600), java.time.Instant.now().plusSeconds(12 * 3600 + 60));

        // a context instead of the environment
        Invocation plain = Invocation.in(Files.createDirectories(tmp.resolve("ctxhome")));
        assertThat(plain.run("context", "add", "lab", "--url", server.url().toString(), "--token", ADMIN).exit()).isZero();
        Invocation.Result viaContext = plain.run("network", "peering", "list", "--no-headers");
        assertThat(viaContext.exit()).as("%s", viaContext).isZero();
        assertThat(viaContext.out()).contains("privnet1-to-storage");
        assertThat(plain.run("context", "show").out()).contains(server.url().toString());

        // the context file bin/metal-api writes at start is read as it is: no configuration step. The launcher's own
        // main, in this JVM (it stays up until the JVM ends), since only it writes that file.
        Path launched = tmp.resolve("launched");
        io.metalstack.peering.server.launch.Main.main(new String[] {"--host", "127.0.0.1", "--port", "0", "--data-dir",
                launched.toString(), "--no-metalctl-config"});
        Path written = launched.resolve("metalctl.yaml");
        Invocation.Result viaServerContext = Invocation.in(tmp.resolve("nohome"))
                .run("-c", written.toString(), "network", "peering", "list");
        assertThat(viaServerContext.exit()).as("%s", viaServerContext).isZero();
        assertThat(viaServerContext.out()).startsWith("ID  NAME  PROJECT");
    }

    @Test
    @Order(13)
    void networkUpdateSetsAndClearsTheAdditionalAnnouncableCidrs() {
        Invocation.Result set = ok("network", "update", "privnet2", "--additional-announcable-cidrs", "10.240.0.0/16,fd00:10::/64",
                "-o", "yaml");
        assertThat(set.out()).contains("additionalannouncablecidrs:\n- 10.240.0.0/16\n- fd00:10::/64\n");
        String id = api.networks().list().stream().filter(n -> n.name().equals("privnet2")).findFirst().orElseThrow().id();
        assertThat(api.networks().get(id).additionalannouncablecidrs()).containsExactly("10.240.0.0/16", "fd00:10::/64");
        Invocation.Result bad = fails(ExitCode.USAGE, "network", "update", "privnet2", "--additional-announcable-cidrs", "10.240.0.0/33");
        assertThat(bad.err()).contains("10.240.0.0/33");
        Invocation.Result refused = fails(ExitCode.REFUSED, "network", "update", "privnet2", "--additional-announcable-cidrs", "0.0.0.0/0");
        assertThat(refused.err()).contains("default route").contains("(HTTP 400)");
        ok("network", "update", "privnet2", "--no-additional-announcable-cidrs");
        assertThat(api.networks().get(id).additionalannouncablecidrs()).isNull();
    }

    /** A token of {@code role} in {@code project}, shown as {@code <name>} in goldens. */
    private static String token(String role, String project, String name) throws IOException {
        String secret = Codecs.JSON.readTree(ok("token", "create", "--role", role, "--project", project, "-o", "json").out()).get("secret").asText();
        MASK.mask(secret, name);
        return secret;
    }

    @Test
    @Order(14)
    void approvalOfASharedNetworksOwner() throws IOException {
        ok("network", "allocate", "-n", "backup", "-p", "fra-equ01", "--project", "storage-team", "--shared",
                "--labels", "network.metal-stack.io/peering-approval=required");
        V1Network backup = api.networks().list().stream().filter(n -> n.name().equals("backup")).findFirst().orElseThrow();
        MASK.mask(backup.id(), "backup-id").mask(Integer.toString(backup.vrf()), "backup-vrf");
        String tenant = token("editor", "tenant-a", "tenant-a-editor"), owner = token("editor", "storage-team", "storage-team-editor");
        ok("--api-token", tenant, "network", "peering", "create", "--network1", "privnet1", "--network2", "backup");
        ok("--api-token", tenant, "network", "peering", "create", "--network1", "privnet2", "--network2", "backup");
        maskPeerings();
        golden("peering-approval-list.txt", "--api-token", owner, "network", "peering", "list", "--awaiting-approval");
        // the requester sees its requests, in phase awaiting-approval, but they do not await its approval
        assertThat(ok("--api-token", tenant, "network", "peering", "list", "--network", "backup", "--no-headers").out())
                .contains("privnet1-to-backup").contains("awaiting-approval");
        assertThat(ok("--api-token", tenant, "network", "peering", "list", "--awaiting-approval", "--no-headers").out()).isEmpty();
        failsGolden("error-approve-own-request.txt", ExitCode.REFUSED, "--api-token", tenant, "network", "peering", "approve", "privnet1-to-backup");
        golden("peering-approve.txt", "--api-token", owner, "network", "peering", "approve", "privnet1-to-backup");
        golden("peering-reject.txt", "--api-token", owner, "network", "peering", "reject", "privnet2-to-backup");
        failsGolden("error-approve-rejected.txt", ExitCode.REFUSED, "--api-token", owner, "network", "peering", "approve", "privnet2-to-backup");
        assertThat(ok("--api-token", owner, "network", "peering", "list", "--awaiting-approval", "--no-headers").out()).isEmpty();
        ok("network", "peering", "delete", "privnet1-to-backup", "privnet2-to-backup", "--yes-i-really-mean-it");
    }

    @Test
    @Order(15)
    void createAndUpdateSelectWhatEachSideReaches() {
        ok("network", "peering", "create", "--network1", "privnet1", "--network2", "privnet2",
                "--network1-prefixes", "10.0.2.0/23,10.0.1.0/24,2001:db8::/80");
        maskPeerings();
        golden("peering-describe.selective.txt", "network", "peering", "describe", "privnet1-to-privnet2");
        golden("peering-describe.selective.wide.txt", "network", "peering", "describe", "privnet1-to-privnet2", "-o", "wide");
        java.util.function.Supplier<io.metalstack.peering.api.V1PeeringExchange> stored = () -> api.peerings().list().stream()
                .filter(p -> p.name().equals("privnet1-to-privnet2")).findFirst().orElseThrow().exchange();
        assertThat(stored.get()).isEqualTo(new io.metalstack.peering.api.V1PeeringExchange(
                List.of("10.0.1.0/24", "10.0.2.0/23", "2001:db8::/80"), null));
        // update: a side given replaces that side, the other keeps what it had; --all-network<N>-prefixes clears one side
        ok("network", "peering", "update", "privnet1-to-privnet2", "--network2-prefixes", "10.0.4.0/24");
        assertThat(stored.get()).isEqualTo(new io.metalstack.peering.api.V1PeeringExchange(
                List.of("10.0.1.0/24", "10.0.2.0/23", "2001:db8::/80"), List.of("10.0.4.0/24")));
        ok("network", "peering", "update", "privnet1-to-privnet2", "--all-network1-prefixes");
        assertThat(stored.get()).isEqualTo(new io.metalstack.peering.api.V1PeeringExchange(null, List.of("10.0.4.0/24")));
        ok("network", "peering", "update", "privnet1-to-privnet2", "--name", "privnet1-to-privnet2");
        assertThat(stored.get()).isEqualTo(new io.metalstack.peering.api.V1PeeringExchange(null, List.of("10.0.4.0/24")));
        ok("network", "peering", "update", "privnet1-to-privnet2", "--all-network2-prefixes");
        assertThat(stored.get()).isNull();
        // the server's refusal, a bad prefix and contradicting flags
        failsGolden("error-update-prefixes-outside.txt", ExitCode.REFUSED, "network", "peering", "update", "privnet1-to-privnet2",
                "--network2-prefixes", "10.0.0.0/24");
        failsGolden("error-create-prefixes-host-bits.txt", ExitCode.USAGE, "network", "peering", "create", "--network1", "privnet2",
                "--network2", "storage", "--network2-prefixes", "10.0.8.1/24");
        failsGolden("error-update-prefixes-contradict.txt", ExitCode.USAGE, "network", "peering", "update", "privnet1-to-privnet2",
                "--network1-prefixes", "10.0.1.0/24", "--all-network1-prefixes");
        assertThat(stored.get()).isNull();
    }

    /** The render warnings of a switch's last report: a section of their own in {@code describe -o wide}, in the YAML of its lastsync. */
    @Test
    @Order(16)
    void describeShowsTheRenderWarningsOfTheLastReport() {
        ok("switch", "register", "--id", "leaf09", "-p", "fra-equ01", "--rack", "r09", "--zone", "room1", "--role", "leaf",
                "--os", "SONiC", "--asn", "4200000019", "--router-id", "10.255.0.19", "--ports", "Ethernet0", "--uplinks", "Ethernet120");
        long revision = api.switchIntent("leaf09", null, null).revision();
        api.notifySwitch("leaf09", io.metalstack.peering.api.fixture.NotifyRequest.applied(revision, 7L).warnings(List.of(
                new io.metalstack.peering.api.V1RenderWarning("vrf 42", "has no address family: only its L3VNI is rendered"),
                new io.metalstack.peering.api.V1RenderWarning("peering pe1", "maximum-prefix 0 is not positive and is left out"))).build());
        golden("switch-describe.warnings.wide.txt", "switch", "describe", "leaf09", "-o", "wide");
        golden("switch-describe.warnings.yaml.txt", "switch", "describe", "leaf09");
    }

    /** The audit timeline: a peering's events, a find by kind in every format, and the refusals. */
    @Test
    @Order(17)
    void eventsShowWhoChangedWhat() {
        maskPeerings();
        golden("peering-events.txt", "network", "peering", "events", "privnet1-to-privnet2");
        golden("peering-events.wide.txt", "network", "peering", "events", "privnet1-to-privnet2", "-o", "wide");
        golden("event-list.partition.txt", "event", "list", "--kind", "partition");
        golden("event-list.partition.yaml.txt", "event", "list", "--kind", "partition", "--object", "fra-equ01", "-o", "yaml");
        golden("event-list.partition.json.txt", "event", "list", "--kind", "partition", "--since", "24h", "-o", "json");
        failsGolden("error-event-list-kind.txt", ExitCode.REFUSED, "event", "list", "--kind", "bogus");
        failsGolden("error-event-list-since.txt", ExitCode.USAGE, "event", "list", "--since", "yesterday");
    }
}
