package io.metalstack.peering.frr;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/**
 * SONiC's CONFIG_DB as the typed model {@code config_db.json} is printed from ({@link ConfigDbPrinter}): per table its
 * keys (the name after {@code TABLE|}), per key its fields. Built from a switch's intent and its {@link SwitchLocal}
 * facts by {@link ConfigDbBuilder}; every level sorted.
 */
public record ConfigDb(SortedMap<String, SortedMap<String, SortedMap<String, String>>> tables) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public ConfigDb {
        SortedMap<String, SortedMap<String, SortedMap<String, String>>> copy = new TreeMap<>();
        requireNonNull(tables, "tables is null").forEach((table, keys) -> {
            SortedMap<String, SortedMap<String, String>> k = new TreeMap<>();
            requireNonNull(keys, "keys of " + table + " are null").forEach((key, fields) -> k.put(key,
                    Collections.unmodifiableSortedMap(new TreeMap<>(requireNonNull(fields, "fields of " + table + "|" + key + " are null")))));
            copy.put(table, Collections.unmodifiableSortedMap(k));
        });
        tables = Collections.unmodifiableSortedMap(copy);
    }

    /** The keys of {@code table} with their fields; empty when it has none. */
    public SortedMap<String, SortedMap<String, String>> table(String table) {
        return tables.getOrDefault(table, Collections.emptySortedMap());
    }

    /**
     * Reads a {@code config_db.json} (a file not rendered here, e.g. made by hand); throws naming what is not
     * tables of keys of string fields.
     */
    public static ConfigDb parse(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("is not JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("is not a JSON object of tables");
        }
        SortedMap<String, SortedMap<String, SortedMap<String, String>>> tables = new TreeMap<>();
        for (Map.Entry<String, JsonNode> table : root.properties()) {
            if (!table.getValue().isObject()) {
                throw new IllegalArgumentException("table " + table.getKey() + " is not an object of keys");
            }
            SortedMap<String, SortedMap<String, String>> keys = new TreeMap<>();
            for (Map.Entry<String, JsonNode> key : table.getValue().properties()) {
                String name = table.getKey() + "|" + key.getKey();
                if (!key.getValue().isObject()) {
                    throw new IllegalArgumentException(name + " is not an object of fields");
                }
                SortedMap<String, String> fields = new TreeMap<>();
                for (Map.Entry<String, JsonNode> field : key.getValue().properties()) {
                    if (!field.getValue().isTextual()) {
                        throw new IllegalArgumentException(name + " field " + field.getKey() + " is not a string: " + field.getValue());
                    }
                    fields.put(field.getKey(), field.getValue().asText());
                }
                keys.put(key.getKey(), fields);
            }
            tables.put(table.getKey(), keys);
        }
        return new ConfigDb(tables);
    }
}
