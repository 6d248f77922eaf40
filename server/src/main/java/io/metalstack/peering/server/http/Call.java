package io.metalstack.peering.server.http;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.metalstack.peering.model.DomainException;
import io.metalstack.peering.server.auth.Principal;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/** One request as a handler sees it: the authenticated caller, path parameters and the JSON body. */
public final class Call {

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
        JsonNode tree = tree(bytes, type.getSimpleName());
        if (tree == null || tree.isNull()) {
            throw DomainException.invalid("request body is null: send a JSON %s", type.getSimpleName());
        }
        if (!tree.isObject()) {
            throw DomainException.invalid("request body is %s: send a JSON object (%s)", InputLimits.describeValue(tree), type.getSimpleName());
        }
        InputLimits.check(tree);
        try {
            return json.treeToValue(tree, type);
        } catch (IOException | IllegalArgumentException e) {
            throw bindingError(e, tree);
        }
    }

    /** The body as a JSON object, for find requests; an empty body means "match all". */
    JsonNode bodyTree() {
        byte[] bytes = ctx.bodyAsBytes();
        if (bytes.length == 0) {
            return json.createObjectNode();
        }
        JsonNode node = tree(bytes, "find request");
        if (node == null || node.isNull()) {
            return json.createObjectNode();
        }
        if (!node.isObject()) {
            throw DomainException.invalid("find request must be a JSON object of fields to match");
        }
        InputLimits.check(node);
        return node;
    }

    /** Parses exactly one JSON value; syntax errors and anything after the value are refused with their position. */
    private JsonNode tree(byte[] bytes, String what) {
        try (JsonParser p = json.createParser(bytes)) {
            JsonNode node;
            try {
                node = json.readTree(p);
            } catch (StreamReadException e) {
                throw DomainException.invalid("request body is not valid JSON for %s%s: %s", what, at(e.getLocation()),
                        e.getOriginalMessage() == null ? "syntax error" : e.getOriginalMessage().lines().findFirst().orElse(""));
            }
            JsonLocation end = p.currentLocation();
            boolean more;
            try {
                more = p.nextToken() != null;
            } catch (StreamReadException e) {
                more = true;
            }
            if (more) {
                throw DomainException.invalid("request body has more after the JSON value that ends%s: send exactly one JSON object", at(end));
            }
            return node;
        } catch (IOException e) {
            throw DomainException.invalid("request body cannot be read as JSON for %s", what);
        }
    }

    private static String at(JsonLocation l) {
        return l == null || l.getLineNr() < 0 ? "" : " at line " + l.getLineNr() + ", column " + l.getColumnNr();
    }

    /**
     * A value that does not fit its field, in the client's terms: the field's path, the value sent and what the field
     * takes. Jackson's own messages name Java classes and are never shown.
     */
    private static DomainException bindingError(Exception e, JsonNode tree) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof DomainException d) {
                return d;
            }
        }
        String path = "";
        Class<?> target = null;
        if (e instanceof JsonMappingException m) {
            path = path(m.getPath());
        }
        for (Throwable t = e; t != null && target == null; t = t.getCause()) {
            if (t instanceof MismatchedInputException mi) {
                target = mi.getTargetType();
            } else if (t instanceof InputCoercionException ic) {
                target = ic.getTargetType(); // a number out of the field's range
            }
        }
        JsonNode sent = path.isEmpty() ? null : tree.at(pointer(e instanceof JsonMappingException m ? m.getPath() : List.of()));
        String field = path.isEmpty() ? "a field" : "field " + path;
        String value = sent == null || sent.isMissingNode() ? "" : " is " + InputLimits.describeValue(sent);
        String wanted = target == null ? "a value of another type (see " + MetalApiServer.OPENAPI_PATH + ")" : describeType(target);
        return DomainException.invalid("%s%s: expected %s", field, value, wanted);
    }

    private static String path(List<JsonMappingException.Reference> refs) {
        StringBuilder b = new StringBuilder();
        for (JsonMappingException.Reference r : refs) {
            if (r.getFieldName() != null) {
                b.append(b.length() == 0 ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                b.append('[').append(r.getIndex()).append(']');
            }
        }
        return b.toString();
    }

    private static JsonPointer pointer(List<JsonMappingException.Reference> refs) {
        JsonPointer p = JsonPointer.empty();
        for (JsonMappingException.Reference r : refs) {
            if (r.getFieldName() != null) {
                p = p.appendProperty(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                p = p.appendIndex(r.getIndex());
            }
        }
        return p;
    }

    /** What a field takes, in words. */
    static String describeType(Class<?> type) {
        if (type == Long.class || type == Integer.class || type == Short.class || type == long.class || type == int.class
                || type == short.class || type == java.math.BigInteger.class) {
            return "a whole number (no fraction, within the field's range)";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (java.time.temporal.Temporal.class.isAssignableFrom(type)) {
            return "a timestamp such as 2026-01-31T12:00:00Z";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        return "an object";
    }
}
