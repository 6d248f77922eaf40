package io.metalstack.peering.cli;

import java.util.Locale;

/** {@code -o/--output-format}: metalctl's printers. */
enum OutputFormat {
    TABLE, WIDE, YAML, JSON, MARKDOWN;

    static OutputFormat parse(String text) {
        for (OutputFormat f : values()) {
            if (f.name().equalsIgnoreCase(text.trim())) {
                return f;
            }
        }
        throw CliException.usage("output format \"%s\" is unknown: use table, wide, yaml, json or markdown", text);
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
