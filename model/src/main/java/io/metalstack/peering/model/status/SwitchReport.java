package io.metalstack.peering.model.status;

import io.metalstack.peering.model.IpPrefix;
import io.metalstack.peering.model.PeeringId;
import io.metalstack.peering.model.Vni;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

import static java.util.Objects.requireNonNull;

/**
 * A switch agent's last report ({@code POST /v1/switch/{id}/notify}): the intent revision it applied (or tried to),
 * how long it took, its error (empty: success), the valid prefixes it observed per VRF (empty when the agent reads
 * no BGP table, e.g. in directory mode: then nothing is compared), its external sessions and the non-fatal problems
 * its renderer found in the intent ({@code warnings}, sorted; at most {@link #WARNINGS_MAX}, each within
 * {@link Warning#SUBJECT_MAX} and {@link Warning#MESSAGE_MAX} characters: the server refuses more).
 */
public record SwitchReport(Instant time, long revision, long durationMs, Optional<String> error,
                    Optional<SortedMap<Vni, SortedSet<IpPrefix>>> observed, List<Session> sessions, List<Warning> warnings) {

    /** How many warnings a report may hold. */
    public static final int WARNINGS_MAX = 100;

    public SwitchReport {
        requireNonNull(time, "time is null");
        requireNonNull(error, "error is null");
        error = error.filter(e -> !e.isBlank());
        observed = observed.map(o -> {
            TreeMap<Vni, SortedSet<IpPrefix>> copy = new TreeMap<>();
            o.forEach((k, v) -> copy.put(k, new TreeSet<>(v)));
            return copy;
        });
        sessions = List.copyOf(sessions);
        warnings = warnings.stream().sorted().toList();
    }

    /** A report without render warnings. */
    public SwitchReport(Instant time, long revision, long durationMs, Optional<String> error,
                        Optional<SortedMap<Vni, SortedSet<IpPrefix>>> observed, List<Session> sessions) {
        this(time, revision, durationMs, error, observed, sessions, List.of());
    }

    public boolean failed() {
        return error.isPresent();
    }

    /** An external BGP session as the agent saw it. */
    public record Session(PeeringId peering, String state, long prefixesReceived) {
        public Session {
            requireNonNull(peering, "peering is null");
            state = state == null ? "" : state;
        }
    }
}
