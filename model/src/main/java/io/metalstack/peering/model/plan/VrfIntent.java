package io.metalstack.peering.model.plan;

import io.metalstack.peering.model.AddressFamily;
import io.metalstack.peering.model.IpPrefix;
import io.metalstack.peering.model.NetworkId;
import io.metalstack.peering.model.PortName;
import io.metalstack.peering.model.Vni;

import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Stream;

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
 * @param additionalPrefixes the network's additional announcable prefixes (pod and service CIDRs, its own and its
 *                      super network's): machines may announce them like its own prefixes, but nothing requires them
 *                      to be there (a cluster may announce none yet)
 */
public record VrfIntent(Vni vni, NetworkId network, int vlan, List<PortName> machinePorts, Set<AddressFamily> families,
                        List<IpPrefix> ownPrefixes, List<VrfImport> imports, List<IpPrefix> additionalPrefixes) {
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
        additionalPrefixes = additionalPrefixes.stream().sorted().distinct().toList();
    }

    /** A VRF without additional announcable prefixes. */
    public VrfIntent(Vni vni, NetworkId network, int vlan, List<PortName> machinePorts, Set<AddressFamily> families,
                     List<IpPrefix> ownPrefixes, List<VrfImport> imports) {
        this(vni, network, vlan, machinePorts, families, ownPrefixes, imports, List.of());
    }

    /** True when a machine of this VRF is connected here; false for a peer VRF instantiated for imports only. */
    public boolean local() {
        return !machinePorts.isEmpty();
    }

    public List<IpPrefix> ownPrefixes(AddressFamily family) {
        return ownPrefixes.stream().filter(p -> p.family() == family).toList();
    }

    /** What the VRF's machines may announce in {@code family}: its own and its additional announcable prefixes. */
    public List<IpPrefix> announcable(AddressFamily family) {
        return Stream.concat(ownPrefixes.stream(), additionalPrefixes.stream())
                .filter(p -> p.family() == family).sorted().distinct().toList();
    }

    /**
     * The prefixes that must show up in the VRF once its switch converged: its own and those it imports. A prefix
     * observed in the VRF outside {@link #allowedPrefixes()} is a leak; one of these with nothing observed inside it
     * is missing.
     */
    public SortedSet<IpPrefix> requiredPrefixes() {
        TreeSet<IpPrefix> required = new TreeSet<>(ownPrefixes);
        imports.forEach(i -> required.addAll(i.prefixes()));
        return Collections.unmodifiableSortedSet(required);
    }

    /** The {@link #requiredPrefixes()} with nothing inside them among {@code seen}: what the switch does not show yet. */
    public SortedSet<IpPrefix> missing(Collection<IpPrefix> seen) {
        TreeSet<IpPrefix> missing = new TreeSet<>();
        for (IpPrefix e : requiredPrefixes()) {
            if (seen.stream().noneMatch(e::contains)) {
                missing.add(e);
            }
        }
        return Collections.unmodifiableSortedSet(missing);
    }

    /** Everything the VRF may hold: {@link #requiredPrefixes()} plus the additional prefixes of its own and of its imports. */
    public SortedSet<IpPrefix> allowedPrefixes() {
        TreeSet<IpPrefix> allowed = new TreeSet<>(requiredPrefixes());
        allowed.addAll(additionalPrefixes);
        imports.forEach(i -> allowed.addAll(i.additionalPrefixes()));
        return Collections.unmodifiableSortedSet(allowed);
    }
}
