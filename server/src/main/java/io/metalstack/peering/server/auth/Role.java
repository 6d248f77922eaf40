package io.metalstack.peering.server.auth;

import io.metalstack.peering.model.DomainException;

import java.util.Locale;

/** The metal-stack apiv2 roles: global admin and infra (switch agents), per-project owner, editor, viewer. */
public enum Role {
    ADMIN, INFRA, OWNER, EDITOR, VIEWER;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean projectScoped() {
        return switch (this) {
            case ADMIN, INFRA -> false;
            case OWNER, EDITOR, VIEWER -> true;
        };
    }

    /** May change the objects of its project. */
    public boolean writes() {
        return switch (this) {
            case ADMIN, OWNER, EDITOR -> true;
            case INFRA, VIEWER -> false;
        };
    }

    public static Role parse(String text) {
        for (Role r : values()) {
            if (r.wire().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return r;
            }
        }
        throw DomainException.invalid("role \"%s\" is unknown: use admin, infra, owner, editor or viewer", text);
    }
}
