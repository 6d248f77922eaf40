package io.metalstack.peering.model;

import java.util.regex.Pattern;

/** Shared validation of textual identifiers: only these characters may ever reach a switch config. */
final class Ids {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final Pattern CHARS = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private Ids() {}

    /**
     * A switch id is the switch's hostname in its FRR config ({@code hostname <id>}): an FRR object name of at most 63
     * characters (the renderer's {@code FrrName}, and the length of a host name label), so a longer one could never
     * be rendered.
     */
    static final int SWITCH_ID_MAX = 63;

    static String switchId(String value) {
        if (value != null && value.length() > SWITCH_ID_MAX && CHARS.matcher(value).matches()) {
            throw DomainException.invalid("switch id \"%s\" is %d characters long: at most %d are allowed (it is the switch's host name in its FRR config)",
                    value, value.length(), SWITCH_ID_MAX);
        }
        return check("switch", value);
    }

    static String check(String kind, String value) {
        if (value == null || !ID.matcher(value).matches()) {
            throw DomainException.invalid("%s id %s is invalid: use 1-128 characters of letters, digits, '.', '_' or '-', starting with a letter or digit",
                    kind, value == null ? "null" : "\"" + value + "\"");
        }
        return value;
    }
}
