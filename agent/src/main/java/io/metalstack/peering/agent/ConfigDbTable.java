package io.metalstack.peering.agent;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * The CONFIG_DB tables the agent writes, as metal-core's SONiC applier does, in the order SONiC needs them created:
 * a VRF before the VLAN interface and the ports bound to it, a VLAN before its members, interface, neighbour
 * suppression and VNI map (metal-core's own order: VRF, VLAN, SUPPRESS_VLAN_NEIGH, VLAN_INTERFACE, VXLAN_TUNNEL_MAP),
 * a port's INTERFACE entry last but PORT. Deletions run in the reverse order.
 */
enum ConfigDbTable {
    VRF,
    VLAN,
    VLAN_MEMBER,
    SUPPRESS_VLAN_NEIGH,
    VLAN_INTERFACE,
    VXLAN_TUNNEL_MAP,
    INTERFACE,
    /** The platform's ports: the agent owns their {@code admin_status} and {@code mtu}, never a key (speed, lanes, alias are the platform's). */
    PORT;

    static final String ADMIN_STATUS = "admin_status";
    static final String MTU = "mtu";

    /** True where the agent owns whole keys (creates, changes every field of, deletes); false for {@link #PORT}. */
    boolean ownsWholeKeys() {
        return this != PORT;
    }

    /** The fields of a key the agent owns in a table that it does not own whole keys of. */
    Set<String> ownedFields() {
        return ownsWholeKeys() ? Set.of() : Set.of(ADMIN_STATUS, MTU);
    }

    static Optional<ConfigDbTable> named(String name) {
        return Arrays.stream(values()).filter(t -> t.name().equals(name)).findFirst();
    }
}
