package io.metalstack.peering.server.auth;

import io.metalstack.peering.model.DomainException;
import io.metalstack.peering.model.Network;
import io.metalstack.peering.model.ProjectId;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** Who calls: the token's role and, for project roles, its project. Every authorization decision starts here. */
public record Principal(String tokenId, Role role, Optional<ProjectId> project) {
    public Principal {
        requireNonNull(tokenId, "tokenId is null");
        requireNonNull(role, "role is null");
        requireNonNull(project, "project is null");
        if (role.projectScoped() != project.isPresent()) {
            throw new IllegalArgumentException("role " + role + " and project " + project + " do not fit");
        }
    }

    public boolean admin() {
        return role == Role.ADMIN;
    }

    /** Admin and infra see every object. */
    public boolean global() {
        return role == Role.ADMIN || role == Role.INFRA;
    }

    public boolean member(Optional<ProjectId> owner) {
        return project.isPresent() && project.equals(owner);
    }

    /** Whether a network is visible: its project's, a shared one, or one of no project (super, underlay, external). */
    public boolean sees(Network n) {
        return sees(n.project()) || n.project().isEmpty() || n.shared();
    }

    /** Whether an object owned by {@code owner} is visible; an invisible one must answer 404. */
    public boolean sees(Optional<ProjectId> owner) {
        return global() || member(owner);
    }

    public void requireAdmin(String action) {
        if (!admin()) {
            throw new DomainException.Forbidden(String.format("%s needs the admin role; this token has role %s", action, describe()));
        }
    }

    public void requireAdminOrInfra(String action) {
        if (!global()) {
            throw new DomainException.Forbidden(String.format("%s needs the admin or infra role; this token has role %s", action, describe()));
        }
    }

    /** Admin, or owner/editor of {@code owner}. */
    public void requireWrite(Optional<ProjectId> owner, String action) {
        if (admin() || (member(owner) && role.writes())) {
            return;
        }
        throw new DomainException.Forbidden(String.format("%s needs the owner or editor role of project %s (or admin); this token has role %s",
                action, owner.map(Object::toString).orElse("(none)"), describe()));
    }

    public String describe() {
        return role.wire() + project.map(p -> " of project " + p).orElse("");
    }
}
