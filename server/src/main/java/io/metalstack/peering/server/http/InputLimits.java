package io.metalstack.peering.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.metalstack.peering.model.DomainException;
import io.metalstack.peering.server.store.JdbcTable;

import java.util.Map;

/**
 * The limits of every request body, checked on its JSON tree before it is bound, so that no text a client sends can
 * fail in the database: names (a column of 256 characters), descriptions, labels and any other string have a maximum
 * length, no string holds a NUL character (PostgreSQL cannot store one), and no list holds a null element. With these
 * limits a stored document stays far below its column's {@link #DOCUMENT_MAX} characters (the stores check that too).
 */
public final class InputLimits {

    static final int NAME_MAX = 256;
    static final int DESCRIPTION_MAX = 4096;
    static final int LABELS_MAX = 64;
    static final int LABEL_KEY_MAX = 256;
    static final int LABEL_VALUE_MAX = 1024;
    /** Any other string: ids (checked again by their parsers), prefixes, an agent's error text. */
    static final int STRING_MAX = 4096;
    /** The {@code doc} columns are VARCHAR(1000000). */
    static final int DOCUMENT_MAX = JdbcTable.DOCUMENT_MAX;

    /** An agent's error text ({@code notify}) is kept, shortened, whatever its length: see {@link SwitchAgentResource}. */
    private static final Map<String, Integer> NAMED = Map.of("name", NAME_MAX, "tenant", NAME_MAX, "rack", NAME_MAX, "zone", NAME_MAX,
            "description", DESCRIPTION_MAX, "error", Integer.MAX_VALUE);

    private InputLimits() {}

    static void check(JsonNode body) {
        walk(body, "", null);
    }

    private static void walk(JsonNode node, String path, String field) {
        if (node.isTextual()) {
            text(node.textValue(), path, field == null ? STRING_MAX : NAMED.getOrDefault(field, STRING_MAX));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                JsonNode e = node.get(i);
                String at = path + "[" + i + "]";
                if (e.isNull()) {
                    throw DomainException.invalid("field %s is null: remove it from the list or give it a value", at);
                }
                walk(e, at, null);
            }
        } else if (node.isObject()) {
            if ("labels".equals(field)) {
                labels(node, path);
                return;
            }
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                String at = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
                noNul(e.getKey(), path.isEmpty() ? "the request body" : "field " + path, "a field name");
                walk(e.getValue(), at, e.getKey());
            }
        }
    }

    private static void labels(JsonNode labels, String path) {
        if (labels.size() > LABELS_MAX) {
            throw DomainException.invalid("field %s has %d labels: at most %d are allowed", path, labels.size(), LABELS_MAX);
        }
        for (Map.Entry<String, JsonNode> e : labels.properties()) {
            String key = e.getKey();
            noNul(key, "field " + path, "a label key");
            if (key.length() > LABEL_KEY_MAX) {
                throw DomainException.invalid("field %s: a label key is %d characters long: at most %d are allowed", path, key.length(), LABEL_KEY_MAX);
            }
            String at = path + "." + key;
            if (!e.getValue().isTextual() && !e.getValue().isNull()) {
                throw DomainException.invalid("field %s is %s: a label value is a string", at, describeValue(e.getValue()));
            }
            if (e.getValue().isTextual()) {
                text(e.getValue().textValue(), at, LABEL_VALUE_MAX);
            }
        }
    }

    private static void text(String value, String path, int max) {
        noNul(value, "field " + path, "its value");
        if (value.length() > max) {
            throw DomainException.invalid("field %s is %d characters long: at most %d are allowed", path, value.length(), max);
        }
    }

    private static void noNul(String value, String where, String what) {
        int at = value.indexOf('\u0000');
        if (at >= 0) {
            throw DomainException.invalid("%s: %s contains a NUL character (U+0000) at position %d: remove it", where, what, at);
        }
    }

    /** A sent JSON value in words, shortened. */
    static String describeValue(JsonNode v) {
        if (v.isNull()) {
            return "null";
        }
        if (v.isArray()) {
            return "a list";
        }
        if (v.isObject()) {
            return "an object";
        }
        String text = v.isTextual() ? "\"" + v.textValue() + "\"" : v.toString();
        return text.length() > 60 ? text.substring(0, 60) + "..." : text;
    }
}
