package io.metalstack.peering.model;

import static java.util.Objects.requireNonNull;

/** The MEP's {@code bgp} block of an external peering: our side on an exit-switch port, and the neighbour. */
public record BgpPeer(Asn localAs, InterfaceAddress localCidr, SwitchId localSwitch, PortName localPort,
                      Asn remoteAs, InterfaceAddress remoteCidr) {
    public BgpPeer {
        requireNonNull(localAs, "localAs is null");
        requireNonNull(localCidr, "localCidr is null");
        requireNonNull(localSwitch, "localSwitch is null");
        requireNonNull(localPort, "localPort is null");
        requireNonNull(remoteAs, "remoteAs is null");
        requireNonNull(remoteCidr, "remoteCidr is null");
    }

    /** Parses the MEP's port reference {@code Ethernet0@exit01}. */
    public static PortRef parsePort(String text) {
        int at = text == null ? -1 : text.indexOf('@');
        if (at <= 0 || at == text.length() - 1) {
            throw DomainException.invalid("port \"%s\" is invalid: use <port>@<switch>, e.g. Ethernet0@exit01", text);
        }
        return new PortRef(SwitchId.parse(text.substring(at + 1)), PortName.parse(text.substring(0, at)));
    }

    public String portRef() {
        return localPort + "@" + localSwitch;
    }

    public record PortRef(SwitchId switchId, PortName port) {}
}
