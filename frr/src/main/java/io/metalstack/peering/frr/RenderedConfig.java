package io.metalstack.peering.frr;

import io.metalstack.peering.model.status.Warning;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/**
 * The files rendered for one switch, by file name in sorted order ({@code frr.conf} plus {@code config_db.json}
 * on SONiC or {@code interfaces} on Cumulus), the non-fatal problems found while rendering, and the typed FRR model
 * {@code frr.conf} was printed from ({@link FrrDelta} computes the commands between two of them).
 *
 * @param model empty for files that were not rendered by {@link FrrRenderer} (a config made by hand)
 */
public record RenderedConfig(SortedMap<String, String> files, List<Warning> warnings, Optional<FrrConfig> model) {
    public RenderedConfig {
        requireNonNull(files, "files is null");
        requireNonNull(model, "model is null");
        files = Collections.unmodifiableSortedMap(new TreeMap<>(files));
        warnings = List.copyOf(warnings);
    }

    /** Files without a typed model: {@link FrrDelta} has nothing to compute from, an apply takes the full reload. */
    public RenderedConfig(SortedMap<String, String> files, List<Warning> warnings) {
        this(files, warnings, Optional.empty());
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
