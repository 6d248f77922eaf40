package io.metalstack.peering.model;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The MEP's {@code bgp} block of an external peering: our side on an exit-switch port, and the neighbour; plus what
 * BGP operators expect beyond the MEP: {@code maxPrefixes}, BFD, an MD5 password and extra prefix filters.
 * Admission ({@code rules.ExternalPeeringRules}) checks how these fit the fabric and derives subnet lengths the MEP's
 * bare-address form leaves out.
 *
 * @param maxPrefixes    FRR {@code maximum-prefix}: the session is torn down when the neighbour sends more (1..1000000)
 * @param password       the TCP MD5 secret; its {@code toString} never shows it
 * @param importPrefixes routes accepted from the neighbour in addition to the defaults (see {@code rules.ExternalFilters})
 * @param exportPrefixes when not empty, the only routes announced (each inside network1's own prefixes); empty means
 *                       all of network1's own prefixes
 */
public record BgpPeer(Asn localAs, InterfaceAddress localCidr, SwitchId localSwitch, PortName localPort,
                      Asn remoteAs, InterfaceAddress remoteCidr, int maxPrefixes, boolean bfd, Optional<Password> password,
                      List<IpPrefix> importPrefixes, List<IpPrefix> exportPrefixes) {
    public static final int DEFAULT_MAX_PREFIXES = 1000;
    public static final int MAX_MAX_PREFIXES = 1_000_000;

    public BgpPeer {
        requireNonNull(localAs, "localAs is null");
        requireNonNull(localCidr, "localCidr is null");
        requireNonNull(localSwitch, "localSwitch is null");
        requireNonNull(localPort, "localPort is null");
        requireNonNull(remoteAs, "remoteAs is null");
        requireNonNull(remoteCidr, "remoteCidr is null");
        if (maxPrefixes < 1 || maxPrefixes > MAX_MAX_PREFIXES) {
            throw DomainException.invalid("maxprefixes %d is out of range: use 1..%d (default %d)",
                    maxPrefixes, MAX_MAX_PREFIXES, DEFAULT_MAX_PREFIXES);
        }
        requireNonNull(password, "password is null");
        importPrefixes = importPrefixes.stream().sorted().distinct().toList();
        exportPrefixes = exportPrefixes.stream().sorted().distinct().toList();
    }

    /** The MEP's block alone: default maximum-prefix, no BFD, no password, default filters. */
    public BgpPeer(Asn localAs, InterfaceAddress localCidr, SwitchId localSwitch, PortName localPort,
                   Asn remoteAs, InterfaceAddress remoteCidr) {
        this(localAs, localCidr, localSwitch, localPort, remoteAs, remoteCidr, DEFAULT_MAX_PREFIXES, false, Optional.empty(),
                List.of(), List.of());
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

    /** Whether the session has a password: what the API shows instead of the secret. */
    public boolean hasPassword() {
        return password.isPresent();
    }

    /** The same peering with other addresses (e.g. with the subnet lengths admission derived). */
    public BgpPeer withAddresses(InterfaceAddress local, InterfaceAddress remote) {
        return new BgpPeer(localAs, local, localSwitch, localPort, remoteAs, remote, maxPrefixes, bfd, password,
                importPrefixes, exportPrefixes);
    }

    /** The same peering with another password (e.g. the stored one, which the API never echoes). */
    public BgpPeer withPassword(Optional<Password> other) {
        return new BgpPeer(localAs, localCidr, localSwitch, localPort, remoteAs, remoteCidr, maxPrefixes, bfd, other,
                importPrefixes, exportPrefixes);
    }

    public record PortRef(SwitchId switchId, PortName port) {}

    /**
     * A TCP MD5 (RFC 2385) secret for {@code neighbor X password}: 1..80 printable ASCII characters, no space, and
     * none of {@code ! # ?} (FRR's comment markers and vtysh's help key), because it is written verbatim into a
     * config line. Kept apart from any presence flag, and {@link #toString()} never shows it, so that logging a
     * peering, an intent or an exception never prints the secret; read it only with {@link #secret()} where it is
     * rendered.
     */
    public static final class Password {
        public static final int MAX_LENGTH = 80;
        private static final String FORBIDDEN = "!#?";

        private final String secret;

        private Password(String secret) {
            this.secret = secret;
        }

        /** Validates a secret; the message names the offending position and character class, never the secret. */
        public static Password of(String secret) {
            if (secret == null || secret.isEmpty()) {
                throw DomainException.invalid("password is empty: use 1..%d printable ASCII characters without spaces, or no password",
                        MAX_LENGTH);
            }
            if (secret.length() > MAX_LENGTH) {
                throw DomainException.invalid("password has %d characters: use at most %d printable ASCII characters without spaces",
                        secret.length(), MAX_LENGTH);
            }
            for (int i = 0; i < secret.length(); i++) {
                char c = secret.charAt(i);
                if (c <= ' ' || c > '~') {
                    throw DomainException.invalid("password has a %s at position %d: use printable ASCII characters without spaces",
                            c == ' ' ? "space" : "non-printable or non-ASCII character", i + 1);
                }
                if (FORBIDDEN.indexOf(c) >= 0) {
                    throw DomainException.invalid("password has '%c' at position %d: the characters %s are not allowed"
                            + " (FRR reads them as comment or help), use other printable ASCII characters", c, i + 1, FORBIDDEN);
                }
            }
            return new Password(secret);
        }

        /** The secret itself: only for rendering the switch config. */
        public String secret() {
            return secret;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Password p && p.secret.equals(secret);
        }

        @Override
        public int hashCode() {
            return secret.hashCode();
        }

        @Override
        public String toString() {
            return "Password[redacted]";
        }
    }
}
