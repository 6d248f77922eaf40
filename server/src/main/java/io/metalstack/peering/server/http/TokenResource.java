package io.metalstack.peering.server.http;

import io.metalstack.peering.api.V1Token;
import io.metalstack.peering.api.V1TokenCreateRequest;
import io.metalstack.peering.model.ProjectId;
import io.metalstack.peering.server.auth.Principal;
import io.metalstack.peering.server.auth.Role;
import io.metalstack.peering.server.auth.Token;
import io.metalstack.peering.server.service.TokenService;
import io.metalstack.peering.server.wire.Wire;

import java.util.List;
import java.util.Optional;

/** {@code /v1/token}: the routes, the wire form of a token, and the caller of every request from its bearer header ({@link TokenService} decides). */
public final class TokenResource {

    private final TokenService tokens;

    TokenResource(TokenService tokens) {
        this.tokens = tokens;
    }

    List<Route> routes() {
        return List.of(
                Route.put("/v1/token", "issue a token (admin); the secret is returned only now")
                        .created().takes(V1TokenCreateRequest.class).answers(V1Token.class).to(this::create),
                Route.get("/v1/token", "list issued tokens without their secrets (admin)").answersListOf(V1Token.class)
                        .to(c -> Paging.<Token, V1Token>list(c, "/v1/token", t -> wire(t, null), (page, m) -> tokens.list(c.principal(), page))),
                Route.delete("/v1/token/{id}", "revoke a token (admin): refused at once, on every replica").answers(V1Token.class)
                        .to(c -> wire(tokens.revoke(c.principal(), () -> c.path("id")), null)));
    }

    /** The caller of a request, from its {@code Authorization: Bearer} header; 401 when missing or unknown. */
    Principal authenticate(String header) {
        boolean bearer = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7);
        return tokens.authenticate(bearer ? Optional.of(header.substring(7)) : Optional.empty());
    }

    private Object create(Call c) {
        TokenService.Issued issued = tokens.issue(c.principal(), () -> {
            V1TokenCreateRequest r = c.body(V1TokenCreateRequest.class);
            Role role = Role.parse(Wire.required(r.role(), "role"));
            Optional<ProjectId> project = Wire.optional(r.projectid(), ProjectId::parse);
            return new TokenService.Request(role, project, r.description(), Optional.ofNullable(r.expires()));
        });
        return wire(issued.token(), issued.secret());
    }

    private static V1Token wire(Token t, String secret) {
        return new V1Token(t.id(), t.role().wire(), t.project().map(ProjectId::value).orElse(null), t.description(), secret, t.created(),
                t.expires().orElse(null));
    }
}
