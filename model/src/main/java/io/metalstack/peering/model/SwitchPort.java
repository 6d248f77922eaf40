package io.metalstack.peering.model;

import static java.util.Objects.requireNonNull;

/** A front-panel port; {@code uplink} ports face the spines (the FABRIC peer-group). */
public record SwitchPort(PortName name, boolean uplink) {
    public SwitchPort {
        requireNonNull(name, "name is null");
    }
}
