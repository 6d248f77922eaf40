package io.metalstack.peering.model;

import java.util.regex.Pattern;

/**
 * A switch port name such as {@code Ethernet0} or {@code swp1}; validated because it is rendered into configs. It is
 * a Linux network interface on SONiC and Cumulus alike, so at most 15 characters (IFNAMSIZ 16 with the final NUL).
 */
public record PortName(String value) implements Comparable<PortName> {
    public static final int MAX_LENGTH = 15;
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9/._-]*");

    public PortName {
        if (value == null || !NAME.matcher(value).matches()) {
            throw DomainException.invalid("port name %s is invalid: use a letter then letters, digits, '/', '.', '_' or '-' (e.g. Ethernet0, swp1)",
                    value == null ? "null" : "\"" + value + "\"");
        }
        if (value.length() > MAX_LENGTH) {
            throw DomainException.invalid("port name \"%s\" is %d characters long: at most %d are allowed (a Linux interface name)",
                    value, value.length(), MAX_LENGTH);
        }
    }

    public static PortName parse(String value) {
        return new PortName(value);
    }

    /** Natural order: Ethernet2 before Ethernet10. */
    @Override
    public int compareTo(PortName o) {
        String a = value, b = o.value;
        int i = 0, j = 0;
        while (i < a.length() && j < b.length()) {
            char ca = a.charAt(i), cb = b.charAt(j);
            if (Character.isDigit(ca) && Character.isDigit(cb)) {
                int si = i, sj = j;
                while (i < a.length() && Character.isDigit(a.charAt(i))) i++;
                while (j < b.length() && Character.isDigit(b.charAt(j))) j++;
                int c = Long.compare(Long.parseLong(a.substring(si, Math.min(i, si + 18))), Long.parseLong(b.substring(sj, Math.min(j, sj + 18))));
                if (c != 0) return c;
            } else {
                if (ca != cb) return Character.compare(ca, cb);
                i++;
                j++;
            }
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    @Override
    public String toString() {
        return value;
    }
}
