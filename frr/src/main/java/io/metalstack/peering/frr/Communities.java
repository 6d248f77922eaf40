package io.metalstack.peering.frr;

import io.metalstack.peering.model.Vni;

/**
 * The fabric's own large communities. The global administrator is a fixed private ASN (RFC 6996) rather than a
 * switch's ASN, because every leaf must set and match the same values.
 */
final class Communities {
    /** Global administrator of all metal-peering large communities. */
    static final long FABRIC = 4200000000L;
    /** {@code FABRIC:1:<vni>}: the route was originated (machine-learned or connected) in tenant VRF {@code vni}. */
    static final long ORIGIN = 1;
    /** {@code FABRIC:2:<zone>}: the route was originated on a leaf in zone {@code zone}. */
    static final long ZONE = 2;

    private Communities() {}

    static LargeCommunity origin(Vni vni) {
        return new LargeCommunity(FABRIC, ORIGIN, vni.value());
    }

    static LargeCommunity zone(int zone) {
        return new LargeCommunity(FABRIC, ZONE, zone);
    }
}
