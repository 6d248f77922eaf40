package io.metalstack.peering.server.auth;

import io.metalstack.peering.model.ProjectId;

import java.time.Instant;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** An issued bearer token; only the SHA-256 of its secret is kept. After {@code expires} (if any) it is refused. */
public record Token(String id, String secretHash, Role role, Optional<ProjectId> project, String description, Instant created,
             Optional<Instant> expires) {
    public Token {
        requireNonNull(id, "id is null");
        requireNonNull(secretHash, "secretHash is null");
        requireNonNull(role, "role is null");
        requireNonNull(project, "project is null");
        description = description == null ? "" : description;
        requireNonNull(created, "created is null");
        requireNonNull(expires, "expires is null");
    }

    public boolean expired(Instant now) {
        return expires.map(e -> !now.isBefore(e)).orElse(false);
    }

    public Principal principal() {
        return new Principal(id, role, project);
    }
}
