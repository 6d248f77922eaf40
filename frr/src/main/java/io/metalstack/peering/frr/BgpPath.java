package io.metalstack.peering.frr;

import io.metalstack.peering.model.IpPrefix;

import java.util.Comparator;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * One path of a prefix in a VRF's BGP table, as FRR shows it.
 *
 * @param valid     FRR considers the path usable (its next hop resolves)
 * @param best      FRR selected it as the best path of the prefix
 * @param nhVrfName the VRF the path was leaked from ({@code import vrf}); empty for the VRF's own routes
 */
public record BgpPath(IpPrefix prefix, boolean valid, boolean best, Optional<String> nhVrfName) implements Comparable<BgpPath> {
    private static final Comparator<BgpPath> ORDER = Comparator.comparing(BgpPath::prefix)
            .thenComparing(p -> p.nhVrfName().orElse(""))
            .thenComparing(BgpPath::best, Comparator.reverseOrder())
            .thenComparing(BgpPath::valid, Comparator.reverseOrder());

    public BgpPath {
        requireNonNull(prefix, "prefix is null");
        requireNonNull(nhVrfName, "nhVrfName is null");
    }

    /** True when the path was leaked into this VRF from another one. */
    public boolean leaked() {
        return nhVrfName.isPresent();
    }

    @Override
    public int compareTo(BgpPath o) {
        return ORDER.compare(this, o);
    }
}
