package io.metalstack.peering.model;

/** Network operating system of a switch: decides the rendering dialect. */
public enum SwitchOs {
    SONIC("SONiC"), CUMULUS("Cumulus");

    private final String wire;

    SwitchOs(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    /** The name of a tenant VRF on a switch of this OS: {@code Vrf<N>} on SONiC, {@code vrf<N>} on Cumulus. */
    public String vrfName(Vni vni) {
        return switch (this) {
            case SONIC -> vni.sonicName();
            case CUMULUS -> vni.cumulusName();
        };
    }

    public static SwitchOs parse(String text) {
        for (SwitchOs o : values()) {
            if (o.wire.equalsIgnoreCase(text == null ? "" : text.trim())) {
                return o;
            }
        }
        throw DomainException.invalid("switch OS vendor \"%s\" is unknown: use SONiC or Cumulus", text);
    }
}
