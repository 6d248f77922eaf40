package io.metalstack.peering.model;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;

/** A single IPv4 address, e.g. a router id / loopback. */
public record Ipv4Address(String value) implements Comparable<Ipv4Address> {
    public Ipv4Address {
        IPAddress a = value == null ? null : new IPAddressString(value.trim()).getAddress();
        if (a == null || !a.isIPv4() || a.getNetworkPrefixLength() != null) {
            throw DomainException.invalid("address %s is not an IPv4 address: use dotted notation such as 10.0.0.11",
                    value == null ? "null" : "\"" + value + "\"");
        }
        value = a.toCanonicalString();
    }

    public static Ipv4Address parse(String value) {
        return new Ipv4Address(value);
    }

    @Override
    public int compareTo(Ipv4Address o) {
        return new IPAddressString(value).getAddress().compareTo(new IPAddressString(o.value).getAddress());
    }

    @Override
    public String toString() {
        return value;
    }
}
