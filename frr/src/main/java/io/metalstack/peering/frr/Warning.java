package io.metalstack.peering.frr;

import static java.util.Objects.requireNonNull;

/**
 * A non-fatal problem found while rendering: the config was still rendered, but something in the intent
 * looks wrong (e.g. an import from a VRF the switch does not host). Messages name only ids and numbers.
 */
public record Warning(String subject, String message) implements Comparable<Warning> {
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
