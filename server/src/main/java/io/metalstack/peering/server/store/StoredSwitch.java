package io.metalstack.peering.server.store;

import io.metalstack.peering.model.Asn;
import io.metalstack.peering.model.Ipv4Address;
import io.metalstack.peering.model.PartitionId;
import io.metalstack.peering.model.PortName;
import io.metalstack.peering.model.Switch;
import io.metalstack.peering.model.SwitchId;
import io.metalstack.peering.model.SwitchOs;
import io.metalstack.peering.model.SwitchPort;
import io.metalstack.peering.model.SwitchRole;

import java.time.Instant;
import java.util.List;

/** The document of a stored {@link Switch}. */
record StoredSwitch(int schema, String id, String partition, String rack, String zone, String role, String os, long asn,
                    String routerId, List<Port> ports, Instant created, Instant changed) implements StoredForm.Document {

    static final StoredForm<Switch, StoredSwitch> FORM =
            new StoredForm<>("switch", StoredSwitch.class, 1, StoredSwitch::of, StoredSwitch::switchOf);

    record Port(String name, boolean uplink) {}

    static StoredSwitch of(Switch s) {
        return new StoredSwitch(FORM.schema(), s.id().value(), s.partition().value(), s.rack(), s.zone(), s.role().wire(), s.os().wire(),
                s.asn().value(), s.routerId().value(), s.ports().stream().map(p -> new Port(p.name().value(), p.uplink())).toList(),
                s.created(), s.changed());
    }

    Switch switchOf() {
        return new Switch(SwitchId.parse(id), PartitionId.parse(partition), rack, zone, SwitchRole.parse(role), SwitchOs.parse(os),
                Asn.of(asn), Ipv4Address.parse(routerId),
                (ports == null ? List.<Port>of() : ports).stream().map(p -> new SwitchPort(PortName.parse(p.name()), p.uplink())).toList(),
                created, changed);
    }
}
