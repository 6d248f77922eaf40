package io.metalstack.peering.frr;

import io.metalstack.peering.model.AddressFamily;
import io.metalstack.peering.model.PortName;

/** The names of policy objects, following metal-core (leaf filters) and metal-networker (import maps). */
final class PolicyNames {
    static final FrrName FABRIC = FrrName.of("FABRIC");
    static final FrrName FIREWALL = FrrName.of("FIREWALL");
    static final FrrName MACHINE = FrrName.of("MACHINE");
    /** Inbound policy on the FABRIC peer-group in l2vpn evpn: zone preference. */
    static final FrrName FABRIC_EVPN_IN = FrrName.of("FABRIC-evpn-in");
    /** Sets the loopback as source address of the routes BGP installs (metal-core's name). */
    static final FrrName SET_SRC = FrrName.of("RM_SET_SRC");
    /** The management VRF, where eth0 lives. */
    static final FrrName MGMT_VRF = FrrName.of("mgmt");
    /** Large-community list matching routes originated in this switch's zone. */
    static final FrrName LOCAL_ZONE = FrrName.of("LOCAL-ZONE");

    private PolicyNames() {}

    /** Machine inbound route-map: {@code <vrf>-in} (IPv4), {@code <vrf>-in6} (IPv6). */
    static FrrName machineIn(FrrName vrf, AddressFamily family) {
        return vrf.suffix(family == AddressFamily.IPV4 ? "-in" : "-in6");
    }

    static FrrName machineInPrefixes(FrrName vrf, AddressFamily family) {
        return machineIn(vrf, family).suffix("-prefixes");
    }

    /** Sets the origin tag on connected routes redistributed into a tenant VRF. */
    static FrrName connected(FrrName vrf) {
        return vrf.suffix("-connected");
    }

    static FrrName importMap(FrrName vrf) {
        return vrf.suffix("-import-map");
    }

    /** {@code <vrf>-import-from-<peer>} (IPv4), {@code <vrf>-import-from-<peer>-ipv6} (IPv6), as metal-networker names them. */
    static FrrName importFrom(FrrName vrf, FrrName peer, AddressFamily family) {
        FrrName v4 = vrf.suffix("-import-from-" + peer);
        return family == AddressFamily.IPV4 ? v4 : v4.suffix("-ipv6");
    }

    /** Large-community list matching the origin tag of a VRF. */
    static FrrName origin(FrrName vrf) {
        return vrf.suffix("-origin");
    }

    static FrrName firewallIn(PortName port, AddressFamily family) {
        return FrrName.of("fw-" + port + (family == AddressFamily.IPV4 ? "-in" : "-in6"));
    }

    static FrrName firewallInPrefixes(PortName port, AddressFamily family) {
        return firewallIn(port, family).suffix("-prefixes");
    }

    static FrrName firewallVni(PortName port) {
        return FrrName.of("fw-" + port + "-vni");
    }

    /** Inbound and outbound policy of an external BGP session, named by its port (one session per port). */
    static FrrName externalIn(PortName port) {
        return FrrName.of("ext-" + port + "-in");
    }

    static FrrName externalOut(PortName port) {
        return FrrName.of("ext-" + port + "-out");
    }
}
