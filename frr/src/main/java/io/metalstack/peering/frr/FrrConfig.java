package io.metalstack.peering.frr;

import io.metalstack.peering.model.PortName;
import io.metalstack.peering.model.Vni;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The typed FRR configuration of one switch: the vendor model between the intent and the text. Printed by
 * {@link FrrPrinter} in FRR's own {@code show running-config} order, so lists keep the order given here.
 *
 * @param syslog SONiC's extra logging lines ({@code log syslog informational}, {@code log facility local4})
 */
record FrrConfig(FrrName hostname, boolean syslog, List<VrfDef> vrfs, List<InterfaceDef> interfaces,
                 List<BgpInstance> bgp, List<LargeCommunityList> largeCommunityLists,
                 List<PrefixList> prefixLists, List<RouteMap> routeMaps) {
    FrrConfig {
        requireNonNull(hostname, "hostname is null");
        vrfs = List.copyOf(vrfs);
        interfaces = List.copyOf(interfaces);
        bgp = List.copyOf(bgp);
        largeCommunityLists = List.copyOf(largeCommunityLists);
        prefixLists = List.copyOf(prefixLists);
        routeMaps = List.copyOf(routeMaps);
        unique("vrf", vrfs.stream().map(VrfDef::name).toList());
        unique("large-community-list", largeCommunityLists.stream().map(LargeCommunityList::name).toList());
        unique("prefix-list", prefixLists.stream().map(PrefixList::name).toList());
        unique("route-map", routeMaps.stream().map(RouteMap::name).toList());
    }

    private static void unique(String kind, List<FrrName> names) {
        if (names.stream().distinct().count() != names.size()) {
            throw new IllegalArgumentException("duplicate " + kind + " names: " + names);
        }
    }

    /** {@code vrf V} / {@code vni N}: the VRF's L3VNI. */
    record VrfDef(FrrName name, Vni vni) {
        VrfDef {
            requireNonNull(name, "name is null");
            requireNonNull(vni, "vni is null");
        }
    }

    /** {@code interface PORT [vrf V]} with router advertisements on, which BGP unnumbered needs. */
    record InterfaceDef(PortName port, Optional<FrrName> vrf) {
        InterfaceDef {
            requireNonNull(port, "port is null");
            requireNonNull(vrf, "vrf is null");
        }
    }
}
