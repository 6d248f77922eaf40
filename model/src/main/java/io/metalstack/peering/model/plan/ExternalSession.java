package io.metalstack.peering.model.plan;

import io.metalstack.peering.model.Asn;
import io.metalstack.peering.model.InterfaceAddress;
import io.metalstack.peering.model.IpPrefix;
import io.metalstack.peering.model.PeeringId;
import io.metalstack.peering.model.PortName;
import io.metalstack.peering.model.Vni;

import java.util.List;

import static java.util.Objects.requireNonNull;

/** An eBGP session of an external peering on an exit switch port, in network1's VRF. (Filled by the external-peering work.) */
public record ExternalSession(PeeringId peering, PortName port, Vni vrf, InterfaceAddress local, Asn localAs,
                              InterfaceAddress remote, Asn remoteAs, List<IpPrefix> exportPrefixes,
                              List<IpPrefix> importPrefixes, int maxPrefixes, boolean bfd, boolean hasPassword) {
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
    }
}
