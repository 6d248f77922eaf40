package io.metalstack.peering.server.store;

import io.metalstack.peering.model.IpPrefix;
import io.metalstack.peering.model.PeeringId;
import io.metalstack.peering.model.Vni;
import io.metalstack.peering.model.status.SwitchReport;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/** The JSON document of a stored {@link SwitchReport}. */
record StoredSwitchReport(Instant time, long revision, long durationms, String error, Map<String, List<String>> vrfs,
                          List<StoredSession> sessions) {

    static StoredSwitchReport of(SwitchReport r) {
        Map<String, List<String>> vrfs = r.observed().isEmpty() ? null : new TreeMap<>();
        r.observed().ifPresent(o -> o.forEach((vni, prefixes) -> vrfs.put(vni.toString(), prefixes.stream().map(IpPrefix::toString).toList())));
        return new StoredSwitchReport(r.time(), r.revision(), r.durationMs(), r.error().orElse(null), vrfs,
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
                        .map(s -> new SwitchReport.Session(PeeringId.parse(s.peeringid()), s.state(), s.prefixesreceived())).toList());
    }

    record StoredSession(String peeringid, String state, long prefixesreceived) {}
}
