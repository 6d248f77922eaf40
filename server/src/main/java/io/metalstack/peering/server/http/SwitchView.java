package io.metalstack.peering.server.http;

import io.metalstack.peering.api.V1Condition;
import io.metalstack.peering.api.V1Switch;
import io.metalstack.peering.api.V1SwitchSync;
import io.metalstack.peering.model.Attachments;
import io.metalstack.peering.model.Network;
import io.metalstack.peering.model.PortName;
import io.metalstack.peering.model.Switch;
import io.metalstack.peering.model.SwitchId;
import io.metalstack.peering.model.Vni;
import io.metalstack.peering.model.plan.SwitchIntent;
import io.metalstack.peering.model.status.SwitchStatus;
import io.metalstack.peering.server.fabric.FabricState;
import io.metalstack.peering.server.fabric.Fabric;
import io.metalstack.peering.server.store.Stores;
import io.metalstack.peering.model.status.SwitchReport;
import io.metalstack.peering.server.wire.StatusWire;
import io.metalstack.peering.server.wire.Wire;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** A switch as the API shows it: its ports' VRFs, its intent revision, its agent's last report and its conditions. */
public final class SwitchView {

    private final Fabric fabric;

    SwitchView(Fabric fabric) {
        this.fabric = requireNonNull(fabric, "fabric is null");
    }

    /** {@code sw} as {@code s} holds it, with the status the reports and the current plan give it. */
    V1Switch of(Stores s, Switch sw, Map<SwitchId, SwitchReport> reports) {
        return of(s, sw, Attachments.of(s.machines().list()), reports);
    }

    /** The same, for many switches: {@code cables} indexes {@code s}'s machines once for all of them. */
    V1Switch of(Stores s, Switch sw, Attachments cables, Map<SwitchId, SwitchReport> reports) {
        return withStatus(wire(s, sw, cables), reports);
    }

    /** The wire form of one switch, reading which machines are on it from {@code s}. */
    static V1Switch wire(Stores s, Switch sw) {
        return wire(s, sw, Attachments.of(s.machines().list()));
    }

    /** The wire form, with the VRF each port carries: the primary network of the machine allocated behind it. */
    private static V1Switch wire(Stores s, Switch sw, Attachments cables) {
        Map<PortName, Vni> vrfs = new HashMap<>();
        for (Attachments.Attachment a : cables.on(sw.id())) {
            a.machine().portNetwork().flatMap(id -> s.networks().get(id)).flatMap(Network::vrf).ifPresent(vrf -> vrfs.put(a.port(), vrf));
        }
        return Wire.switchOf(sw, vrfs);
    }

    /** The switch with what the server knows of it: intent revision, last report, conditions (error, leak, plan). */
    private V1Switch withStatus(V1Switch w, Map<SwitchId, SwitchReport> reports) {
        SwitchId id = SwitchId.parse(w.id());
        FabricState st = fabric.state();
        Optional<SwitchReport> report = Optional.ofNullable(reports.get(id));
        Optional<SwitchIntent> intent = st.plan().intent(id);
        List<SwitchStatus.VrfCheck> checks = intent.isPresent() && report.isPresent()
                ? SwitchStatus.check(intent.get(), report.get(), st::network) : List.of();
        List<V1Condition> conditions = new ArrayList<>(StatusWire.conditions(SwitchStatus.conditions(id, report, checks)));
        st.error().ifPresent(e -> conditions.add(new V1Condition("plan", "planning the fabric failed; this switch keeps its last intent: " + e)));
        Optional.ofNullable(st.plan().failures().get(id)).ifPresent(e -> conditions.add(new V1Condition("plan",
                "planning this switch failed; it keeps its last intent until a change plans it again: " + e.getMessage())));
        return new V1Switch(w.id(), w.partitionid(), w.rack(), w.zone(), w.role(), w.os(), w.asn(), w.routerid(), w.ports(), w.created(),
                w.changed(), intent.isPresent() ? st.revision(id) : null,
                report.map(r -> new V1SwitchSync(r.time(), r.durationMs(), r.revision(), r.error().orElse(null))).orElse(null),
                conditions.isEmpty() ? null : conditions);
    }
}
