package io.metalstack.peering.api;

import java.time.Instant;

/** An issued token; {@code secret} is returned once, at creation, and stored only hashed. */
public record V1Token(String id, String role, String projectid, String description, String secret, Instant created) {}
