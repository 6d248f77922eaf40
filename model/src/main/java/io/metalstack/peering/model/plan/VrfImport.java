package io.metalstack.peering.model.plan;

import io.metalstack.peering.model.AddressFamily;
import io.metalstack.peering.model.IpPrefix;
import io.metalstack.peering.model.NetworkId;
import io.metalstack.peering.model.Vni;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Routes a VRF takes from one directly peered VRF: only {@code prefixes}, which are the peer network's own
 * prefixes (for an external peer: its destination prefixes, e.g. the default route, and its own prefixes),
 * restricted to the address families the peering admitted. Never prefixes the peer imported itself.
 */
public record VrfImport(Vni from, NetworkId network, ImportReason reason, List<IpPrefix> prefixes) {
    public VrfImport {
        requireNonNull(from, "from is null");
        requireNonNull(network, "network is null");
        requireNonNull(reason, "reason is null");
        prefixes = prefixes.stream().sorted().distinct().toList();
    }

    public List<IpPrefix> prefixes(AddressFamily family) {
        return prefixes.stream().filter(p -> p.family() == family).toList();
    }
}
