package io.metalstack.peering.model;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/** Free labels of an object, sorted by key. Never rendered into a switch config. */
public record Labels(Map<String, String> values) {
    public static final Labels EMPTY = new Labels(Map.of());
    /** Project label that turns on auto-peering of the project's private networks. */
    public static final String AUTO_PEER = "auto-peer";
    /** Network label by which an admin marks an external network as peerable by any project. */
    public static final String PEERABLE = "network.metal-stack.io/peerable";

    public Labels {
        TreeMap<String, String> copy = new TreeMap<>();
        if (values != null) {
            values.forEach((k, v) -> {
                if (k == null || k.isBlank()) {
                    throw DomainException.invalid("label key is empty: use a non-empty key");
                }
                copy.put(k, v == null ? "" : v);
            });
        }
        values = Collections.unmodifiableMap(copy);
    }

    public static Labels of(Map<String, String> values) {
        return values == null || values.isEmpty() ? EMPTY : new Labels(values);
    }

    public boolean isTrue(String key) {
        return "true".equalsIgnoreCase(values.get(key));
    }

    public String get(String key) {
        return values.get(key);
    }
}
