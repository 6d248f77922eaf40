package io.metalstack.peering.model;

import static java.util.Objects.requireNonNull;

/** A machine NIC's cable to a switch port. */
public record MachineConnection(SwitchId switchId, PortName port) {
    public MachineConnection {
        requireNonNull(switchId, "switchId is null");
        requireNonNull(port, "port is null");
    }
}
