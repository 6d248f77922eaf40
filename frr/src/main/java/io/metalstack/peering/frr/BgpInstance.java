package io.metalstack.peering.frr;

import io.metalstack.peering.model.Asn;
import io.metalstack.peering.model.BgpPeer;
import io.metalstack.peering.model.Ipv4Address;
import io.metalstack.peering.model.PortName;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** A {@code router bgp ASN [vrf V]} block: peer-groups, their members, and per address family configuration. */
record BgpInstance(Asn asn, Optional<FrrName> vrf, Ipv4Address routerId, List<PeerGroup> peerGroups,
                   List<Neighbor> neighbors, List<RemoteNeighbor> remotes, List<AddressFamilyConfig> families) {
    BgpInstance {
        requireNonNull(asn, "asn is null");
        requireNonNull(vrf, "vrf is null");
        requireNonNull(routerId, "routerId is null");
        peerGroups = List.copyOf(peerGroups);
        neighbors = List.copyOf(neighbors);
        remotes = List.copyOf(remotes);
        families = List.copyOf(families);
    }

    /** {@code neighbor G peer-group}, {@code remote-as external}, {@code timers K H}. */
    record PeerGroup(FrrName name, int keepalive, int hold) {
        PeerGroup {
            requireNonNull(name, "name is null");
            if (keepalive < 1 || hold < 3 * keepalive) {
                throw new IllegalArgumentException("timers " + keepalive + " " + hold + ": hold must be >= 3x keepalive");
            }
        }
    }

    /** {@code neighbor PORT interface peer-group G}: BGP unnumbered on a port. */
    record Neighbor(PortName port, FrrName peerGroup) {
        Neighbor {
            requireNonNull(port, "port is null");
            requireNonNull(peerGroup, "peerGroup is null");
        }
    }

    /**
     * A numbered eBGP neighbour (external peering): {@code neighbor ADDR remote-as N}, {@code local-as L no-prepend
     * replace-as} when the session speaks another AS than the switch, {@code password SECRET} when it has one (only a
     * validated {@link BgpPeer.Password}), {@code bfd} when asked for.
     */
    record RemoteNeighbor(FrrName address, Asn remoteAs, Optional<Asn> localAs, boolean bfd, Optional<BgpPeer.Password> password) {
        RemoteNeighbor {
            requireNonNull(address, "address is null");
            requireNonNull(remoteAs, "remoteAs is null");
            requireNonNull(localAs, "localAs is null");
            requireNonNull(password, "password is null");
        }

        RemoteNeighbor(FrrName address, Asn remoteAs, Optional<Asn> localAs, boolean bfd) {
            this(address, remoteAs, localAs, bfd, Optional.empty());
        }
    }
}
