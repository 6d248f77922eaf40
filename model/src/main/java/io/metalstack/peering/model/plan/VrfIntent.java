package io.metalstack.peering.model.plan;

import io.metalstack.peering.model.AddressFamily;
import io.metalstack.peering.model.IpPrefix;
import io.metalstack.peering.model.NetworkId;
import io.metalstack.peering.model.PortName;
import io.metalstack.peering.model.Vni;

import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * One tenant VRF on a switch.
 *
 * @param vlan          switch-local VLAN id of the L3VNI (1001..2000), stable across renders
 * @param machinePorts  local ports of machines in this VRF; empty for a peer VRF instantiated only to import from
 * @param families      address families the VRF's BGP instance serves (those of its own prefixes and of its imports)
 * @param ownPrefixes   the network's own prefixes: what machines may announce (inbound prefix-list) and what
 *                      peers import from this VRF
 * @param imports       one entry per directly peered VRF, sorted by VNI
 */
public record VrfIntent(Vni vni, NetworkId network, int vlan, List<PortName> machinePorts, Set<AddressFamily> families,
                        List<IpPrefix> ownPrefixes, List<VrfImport> imports) {
    public VrfIntent {
        requireNonNull(vni, "vni is null");
        requireNonNull(network, "network is null");
        if (vlan < 1 || vlan > 4094) {
            throw new IllegalArgumentException("vlan out of range: " + vlan);
        }
        machinePorts = machinePorts.stream().sorted().distinct().toList();
        families = families.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(families));
        ownPrefixes = ownPrefixes.stream().sorted().distinct().toList();
        imports = imports.stream().sorted(Comparator.comparing(VrfImport::from)).toList();
    }

    /** True when a machine of this VRF is connected here; false for a peer VRF instantiated for imports only. */
    public boolean local() {
        return !machinePorts.isEmpty();
    }

    public List<IpPrefix> ownPrefixes(AddressFamily family) {
        return ownPrefixes.stream().filter(p -> p.family() == family).toList();
    }
}
