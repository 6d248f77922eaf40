package io.metalstack.peering.frr.lab;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * The semantic gate: loads a config into throwaway daemons with {@code vtysh -f} and reports every line FRR printed,
 * except the benign forward-reference warning {@code The route-map 'X' does not exist.} (FRR's own
 * running-config order references route-maps before defining them). Any reported line means FRR rejected part of the
 * config, e.g. {@code % Cannot import vrf vrf10 into itself} or {@code % Configuration failed.}: the exit code of
 * {@code vtysh -f} is 0 for both, so the output is the only signal.
 *
 * <p>Each config gets fresh daemons in a fresh namespace of the given lab (about 0.3 s), so no state carries over.
 */
public final class StrictLoad {
    private static final Pattern BENIGN = Pattern.compile("^The route-map '[^']+' does not exist\\.$");

    private final FrrLab lab;
    private final AtomicInteger counter = new AtomicInteger();

    public StrictLoad(FrrLab lab) {
        this.lab = requireNonNull(lab, "lab is null");
    }

    /** Every non-benign, non-blank line FRR printed while loading {@code config}; empty means accepted. */
    public List<String> problems(Path config) {
        String id = "strict" + counter.incrementAndGet();
        lab.addNamespace(id);
        FrrInstance instance = lab.startFrr(id, id, false);
        try {
            return problems(instance.load(config));
        } finally {
            instance.stop();
            lab.deleteNamespace(id);
        }
    }

    /** The lines of {@code vtysh -f} output that are not benign: use on the output of {@link FrrInstance#load}. */
    public static List<String> problems(List<String> output) {
        return output.stream().filter(l -> !l.isBlank() && !BENIGN.matcher(l.strip()).matches()).toList();
    }
}
