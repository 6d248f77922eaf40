package io.metalstack.peering.model;

import inet.ipaddr.AddressStringException;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;

import java.util.List;

/**
 * An IP prefix in canonical form ({@code 10.0.0.0/22}, {@code 2001:db8::/64}): network address
 * without host bits. Prefix math goes through the ipaddress library, never hand-written bit twiddling.
 */
public final class IpPrefix implements Comparable<IpPrefix> {
    private static final List<IpPrefix> PRIVATE_USE = List.of(
            // RFC 1918, RFC 6598 (shared address space), link-local, loopback, "this network"
            parse("10.0.0.0/8"), parse("172.16.0.0/12"), parse("192.168.0.0/16"),
            parse("100.64.0.0/10"), parse("169.254.0.0/16"), parse("127.0.0.0/8"), parse("0.0.0.0/8"),
            // ULA (RFC 4193), link-local, loopback
            parse("fc00::/7"), parse("fe80::/10"), parse("::1/128"));

    private final IPAddress block;
    private final String text;
    // derived from block once: the planner and the renderer sort and filter prefixes by these many times per switch
    private final AddressFamily family;
    private final int length;
    private final IPAddress lower;

    private IpPrefix(IPAddress block) {
        this.block = block;
        this.text = block.toCanonicalString();
        this.family = block.isIPv4() ? AddressFamily.IPV4 : AddressFamily.IPV6;
        this.length = block.getNetworkPrefixLength();
        this.lower = block.getLower();
    }

    /** Parses {@code a.b.c.d/len} or {@code x::/len}; rejects host bits and missing lengths. */
    public static IpPrefix parse(String text) {
        if (text == null || text.isBlank()) {
            throw DomainException.invalid("prefix is empty: use CIDR notation such as 10.0.0.0/22 or 2001:db8::/64");
        }
        IPAddress address;
        try {
            address = new IPAddressString(text.trim()).toAddress();
        } catch (AddressStringException e) {
            throw DomainException.invalid("prefix \"%s\" is not a valid CIDR: use notation such as 10.0.0.0/22 or 2001:db8::/64", text);
        }
        if (address.getNetworkPrefixLength() == null) {
            throw DomainException.invalid("prefix \"%s\" has no length: use CIDR notation such as %s/%d",
                    text, address, address.getBitCount());
        }
        if (!address.isPrefixBlock()) {
            throw DomainException.invalid("prefix \"%s\" has host bits set: did you mean %s?",
                    text, address.toPrefixBlock().toCanonicalString());
        }
        return new IpPrefix(address.toPrefixBlock());
    }

    public static IpPrefix of(IPAddress block) {
        if (block.getNetworkPrefixLength() == null || !block.isPrefixBlock()) {
            throw new IllegalArgumentException("not a prefix block: " + block);
        }
        return new IpPrefix(block);
    }

    public IPAddress block() {
        return block;
    }

    public AddressFamily family() {
        return family;
    }

    public int length() {
        return length;
    }

    public boolean contains(IpPrefix other) {
        return block.contains(other.block);
    }

    public boolean overlaps(IpPrefix other) {
        return family() == other.family() && (block.contains(other.block) || other.block.contains(block));
    }

    /** True when the whole prefix lies in private-use space (RFC 1918, RFC 6598, ULA, link-local, loopback). */
    public boolean isPrivateUse() {
        for (IpPrefix p : PRIVATE_USE) {
            if (p.contains(this)) {
                return true;
            }
        }
        return false;
    }

    /** The default route of this prefix's family ({@code 0.0.0.0/0} or {@code ::/0}). */
    public boolean isDefaultRoute() {
        return length() == 0;
    }

    @Override
    public int compareTo(IpPrefix o) {
        int c = family.compareTo(o.family);
        if (c != 0) {
            return c;
        }
        c = lower.compareTo(o.lower);
        return c != 0 ? c : Integer.compare(length, o.length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IpPrefix p && text.equals(p.text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
