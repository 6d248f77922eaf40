package io.metalstack.peering.model;

/** Role of a switch in the fabric. */
public enum SwitchRole {
    LEAF, SPINE, EXIT;

    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static SwitchRole parse(String text) {
        for (SwitchRole r : values()) {
            if (r.wire().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return r;
            }
        }
        throw DomainException.invalid("switch role \"%s\" is unknown: use leaf, spine or exit", text);
    }
}
