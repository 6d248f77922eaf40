package io.metalstack.peering.server.service;

import io.metalstack.peering.model.audit.AuditAction;
import io.metalstack.peering.model.audit.AuditKind;
import io.metalstack.peering.model.audit.Brief;
import io.metalstack.peering.model.DomainException;
import io.metalstack.peering.model.ProjectId;
import io.metalstack.peering.server.auth.Principal;
import io.metalstack.peering.server.auth.Role;
import io.metalstack.peering.server.auth.Token;
import io.metalstack.peering.server.store.Database;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/**
 * Bearer tokens: issued by admins, stored as SHA-256 only, resolved to a {@link Principal}. Every request looks its
 * token up in the database (one indexed read), so that a revocation, an expiry or the deletion of the token's project
 * takes effect at once on every replica: nothing is cached.
 */
public final class TokenService {

    /** Where the server's admin token comes from when it is set (else {@code <data-dir>/admin-token}). */
    public static final String ADMIN_TOKEN_ENV = "METAL_API_ADMIN_TOKEN";
    static final String ADMIN_TOKEN_ID = "admin";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Database db;
    private final Edits edits;

    public TokenService(Database db, Edits edits) {
        this.db = requireNonNull(db, "db is null");
        this.edits = requireNonNull(edits, "edits is null");
    }

    /** A token to issue: the role, the project of a project-scoped role, what it is for, and when it expires (none: never). */
    public record Request(Role role, Optional<ProjectId> project, String description, Optional<Instant> expires) {
        public Request {
            requireNonNull(role, "role is null");
            requireNonNull(project, "project is null");
            requireNonNull(expires, "expires is null");
        }
    }

    /** An issued token with its secret, which is shown only now. */
    public record Issued(Token token, String secret) {
        public Issued {
            requireNonNull(token, "token is null");
            requireNonNull(secret, "secret is null");
        }
    }

    public static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** Stores (or replaces) the admin token given at start. */
    public void installAdmin(String secret) {
        Token t = new Token(ADMIN_TOKEN_ID, hash(secret), Role.ADMIN, Optional.empty(), "admin token of this server", edits.now(),
                Optional.empty());
        db.write(s -> {
            if (s.tokens().get(ADMIN_TOKEN_ID).isPresent()) {
                s.tokens().update(t);
            } else {
                s.tokens().insert(t);
            }
            return t;
        });
    }

    /** The caller presenting the bearer {@code secret} (empty: none sent); {@link Unauthenticated} when missing, unknown or expired. */
    public Principal authenticate(Optional<String> secret) {
        if (secret.isEmpty() || secret.get().isBlank()) {
            throw new Unauthenticated("missing bearer token: send the header Authorization: Bearer <token>");
        }
        String h = hash(secret.get().trim());
        Token t = db.read(s -> s.tokens().byHash(h))
                .orElseThrow(() -> new Unauthenticated("the bearer token is unknown or revoked: ask an admin for a token (PUT /v1/token)"));
        if (t.expired(edits.now())) {
            throw new Unauthenticated("the bearer token expired at " + t.expires().orElseThrow() + ": ask an admin for a new one");
        }
        return t.principal();
    }

    /** A page of the issued tokens (admin). */
    public Page<Token> list(Principal who, Page.Request page) {
        who.requireAdmin("listing tokens");
        return db.read(s -> Page.collect(page, s.tokens()::page, Token::id, Optional::of));
    }

    /** Issues a token (admin): a project-scoped role names its existing project, a global role none; it expires in the future or never. */
    public Issued issue(Principal who, Supplier<Request> request) {
        who.requireAdmin("issuing a token");
        Request r = request.get();
        if (r.role().projectScoped() && r.project().isEmpty()) {
            throw DomainException.invalid("role %s needs a projectid", r.role().wire());
        }
        if (!r.role().projectScoped() && r.project().isPresent()) {
            throw DomainException.invalid("role %s is global: remove projectid", r.role().wire());
        }
        Instant now = edits.now();
        Optional<Instant> expires = r.expires().map(e -> e.truncatedTo(ChronoUnit.MICROS));
        if (expires.isPresent() && !expires.get().isAfter(now)) {
            throw DomainException.invalid("expires %s is not in the future (now %s): give a later time or none", expires.get(), now);
        }
        String secret = newSecret();
        Token t = new Token(UUID.randomUUID().toString(), hash(secret), r.role(), r.project(), r.description(), now, expires);
        db.write(s -> {
            r.project().ifPresent(p -> s.projects().get(p).orElseThrow(() -> new DomainException.NotFound("project " + p + " not found")));
            s.tokens().insert(t);
            edits.audit(s, who, AuditAction.CREATE, AuditKind.TOKEN, t.id(), List.of(t.project()), Brief.of(Optional.empty(), t));
            return t;
        });
        return new Issued(t, secret);
    }

    /** Revokes a token (admin); the server's own admin token is set at its start and cannot be. */
    public Token revoke(Principal who, Supplier<String> request) {
        who.requireAdmin("revoking a token");
        String id = request.get();
        if (id.equals(ADMIN_TOKEN_ID)) {
            throw new DomainException.Conflict("the admin token of the server is set at its start ($" + ADMIN_TOKEN_ENV
                    + " or <data-dir>/admin-token): change it there and restart; it cannot be revoked");
        }
        return db.write(s -> {
            Token t = s.tokens().get(id).orElseThrow(() -> new DomainException.NotFound("token " + id + " not found"));
            s.tokens().delete(id);
            edits.audit(s, who, AuditAction.DELETE, AuditKind.TOKEN, id, List.of(t.project()), Brief.deleted(t));
            return t;
        });
    }

    /** No or an unknown token: HTTP 401. Not a domain error: it is about the request, not the objects. */
    public static final class Unauthenticated extends RuntimeException {
        Unauthenticated(String message) {
            super(message);
        }
    }
}
