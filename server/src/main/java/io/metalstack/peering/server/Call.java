package io.metalstack.peering.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.metalstack.peering.model.DomainException;

import java.io.IOException;
import java.util.Optional;

/** One request as a handler sees it: the authenticated caller, path parameters and the JSON body. */
final class Call {

    private final Context ctx;
    private final Optional<Principal> principal;
    private final ObjectMapper json;

    Call(Context ctx, Optional<Principal> principal, ObjectMapper json) {
        this.ctx = ctx;
        this.principal = principal;
        this.json = json;
    }

    /** The caller; every non-public route has one (the route table authenticates before the handler runs). */
    Principal principal() {
        return principal.orElseThrow(() -> new IllegalStateException("public route asked for a principal"));
    }

    String path(String name) {
        return ctx.pathParam(name);
    }

    /** A query parameter, or null when absent. */
    String query(String name) {
        return ctx.queryParam(name);
    }

    <T> T body(Class<T> type) {
        byte[] bytes = ctx.bodyAsBytes();
        if (bytes.length == 0) {
            throw DomainException.invalid("request body is empty: send a JSON %s", type.getSimpleName());
        }
        try {
            T value = json.readValue(bytes, type);
            if (value == null) {
                throw DomainException.invalid("request body is null: send a JSON %s", type.getSimpleName());
            }
            return value;
        } catch (IOException e) {
            throw DomainException.invalid("request body is not valid JSON for %s: %s", type.getSimpleName(),
                    e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse(""));
        }
    }

    /** The body as a JSON object, for find requests; an empty body means "match all". */
    JsonNode bodyTree() {
        byte[] bytes = ctx.bodyAsBytes();
        if (bytes.length == 0) {
            return json.createObjectNode();
        }
        try {
            JsonNode node = json.readTree(bytes);
            if (node == null || node.isNull()) {
                return json.createObjectNode();
            }
            if (!node.isObject()) {
                throw DomainException.invalid("find request must be a JSON object of fields to match");
            }
            return node;
        } catch (IOException e) {
            throw DomainException.invalid("request body is not valid JSON: %s", e.getMessage().lines().findFirst().orElse(""));
        }
    }
}
