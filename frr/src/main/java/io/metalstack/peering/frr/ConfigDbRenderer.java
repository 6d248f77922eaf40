package io.metalstack.peering.frr;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.metalstack.peering.model.PortName;
import io.metalstack.peering.model.plan.ExternalSession;
import io.metalstack.peering.model.plan.FirewallPort;
import io.metalstack.peering.model.plan.SwitchIntent;
import io.metalstack.peering.model.plan.VrfIntent;

import java.io.UncheckedIOException;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * SONiC's side of the VRFs, as metal-core writes it to CONFIG_DB: per VRF its {@code VRF}, {@code VLAN},
 * {@code VLAN_INTERFACE}, {@code SUPPRESS_VLAN_NEIGH} and {@code VXLAN_TUNNEL_MAP} entries; machine ports'
 * {@code INTERFACE} with {@code vrf_name}; unprovisioned ports as untagged {@code VLAN_MEMBER}s of the PXE VLAN;
 * an external BGP session's port in its VRF with its address ({@code INTERFACE|port|cidr}).
 * The VTEP {@code vtep} and the PXE VLAN itself are static switch configuration, as in metal-core.
 * Output is config_db.json-shaped JSON with every key sorted.
 */
final class ConfigDbRenderer {
    static final String VTEP = "vtep";
    static final int PXE_VLAN = 4000;
    /** Two-space indent, {@code "key": value}, {@code \n} line ends on every platform: what sonic-cfggen writes. */
    private static final ObjectWriter WRITER = new ObjectMapper().writer(
            new DefaultPrettyPrinter(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
                    .withObjectIndenter(new DefaultIndenter("  ", "\n")));

    String render(SwitchIntent intent) {
        SortedMap<String, SortedMap<String, SortedMap<String, String>>> db = new TreeMap<>();
        for (PortName p : intent.uplinks()) {
            put(db, "INTERFACE", p.value(), Map.of("ipv6_use_link_local_only", "enable"));
        }
        for (FirewallPort f : intent.firewalls()) {
            put(db, "INTERFACE", f.port().value(), Map.of("ipv6_use_link_local_only", "enable"));
        }
        for (PortName p : intent.unprovisioned()) {
            put(db, "VLAN_MEMBER", vlan(PXE_VLAN) + "|" + p, Map.of("tagging_mode", "untagged"));
        }
        for (VrfIntent v : intent.vrfs()) {
            String vrf = v.vni().sonicName();
            String vlan = vlan(v.vlan());
            put(db, "VRF", vrf, Map.of("vni", v.vni().toString(), "fallback", "false"));
            put(db, "VLAN", vlan, Map.of("vlanid", Integer.toString(v.vlan())));
            put(db, "VLAN_INTERFACE", vlan, Map.of("vrf_name", vrf));
            put(db, "SUPPRESS_VLAN_NEIGH", vlan, Map.of("suppress", "on"));
            put(db, "VXLAN_TUNNEL_MAP", VTEP + "|map_" + v.vni() + "_" + vlan, Map.of("vlan", vlan, "vni", v.vni().toString()));
            for (PortName p : v.machinePorts()) {
                put(db, "INTERFACE", p.value(), Map.of("vrf_name", vrf, "ipv6_use_link_local_only", "enable"));
            }
        }
        for (ExternalSession e : ExternalLinks.renderable(intent)) {
            put(db, "INTERFACE", e.port().value(), Map.of("vrf_name", e.vrf().sonicName()));
            put(db, "INTERFACE", e.port() + "|" + ExternalLinks.localCidr(e), Map.of());
        }
        try {
            return WRITER.writeValueAsString(db) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String vlan(int id) {
        return "Vlan" + id;
    }

    private static void put(SortedMap<String, SortedMap<String, SortedMap<String, String>>> db, String table, String key,
                            Map<String, String> fields) {
        db.computeIfAbsent(table, t -> new TreeMap<>()).put(key, new TreeMap<>(fields));
    }
}
