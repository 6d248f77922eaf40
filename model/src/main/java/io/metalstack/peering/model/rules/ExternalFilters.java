package io.metalstack.peering.model.rules;

import io.metalstack.peering.model.AddressFamily;
import io.metalstack.peering.model.BgpPeer;
import io.metalstack.peering.model.IpPrefix;
import io.metalstack.peering.model.Network;
import io.metalstack.peering.model.NetworkType;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The prefix filters of an external BGP session: the one place that decides what crosses it. The renderer turns each
 * list into a prefix-list (a default route matches only itself, any other prefix also its more-specifics) and a
 * route-map with a final deny, so that nothing else crosses.
 * <ul>
 *   <li><b>Export</b> (to the neighbour): network1's own prefixes, or only the listed {@code exportprefixes} (each
 *       inside network1's own prefixes, see {@link ExternalPeeringRules}). Never network2's prefixes, never a route the
 *       VRF imported from a peer VRF: the session is not transitive.</li>
 *   <li><b>Import</b> (from the neighbour): the default route of the family when network1 or network2 is an internet
 *       network ({@link #isInternet}), plus the listed {@code importprefixes}; nothing else.</li>
 * </ul>
 */
public final class ExternalFilters {
    private ExternalFilters() {}

    /**
     * An internet network: external, with the default route of a family among its destination prefixes
     * ({@code 0.0.0.0/0}, {@code ::/0}). NAT is not required: a public IPv6 network reaches an internet that does not
     * NAT, and {@link Exchange} already keeps private-use space away from one that does.
     */
    public static boolean isInternet(Network n) {
        return n.type() == NetworkType.EXTERNAL && n.destinationPrefixes().stream().anyMatch(IpPrefix::isDefaultRoute);
    }

    /** The prefixes announced to the neighbour, in the given families, sorted. */
    public static List<IpPrefix> exports(Network network1, BgpPeer bgp, Set<AddressFamily> families) {
        List<IpPrefix> source = bgp.exportPrefixes().isEmpty() ? network1.prefixes() : bgp.exportPrefixes();
        return source.stream().filter(p -> families.contains(p.family())).sorted().distinct().toList();
    }

    /** The prefixes accepted from the neighbour, in the given families, sorted. */
    public static List<IpPrefix> imports(Network network1, Optional<Network> network2, BgpPeer bgp, Set<AddressFamily> families) {
        List<IpPrefix> accepted = new ArrayList<>(bgp.importPrefixes());
        Stream.concat(Stream.of(network1), network2.stream()).filter(ExternalFilters::isInternet)
                .flatMap(n -> n.destinationPrefixes().stream()).filter(IpPrefix::isDefaultRoute).forEach(accepted::add);
        return accepted.stream().filter(p -> families.contains(p.family())).sorted().distinct().toList();
    }
}
