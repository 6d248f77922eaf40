package io.metalstack.peering.model.plan;

import io.metalstack.peering.model.AddressFamily;
import io.metalstack.peering.model.IpPrefix;
import io.metalstack.peering.model.NetworkId;
import io.metalstack.peering.model.Vni;
import io.metalstack.peering.model.rules.ImportReason;

import java.util.List;
import java.util.stream.Stream;

import static java.util.Objects.requireNonNull;

/**
 * Routes a VRF takes from one directly peered VRF: only {@code prefixes}, which are the peer network's own
 * prefixes (for an external peer: its destination prefixes, e.g. the default route, and its own prefixes),
 * restricted to the address families the peering admitted. Never prefixes the peer imported itself.
 * {@code additionalPrefixes} are the peer network's own additional announcable prefixes (pod and service CIDRs):
 * imported like {@code prefixes}, but not required to be there.
 */
public record VrfImport(Vni from, NetworkId network, ImportReason reason, List<IpPrefix> prefixes, List<IpPrefix> additionalPrefixes) {
    public VrfImport {
        requireNonNull(from, "from is null");
        requireNonNull(network, "network is null");
        requireNonNull(reason, "reason is null");
        prefixes = prefixes.stream().sorted().distinct().toList();
        additionalPrefixes = additionalPrefixes.stream().sorted().distinct().toList();
    }

    /** An import without additional prefixes. */
    public VrfImport(Vni from, NetworkId network, ImportReason reason, List<IpPrefix> prefixes) {
        this(from, network, reason, prefixes, List.of());
    }

    public List<IpPrefix> prefixes(AddressFamily family) {
        return prefixes.stream().filter(p -> p.family() == family).toList();
    }

    /** What the import admits in {@code family}: the peer's prefixes and its additional prefixes. */
    public List<IpPrefix> admitted(AddressFamily family) {
        if (additionalPrefixes.isEmpty()) {
            // prefixes are sorted and distinct already (the common case, asked per family by planner and renderer)
            return prefixes(family);
        }
        return Stream.concat(prefixes.stream(), additionalPrefixes.stream())
                .filter(p -> p.family() == family).sorted().distinct().toList();
    }
}
