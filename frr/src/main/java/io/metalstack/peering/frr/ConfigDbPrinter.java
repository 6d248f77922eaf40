package io.metalstack.peering.frr;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;

import java.io.UncheckedIOException;

/** A {@link ConfigDb} as {@code config_db.json}: what sonic-cfggen writes, every key sorted. */
final class ConfigDbPrinter {
    /** Two-space indent, {@code "key": value}, {@code \n} line ends on every platform: what sonic-cfggen writes. */
    private static final ObjectWriter WRITER = new ObjectMapper().writer(
            new DefaultPrettyPrinter(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
                    .withObjectIndenter(new DefaultIndenter("  ", "\n")));

    String print(ConfigDb db) {
        try {
            return WRITER.writeValueAsString(db.tables()) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
