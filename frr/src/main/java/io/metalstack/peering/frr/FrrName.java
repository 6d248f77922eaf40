package io.metalstack.peering.frr;

/**
 * The name of an FRR object (VRF, peer-group, neighbour address, prefix-list, route-map, community list). Built by the renderer
 * from ids and numbers only; the pattern is a second guard that nothing else, and no whitespace, reaches the text.
 */
record FrrName(String value) implements Comparable<FrrName> {
    private static final int MAX_LENGTH = 63;

    FrrName {
        if (!valid(value)) {
            throw new IllegalArgumentException("invalid FRR object name: " + value);
        }
    }

    /**
     * {@code [A-Za-z0-9][A-Za-z0-9/._:-]{0,62}}, checked by hand: a switch's render creates thousands of names, and
     * the regular expression was the largest single cost of rendering a 1,000-leaf fabric.
     */
    private static boolean valid(String value) {
        if (value == null || value.isEmpty() || value.length() > MAX_LENGTH || !alphanumeric(value.charAt(0))) {
            return false;
        }
        for (int i = 1; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!alphanumeric(c) && c != '/' && c != '.' && c != '_' && c != ':' && c != '-') {
                return false;
            }
        }
        return true;
    }

    private static boolean alphanumeric(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
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
