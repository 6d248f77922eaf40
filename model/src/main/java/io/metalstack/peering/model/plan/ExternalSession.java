package io.metalstack.peering.model.plan;

import io.metalstack.peering.model.Asn;
import io.metalstack.peering.model.BgpPeer;
import io.metalstack.peering.model.InterfaceAddress;
import io.metalstack.peering.model.IpPrefix;
import io.metalstack.peering.model.PeeringId;
import io.metalstack.peering.model.PortName;
import io.metalstack.peering.model.Vni;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * An eBGP session of an external peering on an exit switch port, in network1's VRF.
 *
 * <p>The intent carries the MD5 secret ({@code password}): the exit switch must render
 * {@code neighbor X password <secret>} and has no other source for it. The intent is served only to the switch's
 * agent (infra role), never through the user API, and {@link BgpPeer.Password#toString()} redacts it, so printing
 * an intent never shows it. {@code hasPassword} without {@code password} is an intent that was stripped of the
 * secret (an older wire form): the renderer then warns and leaves the password out, rather than render a session
 * the neighbour would refuse silently.
 */
public record ExternalSession(PeeringId peering, PortName port, Vni vrf, InterfaceAddress local, Asn localAs,
                              InterfaceAddress remote, Asn remoteAs, List<IpPrefix> exportPrefixes,
                              List<IpPrefix> importPrefixes, int maxPrefixes, boolean bfd, boolean hasPassword,
                              Optional<BgpPeer.Password> password) {
    public ExternalSession {
        requireNonNull(peering, "peering is null");
        requireNonNull(port, "port is null");
        requireNonNull(vrf, "vrf is null");
        requireNonNull(local, "local is null");
        requireNonNull(localAs, "localAs is null");
        requireNonNull(remote, "remote is null");
        requireNonNull(remoteAs, "remoteAs is null");
        exportPrefixes = exportPrefixes.stream().sorted().distinct().toList();
        importPrefixes = importPrefixes.stream().sorted().distinct().toList();
        requireNonNull(password, "password is null");
        if (password.isPresent() && !hasPassword) {
            throw new IllegalArgumentException("session of peering " + peering + " carries a password but hasPassword is false");
        }
    }

    /** A session without the secret (the wire form before the secret was carried). */
    public ExternalSession(PeeringId peering, PortName port, Vni vrf, InterfaceAddress local, Asn localAs,
                           InterfaceAddress remote, Asn remoteAs, List<IpPrefix> exportPrefixes,
                           List<IpPrefix> importPrefixes, int maxPrefixes, boolean bfd, boolean hasPassword) {
        this(peering, port, vrf, local, localAs, remote, remoteAs, exportPrefixes, importPrefixes, maxPrefixes, bfd, hasPassword,
                Optional.empty());
    }
}
