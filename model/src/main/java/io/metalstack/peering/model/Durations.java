package io.metalstack.peering.model;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The one way durations are written on the command lines (metalctl, metal-core) and in their messages. */
public final class Durations {

    private static final Pattern SHORT = Pattern.compile("(\\d{1,9})(ms|s|m|h)?");

    private Durations() {}

    /** {@code 500ms}, {@code 60s}, {@code 5m}, {@code 1h}, a bare number of seconds, or ISO-8601 such as {@code PT1M30S}. */
    public static Duration parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        Matcher m = SHORT.matcher(t);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2) == null ? "s" : m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofSeconds(n);
            };
        }
        if (t.startsWith("p")) {
            try {
                return Duration.parse(t.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                // the message below says what is valid
            }
        }
        throw DomainException.invalid("duration \"%s\" is not valid: use e.g. 500ms, 60s, 5m or 1h", text);
    }

    /** The shortest of {@link #parse}'s spellings that says {@code d} exactly. */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms % 1000 != 0) {
            return ms + "ms";
        }
        long s = ms / 1000;
        return s % 3600 == 0 && s != 0 ? s / 3600 + "h" : s % 60 == 0 && s != 0 ? s / 60 + "m" : s + "s";
    }
}
