package io.metalstack.peering.server.http;

import io.metalstack.peering.api.V1Token;
import io.metalstack.peering.api.V1TokenCreateRequest;
import io.metalstack.peering.model.DomainException;
import io.metalstack.peering.model.ProjectId;
import io.metalstack.peering.server.auth.Principal;
import io.metalstack.peering.server.auth.Role;
import io.metalstack.peering.server.auth.Token;
import io.metalstack.peering.server.store.Stores;
import io.metalstack.peering.server.store.Database;
import io.metalstack.peering.server.wire.Wire;
import io.metalstack.peering.server.service.Edits;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static io.javalin.http.HandlerType.DELETE;
import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.PUT;

/**
 * Bearer tokens: issued by admins ({@code PUT /v1/token}), stored as SHA-256 only, resolved to a {@link Principal}.
 * Every request looks its token up in the database (one indexed read), so that a revocation, an expiry or the deletion
 * of the token's project takes effect at once on every replica: nothing is cached.
 */
public final class Tokens {

    /** Where the server's admin token comes from when it is set (else {@code <data-dir>/admin-token}). */
    public static final String ADMIN_TOKEN_ENV = "METAL_API_ADMIN_TOKEN";
    static final String ADMIN_TOKEN_ID = "admin";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Database db;
    private final Edits edits;

    Tokens(Database db, Edits edits) {
        this.db = db;
        this.edits = edits;
    }

    List<Route> routes() {
        return List.of(
                new Route(PUT, "/v1/token", true, 201, "issue a token (admin); the secret is returned only now",
                        V1TokenCreateRequest.class, V1Token.class, false, this::create),
                new Route(GET, "/v1/token", true, 200, "list issued tokens without their secrets (admin)", null, V1Token.class, true, c -> {
                    c.principal().requireAdmin("listing tokens");
                    return db.read(s -> s.tokens().list()).stream().map(t -> wire(t, null)).toList();
                }),
                new Route(DELETE, "/v1/token/{id}", true, 200, "revoke a token (admin): refused at once, on every replica", null,
                        V1Token.class, false, this::revoke));
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
    void installAdmin(String secret) {
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

    /** The caller of a request, from its {@code Authorization: Bearer} header; 401 when missing or unknown. */
    Principal authenticate(String header) {
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7) || header.substring(7).isBlank()) {
            throw new Unauthenticated("missing bearer token: send the header Authorization: Bearer <token>");
        }
        String h = hash(header.substring(7).trim());
        Token t = db.read(s -> s.tokens().byHash(h))
                .orElseThrow(() -> new Unauthenticated("the bearer token is unknown or revoked: ask an admin for a token (PUT /v1/token)"));
        if (t.expired(edits.now())) {
            throw new Unauthenticated("the bearer token expired at " + t.expires().orElseThrow() + ": ask an admin for a new one");
        }
        return t.principal();
    }

    private Object create(Call c) {
        c.principal().requireAdmin("issuing a token");
        V1TokenCreateRequest r = c.body(V1TokenCreateRequest.class);
        Role role = Role.parse(Wire.required(r.role(), "role"));
        Optional<ProjectId> project = Wire.optional(r.projectid(), ProjectId::parse);
        if (role.projectScoped() && project.isEmpty()) {
            throw DomainException.invalid("role %s needs a projectid", role.wire());
        }
        if (!role.projectScoped() && project.isPresent()) {
            throw DomainException.invalid("role %s is global: remove projectid", role.wire());
        }
        Instant now = edits.now();
        Optional<Instant> expires = Optional.ofNullable(r.expires()).map(e -> e.truncatedTo(java.time.temporal.ChronoUnit.MICROS));
        if (expires.isPresent() && !expires.get().isAfter(now)) {
            throw DomainException.invalid("expires %s is not in the future (now %s): give a later time or none", expires.get(), now);
        }
        String secret = newSecret();
        Token t = new Token(UUID.randomUUID().toString(), hash(secret), role, project, r.description(), now, expires);
        db.write(s -> {
            project.ifPresent(p -> s.projects().get(p).orElseThrow(() -> new DomainException.NotFound("project " + p + " not found")));
            s.tokens().insert(t);
            return t;
        });
        return wire(t, secret);
    }

    private Object revoke(Call c) {
        c.principal().requireAdmin("revoking a token");
        String id = c.path("id");
        if (id.equals(ADMIN_TOKEN_ID)) {
            throw new DomainException.Conflict("the admin token of the server is set at its start ($" + ADMIN_TOKEN_ENV
                    + " or <data-dir>/admin-token): change it there and restart; it cannot be revoked");
        }
        return wire(db.write(s -> {
            Token t = s.tokens().get(id).orElseThrow(() -> new DomainException.NotFound("token " + id + " not found"));
            s.tokens().delete(id);
            return t;
        }), null);
    }

    private static V1Token wire(Token t, String secret) {
        return new V1Token(t.id(), t.role().wire(), t.project().map(ProjectId::value).orElse(null), t.description(), secret, t.created(),
                t.expires().orElse(null));
    }

    /** No or an unknown token: HTTP 401. Not a domain error: it is about the request, not the objects. */
    static final class Unauthenticated extends RuntimeException {
        Unauthenticated(String message) {
            super(message);
        }
    }
}
