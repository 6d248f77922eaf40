package io.metalstack.peering.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/** Replaces values that change from run to run (server-made ids, random VRFs, timestamps) by stable names. */
final class Masker {
    private static final Pattern INSTANT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z");
    private final Map<String, String> replacements = new LinkedHashMap<>();

    /** Masks {@code value} as {@code <name>} wherever it appears as a whole word. */
    Masker mask(String value, String name) {
        if (value != null && !value.isEmpty()) {
            replacements.put(value, "<" + name + ">");
        }
        return this;
    }

    String apply(String text) {
        String out = INSTANT.matcher(text).replaceAll("<time>");
        // longest first, so an id that contains another is replaced whole
        for (Map.Entry<String, String> e : replacements.entrySet().stream()
                .sorted((a, b) -> b.getKey().length() - a.getKey().length()).toList()) {
            out = Pattern.compile("(?<![A-Za-z0-9_./:-])" + Pattern.quote(e.getKey()) + "(?![A-Za-z0-9_/:])")
                    .matcher(out).replaceAll(java.util.regex.Matcher.quoteReplacement(e.getValue()));
        }
        return out;
    }
}
