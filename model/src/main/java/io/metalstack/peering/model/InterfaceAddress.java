package io.metalstack.peering.model;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;

import java.util.Optional;

/**
 * An address on an interface, with host bits and an optional length: {@code 172.16.0.1/30} or the MEP's
 * bare {@code 172.16.0.1} (the length is then derived by the caller).
 */
public record InterfaceAddress(IPAddress address, Optional<Integer> length) {
    public InterfaceAddress {
        java.util.Objects.requireNonNull(address, "address is null");
        java.util.Objects.requireNonNull(length, "length is null");
    }

    public static InterfaceAddress parse(String text) {
        IPAddressString s = text == null ? null : new IPAddressString(text.trim());
        // the host address, not the prefix block: "2001:db8::/127" names the address 2001:db8:: on a /127
        IPAddress a = s == null || !s.isValid() ? null : s.getHostAddress();
        if (a == null) {
            throw DomainException.invalid("address %s is invalid: use an address such as 172.16.0.1/30 or 2001:db8::1/127",
                    text == null ? "null" : "\"" + text + "\"");
        }
        return new InterfaceAddress(a.withoutPrefixLength(), Optional.ofNullable(s.getNetworkPrefixLength()));
    }

    public AddressFamily family() {
        return address.isIPv4() ? AddressFamily.IPV4 : AddressFamily.IPV6;
    }

    @Override
    public String toString() {
        return address.toCanonicalString() + length.map(l -> "/" + l).orElse("");
    }
}
