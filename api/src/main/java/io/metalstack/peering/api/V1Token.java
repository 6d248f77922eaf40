package io.metalstack.peering.api;

import java.time.Instant;

/**
 * An issued token; {@code secret} is returned once, at creation, and stored only hashed. {@code expires}: after it the
 * token is refused (null: it does not expire).
 */
public record V1Token(String id, String role, String projectid, String description, String secret, Instant created, Instant expires) {

    public V1Token(String id, String role, String projectid, String description, String secret, Instant created) {
        this(id, role, projectid, description, secret, created, null);
    }
}
