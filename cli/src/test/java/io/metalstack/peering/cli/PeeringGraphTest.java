package io.metalstack.peering.cli;

import io.metalstack.peering.api.V1Bgp;
import io.metalstack.peering.api.V1Network;
import io.metalstack.peering.api.V1Peering;
import io.metalstack.peering.api.V1PeeringStatus;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PeeringGraphTest {
    private static final List<V1Network> NETWORKS = List.of(
            network("super-fra", "super-fra", "fra", null, "super", false),
            network("n-p1", "privnet1", "fra", "tenant-a", "child", false),
            network("n-p2", "privnet2", "fra", "tenant-a", "child", false),
            network("n-lonely", "lonely", "fra", "tenant-a", "child", false),
            network("n-st", "storage", "fra", "storage-team", "child-shared", true),
            network("internet", "internet", null, null, "external", false),
            network("n-far", "far", "ber", "tenant-a", "child", false));

    private static final List<V1Peering> PEERINGS = List.of(
            peering("p-12", "privnet1-to-privnet2", "fra", "n-p1", "n-p2", "local", null, "active"),
            peering("p-1s", "privnet1-to-storage", "fra", "n-p1", "n-st", "local", null, "pending"),
            peering("p-2i", "privnet2-to-internet", "fra", "n-p2", "internet", "local", null, "degraded"),
            peering("p-isp", "internet-to-as65001", "fra", "internet", null, "external",
                    new V1Bgp(new V1Bgp.Local(65000L, "172.16.0.1/30", "Ethernet0@exit01"), new V1Bgp.Remote(65001L, "172.16.0.2/30")),
                    "failed"),
            peering("p-far", "far-to-internet", "ber", "n-far", "internet", "local", null, "active"));

    @Test
    void dotGroupsNetworksByProjectAndColorsPeeringsByPhase() {
        String dot = PeeringGraph.of(NETWORKS, PEERINGS, "fra").dot();
        Golden.check("peering-graph.dot.txt", dot);
        assertThat(dot).contains("\"n-p1\" -- \"n-p2\" [label=\"privnet1-to-privnet2 (active)\", color=\"#2e7d32\"")
                .contains("\"n-p2\" -- \"internet\" [label=\"privnet2-to-internet (degraded)\", color=\"#ef6c00\"")
                .contains("\"internet\" [label=\"internet (external)\", shape=hexagon")
                .contains("\"n-st\" [label=\"storage (shared)\", style=\"rounded,dashed\"]")
                .contains("label=\"project storage-team\"")
                // the one-network external peering: its BGP neighbour is a node of its own
                .contains("\"bgp:p-isp\" [label=\"AS65001\\n172.16.0.2/30\", shape=plaintext")
                .contains("\"internet\" -- \"bgp:p-isp\" [label=\"internet-to-as65001 (failed)\", color=\"#c62828\"")
                // an unpeered network of the partition is drawn, the super network and other partitions are not
                .contains("\"n-lonely\"").doesNotContain("super-fra", "n-far", "far-to-internet");
    }

    @Test
    void mermaidDrawsTheSameGraph() {
        String mermaid = PeeringGraph.of(NETWORKS, PEERINGS, "fra").mermaid();
        Golden.check("peering-graph.mermaid.txt", mermaid);
        assertThat(mermaid).startsWith("flowchart LR\n").contains("subgraph project0[\"project storage-team\"]")
                .contains("{{\"internet (external)\"}}").contains("([\"storage (shared)\"])")
                .contains("linkStyle 0 stroke:#c62828").contains("linkStyle 1 stroke:#2e7d32").doesNotContain("far-to-internet");
    }

    @Test
    void withoutAPartitionEveryPeeringIsDrawn() {
        assertThat(PeeringGraph.of(NETWORKS, PEERINGS, null).dot()).contains("far-to-internet (active)").contains("\"n-far\"")
                .doesNotContain("super-fra");
    }

    @Test
    void namesCannotBreakOutOfTheirLabels() {
        List<V1Network> nets = List.of(network("a", "evil\" ]; x [label=\"", "fra", "p", "child", false),
                network("b", "<img src=x onerror=alert(1)>", "fra", "p", "child", false));
        PeeringGraph g = PeeringGraph.of(nets, List.of(peering("p", "a\"b\nc", "fra", "a", "b", "local", null, "active")), "fra");
        assertThat(g.dot()).contains("[label=\"evil\\\" ]; x [label=\\\"\"]").contains("label=\"a\\\"b\\nc (active)\"");
        assertThat(g.mermaid()).contains("(\"evil#quot; ]; x [label=#quot;\")").contains("#lt;img src=x onerror=alert(1)#gt;")
                .contains("|\"a#quot;b<br>c (active)\"|").doesNotContain("<img");
    }

    @Test
    void aPeeringOfANetworkTheCallerCannotSeeIsDrawnByIdAndAnUnknownPhaseGray() {
        PeeringGraph g = PeeringGraph.of(List.of(network("a", "mine", "fra", "p", "child", false)),
                List.of(peering("p", "to-hidden", "fra", "a", "hidden-id", "local", null, "awaiting-approval")), "fra");
        assertThat(g.dot()).contains("\"hidden-id\" [label=\"hidden-id\"];").contains("color=\"" + PeeringGraph.OTHER_PHASE_COLOR + "\"");
    }

    private static V1Network network(String id, String name, String partition, String project, String type, boolean shared) {
        return new V1Network(id, name, null, partition, project, null, type, List.of("10.0.0.0/24"), null, null, null, null, shared,
                Map.of(), null, null);
    }

    private static V1Peering peering(String id, String name, String partition, String n1, String n2, String type, V1Bgp bgp, String phase) {
        return new V1Peering(id, name, null, "tenant-a", partition, n1, n2, type, bgp, Map.of(), "manual",
                new V1PeeringStatus(phase, List.of("IPv4"), Map.of(), null), null, null);
    }
}
