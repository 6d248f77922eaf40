package io.metalstack.peering.api;

import java.time.Instant;

/**
 * {@code PUT /v1/token} (admin only): {@code role} admin, infra, owner, editor or viewer; project roles need
 * {@code projectid}; {@code expires} (optional) a time in the future after which the token is refused.
 */
public record V1TokenCreateRequest(String role, String projectid, String description, Instant expires) {

    public V1TokenCreateRequest(String role, String projectid, String description) {
        this(role, projectid, description, null);
    }
}
