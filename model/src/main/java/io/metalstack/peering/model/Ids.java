package io.metalstack.peering.model;

import java.util.regex.Pattern;

/** Shared validation of textual identifiers: only these characters may ever reach a switch config. */
final class Ids {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private Ids() {}

    static String check(String kind, String value) {
        if (value == null || !ID.matcher(value).matches()) {
            throw DomainException.invalid("%s id %s is invalid: use 1-128 characters of letters, digits, '.', '_' or '-', starting with a letter or digit",
                    kind, value == null ? "null" : "\"" + value + "\"");
        }
        return value;
    }
}
