package io.metalstack.peering.model;

/** Who made a peering: a user ({@code manual}) or auto-peering of a labelled project ({@code auto}). */
public enum PeeringOrigin {
    MANUAL, AUTO;

    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static PeeringOrigin parse(String text) {
        for (PeeringOrigin o : values()) {
            if (o.wire().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return o;
            }
        }
        throw DomainException.invalid("peering origin \"%s\" is unknown: use manual or auto", text);
    }
}
