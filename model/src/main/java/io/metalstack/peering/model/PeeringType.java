package io.metalstack.peering.model;

/** {@code local}: VRFs exchange routes on the leaves; {@code external}: eBGP with a neighbour on an exit switch. */
public enum PeeringType {
    LOCAL, EXTERNAL;

    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static PeeringType parse(String text) {
        for (PeeringType t : values()) {
            if (t.wire().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return t;
            }
        }
        throw DomainException.invalid("peering type \"%s\" is unknown: use local or external", text);
    }
}
