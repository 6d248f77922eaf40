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

import static io.metalstack.peering.server.store.StoredForm.parsed;
import static io.metalstack.peering.server.store.StoredForm.texts;

/**
 * The document of a stored {@link SwitchReport}; {@code observed} per VNI, absent when the agent read no VRFs;
 * {@code warnings} absent in a document written before reports carried them (read as none).
 */
record StoredSwitchReport(int schema, Instant time, long revision, long durationMs, String error, Map<String, List<String>> observed,
                          List<Session> sessions, List<Warning> warnings) implements StoredForm.Document {

    static final StoredForm<SwitchReport, StoredSwitchReport> FORM =
            new StoredForm<>("switch report", StoredSwitchReport.class, 1, StoredSwitchReport::of, StoredSwitchReport::report);

    record Session(String peering, String state, long prefixesReceived) {}

    record Warning(String subject, String message) {}

    static StoredSwitchReport of(SwitchReport r) {
        Map<String, List<String>> observed = r.observed().map(o -> {
            Map<String, List<String>> m = new TreeMap<>();
            o.forEach((vni, prefixes) -> m.put(vni.toString(), texts(List.copyOf(prefixes))));
            return m;
        }).orElse(null);
        return new StoredSwitchReport(FORM.schema(), r.time(), r.revision(), r.durationMs(), r.error().orElse(null), observed,
                r.sessions().stream().map(s -> new Session(s.peering().value(), s.state(), s.prefixesReceived())).toList(),
                r.warnings().stream().map(w -> new Warning(w.subject(), w.message())).toList());
    }

    SwitchReport report() {
        return new SwitchReport(time, revision, durationMs, Optional.ofNullable(error), Optional.ofNullable(observed).map(o -> {
            TreeMap<Vni, SortedSet<IpPrefix>> m = new TreeMap<>();
            o.forEach((vni, prefixes) -> m.put(Vni.parse(vni), new TreeSet<>(parsed(prefixes, IpPrefix::parse))));
            return m;
        }), (sessions == null ? List.<Session>of() : sessions).stream()
                .map(s -> new SwitchReport.Session(PeeringId.parse(s.peering()), s.state(), s.prefixesReceived())).toList(),
                (warnings == null ? List.<Warning>of() : warnings).stream().map(w -> new io.metalstack.peering.model.status.Warning(w.subject(), w.message())).toList());
    }
}
