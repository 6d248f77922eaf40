package io.metalstack.peering.model.status;

import static java.util.Objects.requireNonNull;

/**
 * A non-fatal problem found while rendering: the config was still rendered, but something in the intent
 * looks wrong (e.g. an import from a VRF the switch does not host). Messages name only ids and numbers. The renderer
 * ({@code frr}) returns them, the agent reports them ({@link SwitchReport#warnings}), bounded by the server to
 * {@link #SUBJECT_MAX} and {@link #MESSAGE_MAX} characters.
 */
public record Warning(String subject, String message) implements Comparable<Warning> {
    public static final int SUBJECT_MAX = 256;
    public static final int MESSAGE_MAX = 1024;

    public Warning {
        requireNonNull(subject, "subject is null");
        requireNonNull(message, "message is null");
    }

    @Override
    public int compareTo(Warning o) {
        int c = subject.compareTo(o.subject);
        return c != 0 ? c : message.compareTo(o.message);
    }

    @Override
    public String toString() {
        return subject + ": " + message;
    }
}
