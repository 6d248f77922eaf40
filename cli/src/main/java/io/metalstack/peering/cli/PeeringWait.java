package io.metalstack.peering.cli;

import io.metalstack.peering.api.MetalApiClient;
import io.metalstack.peering.api.V1Condition;
import io.metalstack.peering.api.V1Peering;
import io.metalstack.peering.api.V1PeeringStatus;
import io.metalstack.peering.api.V1PeeringSwitchStatus;
import io.metalstack.peering.api.V1Switch;
import io.metalstack.peering.api.V1SwitchSync;
import io.metalstack.peering.cli.Waiter.Progress;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What {@code --wait} waits for. Create: the peering's phase is {@code active} (every affected switch applied it and
 * sees exactly the expected routes). Delete: every switch that carried the peering has applied an intent revision at
 * least the one its intent got by the delete.
 */
final class PeeringWait {
    static final String ACTIVE = "active";
    static final String FAILED = "failed";
    static final String DEGRADED = "degraded";

    private PeeringWait() {}

    /** How a message names a peering: its name, else its id. */
    static String label(V1Peering p) {
        return p.name() == null || p.name().isBlank() ? p.id() : p.name();
    }

    /** A created (or changed) peering, as the server reports it now. */
    static Progress created(V1Peering p) {
        String who = "peering " + label(p);
        V1PeeringStatus status = p.status();
        if (status == null || status.phase() == null) {
            return new Progress.Waiting("waiting for " + who + ": no status yet");
        }
        List<V1PeeringSwitchStatus> switches = status.switches() == null ? List.of() : status.switches();
        if (status.phase().equals(ACTIVE)) {
            return new Progress.Done();
        }
        if (status.phase().equals(FAILED) || status.phase().equals(DEGRADED)) {
            return new Progress.Failed(who + " (" + p.id() + ") is " + status.phase() + ": " + problems(status, switches));
        }
        if (switches.isEmpty()) {
            return new Progress.Waiting("waiting for " + who + ": " + status.phase()
                    + (status.message() == null || status.message().isBlank() ? "" : " (" + status.message() + ")"));
        }
        long synced = switches.stream().filter(s -> ACTIVE.equals(s.phase())).count();
        return new Progress.Waiting("waiting for " + who + ": " + synced + "/" + switches.size() + " switches synced");
    }

    /** Why a peering is not active: per switch that is not, its error or its wrong routes; then the conditions. */
    private static String problems(V1PeeringStatus status, List<V1PeeringSwitchStatus> switches) {
        List<String> parts = new ArrayList<>();
        switches.stream().filter(s -> !ACTIVE.equals(s.phase()))
                .sorted(java.util.Comparator.comparing(s -> Objects.toString(s.switchid(), "")))
                .forEach(s -> {
                    List<String> what = new ArrayList<>();
                    if (s.error() != null && !s.error().isBlank()) {
                        what.add("error: " + s.error());
                    }
                    if (s.missing() != null && !s.missing().isEmpty()) {
                        what.add("missing " + String.join(", ", s.missing()));
                    }
                    if (s.unexpected() != null && !s.unexpected().isEmpty()) {
                        what.add("unexpected " + String.join(", ", s.unexpected()));
                    }
                    parts.add("switch " + s.switchid() + " " + Objects.toString(s.phase(), "unknown")
                            + (what.isEmpty() ? "" : " (" + String.join("; ", what) + ")"));
                });
        boolean errorsShown = switches.stream().anyMatch(s -> s.error() != null && !s.error().isBlank());
        if (status.conditions() != null) {
            for (V1Condition c : status.conditions()) {
                if (errorsShown && "error".equals(c.type())) {
                    continue; // the switch's error, said above
                }
                parts.add("condition " + c.type() + (c.message() == null || c.message().isBlank() ? "" : ": " + c.message()));
            }
        }
        if (parts.isEmpty() && status.message() != null && !status.message().isBlank()) {
            parts.add(status.message());
        }
        return parts.isEmpty() ? "no details from the server" : String.join("; ", parts);
    }

    /** Create: all {@code peerings} active, re-read from the server at each poll. */
    static Progress created(MetalApiClient client, List<V1Peering> peerings) {
        return Progress.all(peerings.stream().map(p -> created(client.peerings().get(p.id()))).toList());
    }

    /** The switches that carry {@code peerings}, as their status lists them (read before the delete). */
    static SortedSet<String> carriers(List<V1Peering> peerings) {
        SortedSet<String> ids = new TreeSet<>();
        for (V1Peering p : peerings) {
            if (p.status() != null && p.status().switches() != null) {
                p.status().switches().forEach(s -> ids.add(s.switchid()));
            }
        }
        return ids;
    }

    /**
     * Delete: every switch in {@code targets} (switch id to the intent revision it must reach) reports an applied
     * revision at least its target; {@code what} names the deleted peerings. A switch that is gone counts as done.
     */
    static Progress deleted(Map<String, Long> targets, List<V1Switch> switches, String what) {
        return applied(targets, switches, "the delete of " + what);
    }

    /** Disable: as {@link #deleted}, the switches that carried the peering apply the revision that withdraws it. */
    static Progress withdrawn(Map<String, Long> targets, List<V1Switch> switches, String what) {
        return applied(targets, switches, "the disable of " + what);
    }

    private static Progress applied(Map<String, Long> targets, List<V1Switch> switches, String change) {
        Map<String, V1Switch> byId = switches.stream().collect(Collectors.toMap(V1Switch::id, Function.identity(), (a, b) -> a));
        int synced = 0;
        for (Map.Entry<String, Long> t : new TreeMap<>(targets).entrySet()) {
            V1Switch s = byId.get(t.getKey());
            V1SwitchSync sync = s == null ? null : s.lastsync();
            if (s == null) {
                synced++;
            } else if (sync != null && sync.revision() != null && sync.revision() >= t.getValue()) {
                if (sync.error() != null && !sync.error().isBlank()) {
                    return new Progress.Failed("switch " + s.id() + " failed to apply revision " + sync.revision()
                            + " (" + change + "): " + sync.error());
                }
                synced++;
            }
        }
        if (synced == targets.size()) {
            return new Progress.Done();
        }
        return new Progress.Waiting("waiting for " + change + ": " + synced + "/" + targets.size() + " switches synced");
    }

    /** {@code peering a}, {@code peerings a, b}. */
    static String names(List<V1Peering> peerings) {
        return (peerings.size() == 1 ? "peering " : "peerings ")
                + peerings.stream().map(PeeringWait::label).collect(Collectors.toCollection(TreeSet::new)).stream()
                .collect(Collectors.joining(", "));
    }
}
