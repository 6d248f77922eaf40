package io.metalstack.peering.server.store;

/** What a change-log entry names: an entity the plans are made of. Stored by {@link #text()}. */
public enum ChangeKind {
    NETWORK("network"),
    SWITCH("switch"),
    MACHINE("machine"),
    PEERING("peering"),
    /**
     * A peering update that changes only its name, description and labels: nothing a switch is configured with (one
     * that enables or disables it is a {@link #PEERING} change).
     */
    PEERING_METADATA("peering-metadata");

    private final String text;

    ChangeKind(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }

    public static ChangeKind parse(String text) {
        for (ChangeKind k : values()) {
            if (k.text.equals(text)) {
                return k;
            }
        }
        throw new IllegalStateException("change log entry of unknown kind \"" + text + "\"");
    }
}
