package io.metalstack.peering.frr;

import io.metalstack.peering.model.AddressFamily;
import io.metalstack.peering.model.IpPrefix;
import io.metalstack.peering.model.Ipv4Address;
import io.metalstack.peering.model.PortName;
import io.metalstack.peering.model.Vni;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * The typed FRR configuration of one switch: the vendor model between the intent and the text. Printed by
 * {@link FrrPrinter} in FRR's own {@code show running-config} order, so lists keep the order given here.
 *
 * @param globals        the lines before the VRFs: logging, SNMP, vty access, debugging
 * @param staticRoutes   {@code ip route} lines (the management routes)
 * @param protocolBgpMap {@code ip protocol bgp route-map X}: zebra applies X to the routes BGP installs
 */
record FrrConfig(FrrName hostname, Globals globals, List<StaticRoute> staticRoutes, List<VrfDef> vrfs, List<InterfaceDef> interfaces,
                 List<BgpInstance> bgp, List<LargeCommunityList> largeCommunityLists,
                 List<PrefixList> prefixLists, List<RouteMap> routeMaps, Optional<FrrName> protocolBgpMap) {
    FrrConfig {
        requireNonNull(hostname, "hostname is null");
        requireNonNull(globals, "globals is null");
        requireNonNull(protocolBgpMap, "protocolBgpMap is null");
        staticRoutes = List.copyOf(staticRoutes);
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

    /**
     * The lines before the VRFs, each printed only when set and in the order FRR 8.4 shows them in its running config.
     *
     * @param syslog                {@code log syslog <level>}
     * @param facilityLocal4        {@code log facility local4}
     * @param agentx                {@code agentx}: SNMP AgentX, known only to daemons started with the snmp module
     * @param integratedVtyshConfig {@code service integrated-vtysh-config}
     * @param debugs                {@code debug ...} lines
     * @param vtyPasswords          {@code password zebra} and {@code enable password zebra}, metal-core's fixed vty passwords
     * @param cumulusNoPassword     {@code username cumulus nopassword}: vtysh lets user cumulus in without a password
     */
    record Globals(SyslogLevel syslog, boolean facilityLocal4, boolean agentx, boolean integratedVtyshConfig, Set<Debug> debugs,
                   boolean vtyPasswords, boolean cumulusNoPassword) {
        Globals {
            requireNonNull(syslog, "syslog is null");
            debugs = debugs.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(debugs));
        }
    }

    /**
     * A {@code debug} line, spelled and ordered as FRR 8.4's running config shows it (zebra's first). FRR shows
     * metal-core's {@code debug bgp updates} as its two halves, {@code in} and {@code out}.
     */
    enum Debug {
        ZEBRA_EVENTS("debug zebra events"),
        ZEBRA_RIB_DETAILED("debug zebra rib detailed"),
        ZEBRA_NHT_DETAILED("debug zebra nht detailed"),
        ZEBRA_NEXTHOP_DETAIL("debug zebra nexthop detail"),
        BGP_NHT("debug bgp nht"),
        BGP_UPDATE_GROUPS("debug bgp update-groups"),
        BGP_UPDATES_IN("debug bgp updates in"),
        BGP_UPDATES_OUT("debug bgp updates out"),
        BGP_ZEBRA("debug bgp zebra");

        private final String text;

        Debug(String text) {
            this.text = text;
        }

        String text() {
            return text;
        }
    }

    /** {@code ip route PREFIX NEXTHOP nexthop-vrf VRF}: an IPv4 route in the default VRF via a next hop in another VRF. */
    record StaticRoute(IpPrefix prefix, Ipv4Address nexthop, FrrName nexthopVrf) {
        StaticRoute {
            requireNonNull(prefix, "prefix is null");
            requireNonNull(nexthop, "nexthop is null");
            requireNonNull(nexthopVrf, "nexthopVrf is null");
            if (prefix.family() != AddressFamily.IPV4) {
                throw new IllegalArgumentException("ip route takes an IPv4 prefix: " + prefix);
            }
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
