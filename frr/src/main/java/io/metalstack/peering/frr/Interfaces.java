package io.metalstack.peering.frr;

import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Cumulus' {@code /etc/network/interfaces} as the typed model it is printed from ({@link InterfacesPrinter}): the
 * header comment, the {@code source} lines ifupdown2 reads further stanzas from, and the stanzas in their order. Built
 * from a switch's intent and its {@link SwitchLocal} facts by {@link InterfacesBuilder}.
 *
 * @param header the first line's comment, without its {@code # }
 */
public record Interfaces(String header, List<String> sources, List<Stanza> stanzas) {
    static final String COMMENT = "# ";
    static final String INDENT = "    ";

    public Interfaces {
        requireNonNull(header, "header is null");
        sources = List.copyOf(sources);
        stanzas = List.copyOf(stanzas);
    }

    /**
     * One {@code auto name / iface iface} stanza and its indented lines.
     *
     * @param iface the {@code iface} line's rest: the name, and the method where there is one ({@code lo inet loopback})
     */
    public record Stanza(String name, String iface, List<String> lines) {
        public Stanza {
            requireNonNull(name, "name is null");
            requireNonNull(iface, "iface is null");
            lines = List.copyOf(lines);
        }

        Stanza(String name, List<String> lines) {
            this(name, name, lines);
        }
    }

    /**
     * Reads an interfaces file in the layout {@link InterfacesPrinter} writes (the file on a switch, which someone may
     * have edited); throws naming the first line that is not of it.
     */
    public static Interfaces parse(String text) {
        String header = null;
        List<String> sources = new ArrayList<>();
        List<Stanza> stanzas = new ArrayList<>();
        String name = null;
        String iface = null;
        List<String> lines = new ArrayList<>();
        String[] all = text.split("\n", -1);
        for (int i = 0; i < all.length; i++) {
            String line = all[i];
            if (line.isBlank()) {
                continue;
            }
            if (line.startsWith(COMMENT) && header == null && name == null && sources.isEmpty()) {
                header = line.substring(COMMENT.length());
            } else if (line.startsWith("source ") && name == null) {
                sources.add(line);
            } else if (line.startsWith("auto ")) {
                if (name != null) {
                    stanzas.add(stanza(name, iface, lines, i));
                }
                name = line.substring("auto ".length());
                iface = null;
                lines = new ArrayList<>();
            } else if (line.startsWith("iface ") && name != null && iface == null) {
                iface = line.substring("iface ".length());
            } else if (line.startsWith(INDENT) && iface != null) {
                lines.add(line.substring(INDENT.length()));
            } else {
                throw new IllegalArgumentException("line " + (i + 1) + " is not of a rendered interfaces file: '" + line + "'");
            }
        }
        if (name != null) {
            stanzas.add(stanza(name, iface, lines, all.length));
        }
        if (header == null) {
            throw new IllegalArgumentException("has no header comment");
        }
        return new Interfaces(header, sources, stanzas);
    }

    private static Stanza stanza(String name, String iface, List<String> lines, int line) {
        if (iface == null) {
            throw new IllegalArgumentException("auto " + name + " has no iface line before line " + (line + 1));
        }
        return new Stanza(name, iface, lines);
    }
}
