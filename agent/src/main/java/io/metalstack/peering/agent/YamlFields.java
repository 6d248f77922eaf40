package io.metalstack.peering.agent;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.metalstack.peering.model.DomainException;
import io.metalstack.peering.model.Quoted;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

import static java.util.Objects.requireNonNull;

/**
 * One YAML mapping read field by field, each value through a typed parser: a refused value, a wrong type, a missing
 * required field and an unknown field all throw {@link DomainException.Invalid} naming the field by its path
 * ({@code ports.vrfs.vrf104001.vlanid}) and the value. Used for metal-core's {@code conf.yaml} and the agent's
 * switch-local config file.
 */
final class YamlFields {
    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder().build())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private final String path;
    private final JsonNode node;
    private final Set<String> read = new TreeSet<>();

    private YamlFields(String path, JsonNode node) {
        this.path = path;
        this.node = node;
    }

    /** The top-level mapping of a YAML document; {@code source} names it in messages. */
    static YamlFields parse(String source, String yaml) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            throw DomainException.invalid("%s is not valid YAML: %s", source, e.getOriginalMessage());
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw DomainException.invalid("%s is empty: it must be a YAML mapping", source);
        }
        if (!root.isObject()) {
            throw DomainException.invalid("%s must be a YAML mapping of fields, got a %s", source, root.getNodeType().toString().toLowerCase());
        }
        return new YamlFields("", root);
    }

    private String at(String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    boolean has(String field) {
        read.add(field);
        JsonNode v = node.get(field);
        return v != null && !v.isNull();
    }

    /** A scalar field through {@code parser}; empty when absent or null. */
    <T> Optional<T> optional(String field, Function<String, T> parser) {
        read.add(field);
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        return Optional.of(scalar(at(field), v, parser));
    }

    <T> T required(String field, Function<String, T> parser) {
        return optional(field, parser).orElseThrow(() -> DomainException.invalid("field %s is missing", at(field)));
    }

    /** A boolean field ({@code true} or {@code false}); {@code fallback} when absent. */
    boolean flag(String field, boolean fallback) {
        read.add(field);
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isBoolean()) {
            throw DomainException.invalid("field %s must be true or false, got %s", at(field), show(v));
        }
        return v.booleanValue();
    }

    /** A list of scalars (a YAML sequence, or one comma-separated string); empty when absent. */
    <T> List<T> list(String field, Function<String, T> parser) {
        read.add(field);
        JsonNode v = node.get(field);
        List<T> out = new ArrayList<>();
        if (v == null || v.isNull()) {
            return out;
        }
        if (v.isTextual()) {
            for (String part : v.textValue().split(",", -1)) {
                out.add(scalar(at(field), v, t -> parser.apply(part.trim())));
            }
            return out;
        }
        if (!v.isArray()) {
            throw DomainException.invalid("field %s must be a list, got %s", at(field), show(v));
        }
        int i = 0;
        for (JsonNode item : v) {
            out.add(scalar(at(field) + "[" + i++ + "]", item, parser));
        }
        return out;
    }

    /** A nested mapping; empty when absent. */
    Optional<YamlFields> object(String field) {
        read.add(field);
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isObject()) {
            throw DomainException.invalid("field %s must be a mapping, got %s", at(field), show(v));
        }
        return Optional.of(new YamlFields(at(field), v));
    }

    /** A mapping of names to mappings ({@code vrfs: {vrf104001: {...}}}), in file order; empty when absent. */
    Map<String, YamlFields> objects(String field) {
        Map<String, YamlFields> out = new LinkedHashMap<>();
        object(field).ifPresent(m -> {
            Iterator<Map.Entry<String, JsonNode>> it = m.node.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                m.read.add(e.getKey());
                String at = m.at(e.getKey());
                if (!e.getValue().isObject()) {
                    throw DomainException.invalid("field %s must be a mapping, got %s", at, show(e.getValue()));
                }
                out.put(e.getKey(), new YamlFields(at, e.getValue()));
            }
        });
        return out;
    }

    /** Refuses every field of this mapping that was not read: a typo must not silently drop a setting. */
    void noOthers() {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!read.contains(name)) {
                throw DomainException.invalid("field %s is unknown: remove it (or check its spelling)", quote(at(name)));
            }
        }
    }

    String path() {
        return path;
    }

    private static <T> T scalar(String at, JsonNode v, Function<String, T> parser) {
        if (!v.isValueNode() || v.isNull() || v.isBinary()) {
            throw DomainException.invalid("field %s must be a single value, got %s", at, show(v));
        }
        try {
            return requireNonNull(parser.apply(v.asText()), at);
        } catch (DomainException | IllegalArgumentException e) {
            throw DomainException.invalid("field %s: %s", at, e.getMessage());
        }
    }

    /** A value as messages name it: quoted, at most 64 characters, control characters escaped. */
    static String quote(String text) {
        return Quoted.of(text);
    }

    private static String show(JsonNode v) {
        return v.isContainerNode() ? "a " + (v.isArray() ? "list" : "mapping") : quote(v.asText());
    }
}
