package io.metalstack.peering.model;

import java.util.Locale;

/** IP address family, spelled {@code IPv4}/{@code IPv6} as metal-api does. */
public enum AddressFamily {
    IPV4("IPv4", 32),
    IPV6("IPv6", 128);

    private final String label;
    private final int bits;

    AddressFamily(String label, int bits) {
        this.label = label;
        this.bits = bits;
    }

    public int bits() {
        return bits;
    }

    public String label() {
        return label;
    }

    public static AddressFamily parse(String text) {
        if (text != null) {
            switch (text.trim().toLowerCase(Locale.ROOT)) {
                case "ipv4", "v4", "4": return IPV4;
                case "ipv6", "v6", "6": return IPV6;
                default: break;
            }
        }
        throw DomainException.invalid("address family \"%s\" is unknown: use IPv4 or IPv6", text);
    }

    @Override
    public String toString() {
        return label;
    }
}
