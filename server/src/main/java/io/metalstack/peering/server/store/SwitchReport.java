package io.metalstack.peering.server.store;

import io.metalstack.peering.model.IpPrefix;
import io.metalstack.peering.model.PeeringId;
import io.metalstack.peering.model.Vni;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

import static java.util.Objects.requireNonNull;

/**
 * A switch agent's last report ({@code POST /v1/switch/{id}/notify}): the intent revision it applied (or tried to),
 * how long it took, its error (empty: success), the valid prefixes it observed per VRF (empty when the agent reads
 * no BGP table, e.g. in directory mode: then nothing is compared) and its external sessions.
 */
public record SwitchReport(Instant time, long revision, long durationMs, Optional<String> error,
                    Optional<SortedMap<Vni, SortedSet<IpPrefix>>> observed, List<Session> sessions) {

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

    /** The JSON document of a stored report. */
    record Stored(Instant time, long revision, long durationms, String error, Map<String, List<String>> vrfs,
                  List<StoredSession> sessions) {
        static Stored of(SwitchReport r) {
            Map<String, List<String>> vrfs = r.observed().isEmpty() ? null : new TreeMap<>();
            r.observed().ifPresent(o -> o.forEach((vni, prefixes) -> vrfs.put(vni.toString(), prefixes.stream().map(IpPrefix::toString).toList())));
            return new Stored(r.time(), r.revision(), r.durationMs(), r.error().orElse(null), vrfs,
                    r.sessions().stream().map(s -> new StoredSession(s.peering().value(), s.state(), s.prefixesReceived())).toList());
        }

        SwitchReport report() {
            TreeMap<Vni, SortedSet<IpPrefix>> observed = new TreeMap<>();
            if (vrfs != null) {
                vrfs.forEach((vni, prefixes) -> observed.put(Vni.parse(vni), new TreeSet<>(prefixes.stream().map(IpPrefix::parse).toList())));
            }
            return new SwitchReport(time, revision, durationms, Optional.ofNullable(error),
                    vrfs == null ? Optional.empty() : Optional.of(observed),
                    (sessions == null ? List.<StoredSession>of() : sessions).stream()
                            .map(s -> new Session(PeeringId.parse(s.peeringid()), s.state(), s.prefixesreceived())).toList());
        }
    }

    record StoredSession(String peeringid, String state, long prefixesreceived) {}
}
