package io.metalstack.peering.frr;

import java.util.regex.Pattern;

/**
 * The name of an FRR object (VRF, peer-group, neighbour address, prefix-list, route-map, community list). Built by the renderer
 * from ids and numbers only; the pattern is a second guard that nothing else, and no whitespace, reaches the text.
 */
record FrrName(String value) implements Comparable<FrrName> {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9/._:-]{0,62}");

    FrrName {
        if (value == null || !NAME.matcher(value).matches()) {
            throw new IllegalArgumentException("invalid FRR object name: " + value);
        }
    }

    static FrrName of(String value) {
        return new FrrName(value);
    }

    FrrName suffix(String suffix) {
        return new FrrName(value + suffix);
    }

    @Override
    public int compareTo(FrrName o) {
        return value.compareTo(o.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
