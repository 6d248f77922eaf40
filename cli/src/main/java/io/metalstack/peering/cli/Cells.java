package io.metalstack.peering.cli;

import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;

/** Formatting of wire values into table cells: absent is empty, lists one per line, labels {@code k=v} per line. */
final class Cells {
    private Cells() {}

    static String text(Object value) {
        return value == null ? "" : value.toString();
    }

    static String lines(Collection<?> values) {
        return values == null ? "" : values.stream().map(String::valueOf).collect(Collectors.joining("\n"));
    }

    static String comma(Collection<?> values) {
        return values == null ? "" : values.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    static String labels(Map<String, String> labels) {
        return labels == null ? "" : new java.util.TreeMap<>(labels).entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("\n"));
    }

    /** Conditions one a line: {@code type: message}. */
    static String conditions(Collection<io.metalstack.peering.api.V1Condition> conditions) {
        return conditions == null ? "" : conditions.stream()
                .map(c -> c.type() + (c.message() == null || c.message().isEmpty() ? "" : ": " + c.message()))
                .collect(Collectors.joining("\n"));
    }

    static String flag(Boolean value) {
        return Boolean.TRUE.equals(value) ? "true" : "";
    }
}
