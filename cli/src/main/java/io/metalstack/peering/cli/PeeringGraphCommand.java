package io.metalstack.peering.cli;

import io.metalstack.peering.api.MetalApiClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code metalctl network peering graph}: the peering graph as DOT, SVG (through Graphviz) or Mermaid. */
@Command(name = "graph", description = "Draw the peering graph: networks grouped by project, peerings as edges colored by phase "
        + "(-o dot, the default; svg through Graphviz; mermaid).",
        footerHeading = "%nExample:%n", footer = {"  metalctl network peering graph --partition fra-equ01 -o svg > peerings.svg",
        "  metalctl network peering graph -o mermaid"})
final class PeeringGraphCommand extends SessionCommand {
    @Option(names = {"-p", "--partition"}, description = "only the peerings and networks of this partition") String partition;

    PeeringGraphCommand(Session session) {
        super(session);
    }

    @Override
    public void run() {
        OutputFormat format = session.graphFormat();
        MetalApiClient client = session.client();
        PeeringGraph graph = PeeringGraph.of(NetworkCommand.all(client), client.peerings().list(), partition);
        String text = switch (format) {
            case MERMAID -> graph.mermaid();
            case SVG -> Graphviz.svg(graph.dot(), session.env().variables());
            default -> graph.dot();
        };
        session.env().out().print(text);
        session.env().out().flush();
    }
}
