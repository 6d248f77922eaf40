package io.metalstack.peering.model.status;

import static java.util.Objects.requireNonNull;

/** Something a reader of a status should know: a {@code type} to filter on ({@code leak}, {@code error}, {@code NoSwitch}, ...) and what happened. */
public record Condition(String type, String message) {

    public Condition {
        requireNonNull(type, "type is null");
        requireNonNull(message, "message is null");
    }
}
