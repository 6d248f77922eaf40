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

    public static SwitchOs parse(String text) {
        for (SwitchOs o : values()) {
            if (o.wire.equalsIgnoreCase(text == null ? "" : text.trim())) {
                return o;
            }
        }
        throw DomainException.invalid("switch OS vendor \"%s\" is unknown: use SONiC or Cumulus", text);
    }
}
