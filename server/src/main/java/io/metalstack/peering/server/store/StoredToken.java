package io.metalstack.peering.server.store;

import io.metalstack.peering.model.ProjectId;
import io.metalstack.peering.server.auth.Role;
import io.metalstack.peering.server.auth.Token;

import java.time.Instant;
import java.util.Optional;

import static io.metalstack.peering.server.store.StoredForm.optional;
import static io.metalstack.peering.server.store.StoredForm.text;

/** The document of a stored {@link Token}: the secret's hash, never the secret. */
record StoredToken(int schema, String id, String secretHash, String role, String project, String description, Instant created,
                   Instant expires) implements StoredForm.Document {

    /** Recently read documents kept decoded: every request reads its token. */
    private static final int MEMO = 1_024;

    static final StoredForm<Token, StoredToken> FORM =
            new StoredForm<>("token", StoredToken.class, 1, StoredToken::of, StoredToken::token, MEMO);

    static StoredToken of(Token t) {
        return new StoredToken(FORM.schema(), t.id(), t.secretHash(), t.role().wire(), text(t.project()), t.description(), t.created(),
                t.expires().orElse(null));
    }

    Token token() {
        return new Token(id, secretHash, Role.parse(role), optional(project, ProjectId::parse), description, created,
                Optional.ofNullable(expires));
    }
}
