package io.metalstack.peering.cli;

import io.metalstack.peering.model.Asn;
import io.metalstack.peering.model.BgpPeer;
import io.metalstack.peering.model.InterfaceAddress;
import io.metalstack.peering.model.IpPrefix;
import io.metalstack.peering.model.Labels;
import io.metalstack.peering.model.PeeringType;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * One MEP manifest ({@code kind: Peering}) as read from a file. Networks are still as the user wrote
 * them (an id or a unique name); {@code where} names the document for messages ("document 2"). {@code network1Prefixes}
 * and {@code network2Prefixes}: {@code spec.exchange}, the prefixes each side lets the other reach (empty: all of them).
 */
record PeeringManifest(String where, String name, Labels labels, String network1, Optional<String> network2,
                       PeeringType type, Optional<Bgp> bgp, Optional<List<IpPrefix>> network1Prefixes,
                       Optional<List<IpPrefix>> network2Prefixes) {
    PeeringManifest {
        requireNonNull(where, "where is null");
        requireNonNull(name, "name is null");
        labels = labels == null ? Labels.EMPTY : labels;
        requireNonNull(network1, "network1 is null");
        requireNonNull(network2, "network2 is null");
        requireNonNull(type, "type is null");
        requireNonNull(bgp, "bgp is null");
        requireNonNull(network1Prefixes, "network1Prefixes is null");
        requireNonNull(network2Prefixes, "network2Prefixes is null");
    }

    /** The MEP's {@code bgp} block, values parsed; the port as {@code Ethernet0@exit01}. */
    record Bgp(Asn localAs, InterfaceAddress localCidr, BgpPeer.PortRef localPort, Asn remoteAs,
               InterfaceAddress remoteCidr) {
        Bgp {
            requireNonNull(localAs, "localAs is null");
            requireNonNull(localCidr, "localCidr is null");
            requireNonNull(localPort, "localPort is null");
            requireNonNull(remoteAs, "remoteAs is null");
            requireNonNull(remoteCidr, "remoteCidr is null");
        }

        String port() {
            return localPort.port() + "@" + localPort.switchId();
        }
    }
}
