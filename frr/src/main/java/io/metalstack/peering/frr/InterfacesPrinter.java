package io.metalstack.peering.frr;

import java.util.stream.Collectors;

/** An {@link Interfaces} as metal-core's {@code /etc/network/interfaces}: header, sources, stanzas a blank line apart. */
final class InterfacesPrinter {

    String print(Interfaces interfaces) {
        StringBuilder b = new StringBuilder(Interfaces.COMMENT).append(interfaces.header()).append("\n\n");
        interfaces.sources().forEach(s -> b.append(s).append('\n'));
        if (!interfaces.sources().isEmpty()) {
            b.append('\n');
        }
        return b.append(interfaces.stanzas().stream().map(InterfacesPrinter::print).collect(Collectors.joining("\n"))).toString();
    }

    private static String print(Interfaces.Stanza s) {
        StringBuilder b = new StringBuilder("auto " + s.name() + "\niface " + s.iface() + "\n");
        s.lines().forEach(a -> b.append(Interfaces.INDENT).append(a).append('\n'));
        return b.toString();
    }
}
