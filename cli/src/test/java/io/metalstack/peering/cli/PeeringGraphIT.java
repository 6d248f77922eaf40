package io.metalstack.peering.cli;

import io.metalstack.peering.api.MetalApiClient;
import io.metalstack.peering.api.V1Network;
import io.metalstack.peering.api.V1NetworkAllocateRequest;
import io.metalstack.peering.api.V1Partition;
import io.metalstack.peering.api.V1Peering;
import io.metalstack.peering.api.V1Project;
import io.metalstack.peering.api.V1TokenCreateRequest;
import io.metalstack.peering.model.Labels;
import io.metalstack.peering.model.rules.PeeringRules;
import io.metalstack.peering.server.launch.EmbeddedMetalApi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code metalctl network peering graph} against the real metal-api (embedded H2), and Graphviz for SVG. */
class PeeringGraphIT {
    private static final String ADMIN = "admin-secret-for-graph-it";

    @TempDir
    static Path tmp;

    private static EmbeddedMetalApi server;
    private static Invocation admin;
    private static Invocation tenant2;

    @BeforeAll
    static void startServerAndSeed() throws IOException {
        server = EmbeddedMetalApi.start(EmbeddedMetalApi.h2Url(Files.createDirectories(tmp.resolve("data"))), ADMIN,
                PeeringRules.DEFAULT_QUOTA);
        MetalApiClient api = new MetalApiClient(server.url(), ADMIN);
        api.partitions().create(new V1Partition("fra", "Frankfurt", null, null, null, null));
        api.projects().create(new V1Project("p1", "p1", "t1", null, null, null, null));
        api.projects().create(new V1Project("p2", "p2", "t2", null, null, null, null));
        api.networks().create(new V1Network("super-fra", "super-fra", null, "fra", null, null, "super",
                List.of("10.0.0.0/16", "2001:db8::/48"), null, null, Map.of("IPv4", 22, "IPv6", 64), null, null, null, null, null));
        api.networks().create(new V1Network("internet", "internet", null, null, null, null, "external", List.of("185.1.2.0/24"),
                List.of("0.0.0.0/0", "::/0"), 104009, null, true, null, Map.of(Labels.PEERABLE, "true"), null, null));
        V1Network a = allocate(api, "net-a", "p1", false);
        V1Network b = allocate(api, "net-b", "p1", false);
        allocate(api, "p2-secret-net", "p2", false);
        peer(api, "a-to-b", a.id(), b.id());
        peer(api, "a-to-internet", a.id(), "internet");
        Path home = Files.createDirectories(tmp.resolve("home"));
        Map<String, String> env = Map.of(Connection.ENV_URL, server.url().toString(), "PATH", System.getenv("PATH"));
        admin = Invocation.in(home).env(with(env, Connection.ENV_TOKEN, ADMIN));
        String owner2 = api.createToken(new V1TokenCreateRequest("owner", "p2", "graph it")).secret();
        tenant2 = Invocation.in(home).env(with(env, Connection.ENV_TOKEN, owner2));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void dotIsTheDefaultAndShowsEveryPeeringOfThePartition() {
        Invocation.Result r = admin.run("network", "peering", "graph", "--partition", "fra");
        assertThat(r.exit()).as("%s", r).isZero();
        assertThat(r.out()).startsWith("graph peerings {").contains("label=\"project p1\"").contains("label=\"net-a\"")
                .contains("a-to-b (").contains("a-to-internet (").contains("\"internet\" [label=\"internet (external)\"")
                .doesNotContain("super-fra");
    }

    @Test
    void mermaid() {
        Invocation.Result r = admin.run("network", "peering", "graph", "-o", "mermaid");
        assertThat(r.exit()).as("%s", r).isZero();
        assertThat(r.out()).startsWith("flowchart LR\n").contains("\"net-b\"").contains("|\"a-to-b (");
    }

    @Test
    void svgThroughGraphviz() {
        assertThat(Graphviz.find(System.getenv("PATH"))).as("Graphviz's dot on PATH (scripts/install-deps.sh installs graphviz)").isPresent();
        Invocation.Result r = admin.run("network", "peering", "graph", "-o", "svg");
        assertThat(r.exit()).as("%s", r).isZero();
        // Graphviz writes '-' in text as &#45;
        assertThat(r.out()).startsWith("<?xml").contains("<svg").contains("a&#45;to&#45;internet (").contains(">net&#45;a</text>");
    }

    @Test
    void svgWithoutGraphvizSaysWhatToInstall() {
        Invocation.Result r = admin.env(Map.of(Connection.ENV_URL, server.url().toString(), Connection.ENV_TOKEN, ADMIN,
                "PATH", tmp.toString())).run("network", "peering", "graph", "-o", "svg");
        assertThat(r.exit()).isEqualTo(ExitCode.USAGE.code());
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("Error: -o svg needs Graphviz's `dot`, which is not on PATH: install Graphviz")
                .contains("-o dot or -o mermaid");
    }

    @Test
    void aTenantSeesOnlyWhatItMaySee() {
        Invocation.Result r = tenant2.run("network", "peering", "graph");
        assertThat(r.exit()).as("%s", r).isZero();
        assertThat(r.out()).contains("p2-secret-net").doesNotContain("net-a", "net-b", "a-to-b", "a-to-internet");
        Invocation.Result mine = admin.run("network", "peering", "graph");
        assertThat(mine.out()).contains("p2-secret-net");
    }

    @Test
    void graphFormatsAndPrinterFormatsDoNotMix() {
        Invocation.Result table = admin.run("network", "peering", "graph", "-o", "table");
        assertThat(table.exit()).isEqualTo(ExitCode.USAGE.code());
        assertThat(table.err()).isEqualTo("Error: output format \"table\" prints records: `metalctl network peering graph` draws "
                + "dot, svg or mermaid\n");
        Invocation.Result list = admin.run("network", "list", "-o", "dot");
        assertThat(list.exit()).isEqualTo(ExitCode.USAGE.code());
        assertThat(list.err()).isEqualTo("Error: output format \"dot\" draws the peering graph: only `metalctl network peering graph` "
                + "takes dot, svg or mermaid; use table, wide, yaml, json or markdown\n");
        assertThat(list.out()).isEmpty();
    }

    private static V1Network allocate(MetalApiClient api, String name, String project, boolean shared) {
        return api.allocateNetwork(new V1NetworkAllocateRequest(name, null, "fra", project, shared, null, null, null));
    }

    private static void peer(MetalApiClient api, String name, String n1, String n2) {
        api.peerings().create(new V1Peering(null, name, null, null, null, n1, n2, "local", null, null, null, null, null, null));
    }

    private static Map<String, String> with(Map<String, String> env, String key, String value) {
        Map<String, String> out = new java.util.HashMap<>(env);
        out.put(key, value);
        return Map.copyOf(out);
    }
}
