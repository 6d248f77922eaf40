package io.metalstack.peering.model;

/** A machine's role: a firewall's switch ports stay in the default VRF; a machine's carry its network's VRF. */
public enum MachineRole {
    MACHINE, FIREWALL;

    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static MachineRole parse(String text) {
        for (MachineRole r : values()) {
            if (r.wire().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return r;
            }
        }
        throw DomainException.invalid("machine role \"%s\" is unknown: use machine or firewall", text);
    }
}
