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
 * on SONiC or {@code interfaces} on Cumulus), the non-fatal problems found while rendering, and the typed models the
 * files were printed from: FRR's ({@link FrrDelta} computes the commands between two of them), and the OS side's,
 * {@link ConfigDb} or {@link Interfaces}.
 *
 * @param model      empty for files that were not rendered by {@link FrrRenderer} (a config made by hand)
 * @param configDb   the model of {@code config_db.json}; empty where it was not rendered by {@link FrrRenderer}
 * @param interfaces the model of {@code interfaces}; empty where it was not rendered by {@link FrrRenderer}
 */
public record RenderedConfig(SortedMap<String, String> files, List<Warning> warnings, Optional<FrrConfig> model,
                             Optional<ConfigDb> configDb, Optional<Interfaces> interfaces) {
    public RenderedConfig {
        requireNonNull(files, "files is null");
        requireNonNull(model, "model is null");
        requireNonNull(configDb, "configDb is null");
        requireNonNull(interfaces, "interfaces is null");
        files = Collections.unmodifiableSortedMap(new TreeMap<>(files));
        warnings = List.copyOf(warnings);
        if (configDb.isPresent() && !files.containsKey(FrrRenderer.CONFIG_DB)
                || interfaces.isPresent() && !files.containsKey(FrrRenderer.INTERFACES)) {
            throw new IllegalArgumentException("a typed model of a file that is not rendered: " + files.keySet());
        }
    }

    /** Files without typed models: {@link FrrDelta} has nothing to compute from, an apply takes the full reload. */
    public RenderedConfig(SortedMap<String, String> files, List<Warning> warnings) {
        this(files, warnings, Optional.empty(), Optional.empty(), Optional.empty());
    }

    /**
     * The model of {@code config_db.json}: the rendered one, or the file read ({@link ConfigDb#parse}) where it was made
     * by hand. Throws when this dialect does not render it, or the file is not CONFIG_DB's tables.
     */
    public ConfigDb configDbModel() {
        String json = file(FrrRenderer.CONFIG_DB);
        return configDb.orElseGet(() -> ConfigDb.parse(json));
    }

    /** The model of {@code interfaces}: the rendered one, or the file read ({@link Interfaces#parse}) where it was made by hand. */
    public Interfaces interfacesModel() {
        String text = file(FrrRenderer.INTERFACES);
        return interfaces.orElseGet(() -> Interfaces.parse(text));
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
