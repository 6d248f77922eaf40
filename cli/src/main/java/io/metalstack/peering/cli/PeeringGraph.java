package io.metalstack.peering.cli;

import io.metalstack.peering.api.V1Bgp;
import io.metalstack.peering.api.V1Network;
import io.metalstack.peering.api.V1Peering;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The peering graph of {@code metalctl network peering graph}: networks as nodes grouped by project (shared and
 * external networks marked by their shape and label), peerings as edges colored by phase, an external peering's BGP
 * neighbour as a node of its own. Every edge is one direct peering, so a path of two edges is visibly not a route: no
 * peering is transitive. Pure text (DOT or Mermaid) from the API's records, sorted, so the same state draws the same
 * picture.
 */
final class PeeringGraph {
    /** The line color of a peering per phase; any other phase is drawn gray. */
    static final Map<String, String> PHASE_COLORS = Map.of(
            "active", "#2e7d32", "pending", "#f9a825", "degraded", "#ef6c00", "failed", "#c62828");
    static final String OTHER_PHASE_COLOR = "#757575";

    private static final Comparator<V1Network> NETWORKS = Comparator.comparing((V1Network n) -> Objects.toString(n.name(), ""))
            .thenComparing(V1Network::id);

    /** A node: a network, or an external peering's BGP neighbour. */
    private record Node(String key, String label, Kind kind) {}

    private enum Kind { PRIVATE, SHARED, EXTERNAL, NEIGHBOUR }

    /** An edge: one peering. */
    private record Edge(String from, String to, String label, String color, boolean external) {}

    private final Map<String, List<Node>> groups = new TreeMap<>();
    private final List<Node> ungrouped = new ArrayList<>();
    private final List<Edge> edges = new ArrayList<>();
    private final Map<String, Integer> index = new LinkedHashMap<>();

    private PeeringGraph() {}

    /**
     * The graph of {@code peerings} (of {@code partition} when not null) and the networks they join, with the other
     * peerable networks of that partition (private and shared children, external networks) as unconnected nodes.
     */
    static PeeringGraph of(List<V1Network> networks, List<V1Peering> peerings, String partition) {
        PeeringGraph g = new PeeringGraph();
        List<V1Peering> drawn = peerings.stream().filter(p -> partition == null || partition.equals(p.partitionid()))
                .sorted(PeeringCommand.ORDER).toList();
        Set<String> joined = drawn.stream().flatMap(p -> java.util.stream.Stream.of(p.network1(), p.network2()))
                .filter(Objects::nonNull).collect(Collectors.toSet());
        Map<String, V1Network> byId = networks.stream().collect(Collectors.toMap(V1Network::id, n -> n, (a, b) -> a));
        networks.stream()
                .filter(n -> joined.contains(n.id()) || peerable(n) && (partition == null || n.partitionid() == null
                        || partition.equals(n.partitionid())))
                .sorted(NETWORKS).forEach(g::addNetwork);
        for (V1Peering p : drawn) {
            // a peering whose network this token cannot see: drawn by id, unlabelled
            for (String id : new String[] {p.network1(), p.network2()}) {
                if (id != null && !byId.containsKey(id) && !g.index.containsKey(id)) {
                    g.add(null, new Node(id, id, Kind.PRIVATE));
                }
            }
            String color = PHASE_COLORS.getOrDefault(p.status() == null ? "" : Objects.toString(p.status().phase(), ""), OTHER_PHASE_COLOR);
            String label = p.name() + (p.status() == null || p.status().phase() == null ? "" : " (" + p.status().phase() + ")");
            String to = p.network2();
            if (to == null) {
                // the MEP's one-network external peering: a BGP session of network1 itself, to a neighbour
                to = "bgp:" + p.id();
                g.add(null, new Node(to, neighbour(p.bgp()), Kind.NEIGHBOUR));
            }
            g.edges.add(new Edge(p.network1(), to, label, color, "external".equals(p.peeringtype())));
        }
        return g;
    }

    private static boolean peerable(V1Network n) {
        return switch (Objects.toString(n.networktype(), "")) {
            case "child", "child-shared", "external" -> true;
            default -> false;
        };
    }

    private static String neighbour(V1Bgp bgp) {
        if (bgp == null || bgp.remote() == null) {
            return "BGP neighbour";
        }
        return "AS" + bgp.remote().as() + (bgp.remote().cidr() == null ? "" : "\n" + bgp.remote().cidr());
    }

    private void addNetwork(V1Network n) {
        Kind kind = "external".equals(n.networktype()) ? Kind.EXTERNAL
                : Boolean.TRUE.equals(n.shared()) || "child-shared".equals(n.networktype()) ? Kind.SHARED : Kind.PRIVATE;
        String name = n.name() == null || n.name().isEmpty() ? n.id() : n.name();
        String label = name + switch (kind) {
            case SHARED -> " (shared)";
            case EXTERNAL -> " (external)";
            default -> "";
        };
        add(kind == Kind.EXTERNAL ? null : n.projectid(), new Node(n.id(), label, kind));
    }

    private void add(String project, Node node) {
        index.put(node.key(), index.size());
        if (project == null) {
            ungrouped.add(node);
        } else {
            groups.computeIfAbsent(project, k -> new ArrayList<>()).add(node);
        }
    }

    /** Graphviz DOT: projects as clusters; private networks boxes, shared dashed boxes, external hexagons. */
    String dot() {
        StringBuilder b = new StringBuilder();
        b.append("graph peerings {\n");
        b.append("  // one edge per peering, colored by phase; peerings are not transitive\n");
        b.append("  graph [rankdir=LR, fontname=\"Helvetica\"];\n");
        b.append("  node [fontname=\"Helvetica\", shape=box, style=rounded];\n");
        b.append("  edge [fontname=\"Helvetica\", fontsize=10, penwidth=2];\n");
        int cluster = 0;
        for (Map.Entry<String, List<Node>> g : groups.entrySet()) {
            b.append("  subgraph cluster_").append(cluster++).append(" {\n");
            b.append("    label=").append(dotString("project " + g.getKey())).append(";\n");
            b.append("    style=dashed; color=\"#9e9e9e\";\n");
            g.getValue().forEach(n -> b.append("    ").append(dotNode(n)).append('\n'));
            b.append("  }\n");
        }
        ungrouped.forEach(n -> b.append("  ").append(dotNode(n)).append('\n'));
        for (Edge e : edges) {
            b.append("  ").append(dotString(e.from())).append(" -- ").append(dotString(e.to()))
                    .append(" [label=").append(dotString(e.label())).append(", color=\"").append(e.color())
                    .append("\", fontcolor=\"").append(e.color()).append('"').append(e.external() ? ", style=dashed" : "").append("];\n");
        }
        b.append("}\n");
        return b.toString();
    }

    private static String dotNode(Node n) {
        String attrs = switch (n.kind()) {
            case PRIVATE -> "";
            case SHARED -> ", style=\"rounded,dashed\"";
            case EXTERNAL -> ", shape=hexagon, style=\"\"";
            case NEIGHBOUR -> ", shape=plaintext, style=\"\"";
        };
        return dotString(n.key()) + " [label=" + dotString(n.label()) + attrs + "];";
    }

    /** A DOT quoted string: user text (names, labels) cannot end the string or start an attribute. */
    static String dotString(String text) {
        return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\r", "") + '"';
    }

    /**
     * A Mermaid flowchart: projects as subgraphs; private networks rounded, shared stadiums, external hexagons; edges
     * colored with {@code linkStyle} by their index.
     */
    String mermaid() {
        StringBuilder b = new StringBuilder();
        b.append("flowchart LR\n");
        b.append("  %% one edge per peering, colored by phase; peerings are not transitive\n");
        int cluster = 0;
        for (Map.Entry<String, List<Node>> g : groups.entrySet()) {
            b.append("  subgraph project").append(cluster++).append('[').append(mermaidString("project " + g.getKey())).append("]\n");
            g.getValue().forEach(n -> b.append("    ").append(mermaidNode(n)).append('\n'));
            b.append("  end\n");
        }
        ungrouped.forEach(n -> b.append("  ").append(mermaidNode(n)).append('\n'));
        for (Edge e : edges) {
            b.append("  ").append(mermaidId(e.from())).append(e.external() ? " -.-|" : " ---|").append(mermaidString(e.label()))
                    .append("| ").append(mermaidId(e.to())).append('\n');
        }
        for (int i = 0; i < edges.size(); i++) {
            b.append("  linkStyle ").append(i).append(" stroke:").append(edges.get(i).color()).append(",stroke-width:2px\n");
        }
        return b.toString();
    }

    private String mermaidNode(Node n) {
        String label = mermaidString(n.label());
        return mermaidId(n.key()) + switch (n.kind()) {
            case PRIVATE -> "(" + label + ")";
            case SHARED -> "([" + label + "])";
            case EXTERNAL -> "{{" + label + "}}";
            case NEIGHBOUR -> "[" + label + "]";
        };
    }

    /** Mermaid ids are generated ({@code n0}, {@code n1}, ...): network ids may hold characters Mermaid reads as syntax. */
    private String mermaidId(String key) {
        return "n" + index.get(key);
    }

    /**
     * A Mermaid quoted label: quotes and angle brackets as entities (Mermaid renders labels as HTML), line breaks as
     * {@code <br>}.
     */
    static String mermaidString(String text) {
        return '"' + text.replace("\"", "#quot;").replace("<", "#lt;").replace(">", "#gt;").replace("\r", "")
                .replace("\n", "<br>") + '"';
    }
}
