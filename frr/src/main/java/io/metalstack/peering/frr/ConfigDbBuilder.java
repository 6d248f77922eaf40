package io.metalstack.peering.frr;

import io.metalstack.peering.model.PortName;
import io.metalstack.peering.model.Vni;
import io.metalstack.peering.model.plan.ExternalSession;
import io.metalstack.peering.model.plan.FirewallPort;
import io.metalstack.peering.model.plan.SwitchIntent;
import io.metalstack.peering.model.plan.VrfIntent;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * SONiC's side as CONFIG_DB tables ({@link ConfigDb}, printed by {@link ConfigDbPrinter}). What metal-core's applier writes: per
 * VRF its {@code VRF}, {@code VLAN}, {@code VLAN_INTERFACE}, {@code SUPPRESS_VLAN_NEIGH} and {@code VXLAN_TUNNEL_MAP}
 * entries; uplink, firewall and machine ports' {@code INTERFACE} (link-local only, machine ports with {@code vrf_name});
 * unprovisioned ports as untagged {@code VLAN_MEMBER}s of the PXE VLAN; {@code PORT} MTU (9216 fabric, 9000 machine
 * side) and {@code admin_status up}. What metal-stack's switches have as static config, rendered from the
 * {@link SwitchLocal} facts so that the file describes the whole switch: {@code LOOPBACK_INTERFACE}, the management
 * VRF and eth0 ({@code MGMT_VRF_CONFIG}, {@code MGMT_INTERFACE}), the VTEP ({@code VXLAN_TUNNEL}, {@code VXLAN_EVPN_NVO}),
 * the PXE VLAN with metal-core's SVI address and its VXLAN, the additional bridge VLANs, and the blade ports as tagged
 * members of the PXE and additional VLANs (metal-core's SONiC applier leaves those two alone; Cumulus' bridge makes
 * such ports trunks). An external BGP session's port gets its address in its VRF ({@code INTERFACE|port|cidr}).
 */
final class ConfigDbBuilder {
    static final String VTEP = "vtep";
    static final String NVO = "nvo";
    static final String LOOPBACK = "Loopback0";
    ConfigDb build(SwitchIntent intent, SwitchLocal local) {
        SortedMap<String, SortedMap<String, SortedMap<String, String>>> db = new TreeMap<>();
        String loopback = intent.routerId().toString();
        put(db, "LOOPBACK_INTERFACE", LOOPBACK, Map.of());
        put(db, "LOOPBACK_INTERFACE", LOOPBACK + "|" + loopback + "/32", Map.of());
        put(db, "MGMT_VRF_CONFIG", "vrf_global", Map.of("mgmtVrfEnabled", "true"));
        local.managementAddress().ifPresent(a -> put(db, "MGMT_INTERFACE",
                "eth0|" + a.address().toCanonicalString() + "/" + a.length().orElse(32),
                local.managementGateway().map(gw -> Map.of("gwaddr", gw.toString())).orElse(Map.of())));
        put(db, "VXLAN_TUNNEL", VTEP, Map.of("src_ip", loopback));
        put(db, "VXLAN_EVPN_NVO", NVO, Map.of("source_vtep", VTEP));
        for (PortName p : intent.uplinks()) {
            port(db, p, InterfacesBuilder.MTU_FABRIC);
            put(db, "INTERFACE", p.value(), Map.of("ipv6_use_link_local_only", "enable"));
        }
        for (FirewallPort f : intent.firewalls()) {
            port(db, f.port(), InterfacesBuilder.MTU_FABRIC);
            put(db, "INTERFACE", f.port().value(), Map.of("ipv6_use_link_local_only", "enable"));
        }
        String pxe = vlan(local.pxeVlan().value());
        put(db, "VLAN", pxe, Map.of("vlanid", local.pxeVlan().toString()));
        put(db, "VLAN_INTERFACE", pxe, Map.of());
        local.metalCoreCidr().ifPresent(a -> put(db, "VLAN_INTERFACE", pxe + "|" + a, Map.of()));
        tunnelMap(db, local.pxeVni(), pxe);
        for (PortName p : intent.unprovisioned()) {
            port(db, p, InterfacesBuilder.MTU_MACHINE);
            put(db, "VLAN_MEMBER", pxe + "|" + p, Map.of("tagging_mode", "untagged"));
        }
        List<String> bladeVlans = new ArrayList<>(List.of(pxe));
        for (VlanRange r : local.bridgeVids()) {
            for (VlanId id : r.ids()) {
                put(db, "VLAN", vlan(id.value()), Map.of("vlanid", id.toString()));
                bladeVlans.add(vlan(id.value()));
            }
        }
        for (PortName p : local.bladePorts()) {
            port(db, p, InterfacesBuilder.MTU_MACHINE);
            bladeVlans.forEach(v -> put(db, "VLAN_MEMBER", v + "|" + p, Map.of("tagging_mode", "tagged")));
        }
        for (VrfIntent v : intent.vrfs()) {
            String vrf = v.vni().sonicName();
            String vlan = vlan(v.vlan());
            put(db, "VRF", vrf, Map.of("vni", v.vni().toString(), "fallback", "false"));
            put(db, "VLAN", vlan, Map.of("vlanid", Integer.toString(v.vlan())));
            put(db, "VLAN_INTERFACE", vlan, Map.of("vrf_name", vrf));
            put(db, "SUPPRESS_VLAN_NEIGH", vlan, Map.of("suppress", "on"));
            tunnelMap(db, v.vni(), vlan);
            for (PortName p : v.machinePorts()) {
                port(db, p, InterfacesBuilder.MTU_MACHINE);
                put(db, "INTERFACE", p.value(), Map.of("vrf_name", vrf, "ipv6_use_link_local_only", "enable"));
            }
        }
        for (ExternalSession e : ExternalLinks.renderable(intent)) {
            put(db, "INTERFACE", e.port().value(), Map.of("vrf_name", e.vrf().sonicName()));
            put(db, "INTERFACE", e.port() + "|" + ExternalLinks.localCidr(e), Map.of());
        }
        return new ConfigDb(db);
    }

    /** {@code PORT|p}: metal-core sets the MTU and brings every port it configures up. */
    private static void port(SortedMap<String, SortedMap<String, SortedMap<String, String>>> db, PortName p, int mtu) {
        put(db, "PORT", p.value(), Map.of("admin_status", "up", "mtu", Integer.toString(mtu)));
    }

    private static void tunnelMap(SortedMap<String, SortedMap<String, SortedMap<String, String>>> db, Vni vni, String vlan) {
        put(db, "VXLAN_TUNNEL_MAP", VTEP + "|map_" + vni + "_" + vlan, Map.of("vlan", vlan, "vni", vni.toString()));
    }

    private static String vlan(int id) {
        return "Vlan" + id;
    }

    private static void put(SortedMap<String, SortedMap<String, SortedMap<String, String>>> db, String table, String key,
                            Map<String, String> fields) {
        db.computeIfAbsent(table, t -> new TreeMap<>()).put(key, new TreeMap<>(fields));
    }
}
