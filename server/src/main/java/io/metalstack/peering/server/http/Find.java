package io.metalstack.peering.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.metalstack.peering.model.DomainException;

import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiPredicate;
import java.util.function.Predicate;

/**
 * The one implementation of {@code POST /v1/<res>/find}: every field of the request must equal the entity's wire
 * field of the same name; {@code labels} must all be present with these values. Resources may add fields of their
 * own (e.g. a peering's {@code networkid}, matching either side).
 */
public final class Find {

    private Find() {}

    /** Checks the request's field names (400 naming an unknown one) and answers whether an item matches it. */
    static <W extends Record> Predicate<W> matcher(ObjectMapper json, Class<W> type, JsonNode request,
                                                   Map<String, BiPredicate<W, JsonNode>> extra) {
        checkFields(type, request, extra.keySet());
        return item -> matches(json, item, request, extra);
    }

    /** 400 naming a field of the request that is neither a field of {@code type} nor one of {@code extra}. */
    static void checkFields(Class<? extends Record> type, JsonNode request, Set<String> extra) {
        Set<String> known = new TreeSet<>(extra);
        Arrays.stream(type.getRecordComponents()).map(c -> c.getName()).forEach(known::add);
        for (Iterator<String> names = request.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                throw DomainException.invalid("find field \"%s\" is unknown: use %s", name, String.join(", ", known));
            }
        }
    }

    private static <W> boolean matches(ObjectMapper json, W item, JsonNode request, Map<String, BiPredicate<W, JsonNode>> extra) {
        JsonNode tree = null;
        for (Map.Entry<String, JsonNode> f : request.properties()) {
            JsonNode wanted = f.getValue();
            if (wanted == null || wanted.isNull()) {
                continue;
            }
            BiPredicate<W, JsonNode> special = extra.get(f.getKey());
            if (special != null) {
                if (!special.test(item, wanted)) {
                    return false;
                }
                continue;
            }
            if (tree == null) {
                tree = json.valueToTree(item);
            }
            JsonNode actual = tree.get(f.getKey());
            if (actual == null || actual.isNull()) {
                return false;
            }
            if (wanted.isObject() && actual.isObject()) {
                for (Map.Entry<String, JsonNode> w : wanted.properties()) {
                    if (!w.getValue().equals(actual.get(w.getKey()))) {
                        return false;
                    }
                }
            } else if (!(wanted.isValueNode() && actual.isValueNode() ? wanted.asText().equals(actual.asText()) : wanted.equals(actual))) {
                return false;
            }
        }
        return true;
    }
}
