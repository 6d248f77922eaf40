package io.metalstack.peering.cli;

import java.util.Locale;

/**
 * {@code -o/--output-format}: metalctl's printers ({@code table} … {@code markdown}), and the drawings of
 * {@code network peering graph} ({@code dot}, {@code svg}, {@code mermaid}), which only that command takes.
 */
enum OutputFormat {
    TABLE, WIDE, YAML, JSON, MARKDOWN, DOT(true), SVG(true), MERMAID(true);

    static final String PRINTERS = "table, wide, yaml, json or markdown";
    static final String GRAPHS = "dot, svg or mermaid";

    private final boolean graph;

    OutputFormat() {
        this(false);
    }

    OutputFormat(boolean graph) {
        this.graph = graph;
    }

    /** A drawing of the peering graph, not a printer of records. */
    boolean graph() {
        return graph;
    }

    static OutputFormat parse(String text) {
        for (OutputFormat f : values()) {
            if (f.name().equalsIgnoreCase(text.trim())) {
                return f;
            }
        }
        throw CliException.usage("output format \"%s\" is unknown: use %s (network peering graph: %s)", text, PRINTERS, GRAPHS);
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
