package io.metalstack.peering.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/** Replaces values that change from run to run (server-made ids, random VRFs, timestamps) by stable names. */
final class Masker {
    private static final Pattern INSTANT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z");
    private final Map<String, String> replacements = new LinkedHashMap<>();
    /** Numbers masked wherever no digit touches them, e.g. a VRF inside {@code Vrf71847} or {@code 4200000011:71847}. */
    private final Map<String, String> numbers = new LinkedHashMap<>();

    /** Masks {@code value} as {@code <name>} wherever it appears as a whole word. */
    Masker mask(String value, String name) {
        if (value != null && !value.isEmpty()) {
            replacements.put(value, "<" + name + ">");
        }
        return this;
    }

    /** Masks the number {@code value} as {@code <name>} wherever no digit touches it (rendered configuration files). */
    Masker maskNumber(long value, String name) {
        numbers.put(Long.toString(value), "<" + name + ">");
        return this;
    }

    /**
     * A whole-word match. A number (a VRF) must not touch digits, dots, slashes or colons either, so that it is
     * never taken out of an address, a prefix length or an IPv6 group.
     */
    private static Pattern pattern(String value) {
        String q = Pattern.quote(value);
        return value.chars().allMatch(Character::isDigit)
                ? Pattern.compile("(?<![A-Za-z0-9_./:-])" + q + "(?![A-Za-z0-9_./:])")
                : Pattern.compile("(?<![A-Za-z0-9_-])" + q + "(?![A-Za-z0-9_])");
    }

    String apply(String text) {
        String out = INSTANT.matcher(text).replaceAll("<time>");
        // longest first, so an id that contains another is replaced whole
        for (Map.Entry<String, String> e : replacements.entrySet().stream()
                .sorted((a, b) -> b.getKey().length() - a.getKey().length()).toList()) {
            out = pattern(e.getKey()).matcher(out).replaceAll(java.util.regex.Matcher.quoteReplacement(e.getValue()));
        }
        for (Map.Entry<String, String> e : numbers.entrySet()) {
            out = Pattern.compile("(?<![0-9])" + e.getKey() + "(?![0-9])").matcher(out)
                    .replaceAll(java.util.regex.Matcher.quoteReplacement(e.getValue()));
        }
        return out;
    }
}
