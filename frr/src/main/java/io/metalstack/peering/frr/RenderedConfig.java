package io.metalstack.peering.frr;

import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/**
 * The files rendered for one switch, by file name in sorted order ({@code frr.conf} plus {@code config_db.json}
 * on SONiC or {@code interfaces} on Cumulus), and the non-fatal problems found while rendering.
 */
public record RenderedConfig(SortedMap<String, String> files, List<Warning> warnings) {
    public RenderedConfig {
        requireNonNull(files, "files is null");
        files = Collections.unmodifiableSortedMap(new TreeMap<>(files));
        warnings = List.copyOf(warnings);
    }

    /** The content of one file; throws when this dialect does not render it. */
    public String file(String name) {
        String content = files.get(name);
        if (content == null) {
            throw new IllegalArgumentException("no rendered file " + name + ": have " + files.keySet());
        }
        return content;
    }

    public String frrConf() {
        return file(FrrRenderer.FRR_CONF);
    }
}
