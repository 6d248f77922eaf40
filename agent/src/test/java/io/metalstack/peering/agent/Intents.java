package io.metalstack.peering.agent;

import io.metalstack.peering.api.V1SwitchIntent;
import io.metalstack.peering.api.V1VrfImport;
import io.metalstack.peering.api.V1VrfIntent;
import io.metalstack.peering.api.fixture.SwitchIntentBuilder;
import io.metalstack.peering.api.fixture.VrfImportBuilder;
import io.metalstack.peering.api.fixture.VrfIntentBuilder;

import java.util.ArrayList;
import java.util.List;

/** Wire intents of one leaf for the agent's tests: tenant VRFs with their facts and imports. */
final class Intents {
    private Intents() {}

    /** A tenant network as it appears in an intent. */
    record Net(int vni, String id, String project, String type, String port, List<String> prefixes) {
        /** An import from this network, with its facts and its own prefixes. */
        VrfImportBuilder imported(String reason) {
            return VrfImportBuilder.of(vni, id, reason).facts(project, type).prefixes(prefixes);
        }

        V1VrfImport asImport(String reason) {
            return imported(reason).build();
        }

        V1VrfIntent vrf(V1VrfImport... imports) {
            return VrfIntentBuilder.of(vni, id).facts(project, type).vlan(1000 + vni % 1000)
                    .machineports(port == null ? List.of() : List.of(port)).families(families()).ownprefixes(prefixes)
                    .imports(List.of(imports)).build();
        }

        private List<String> families() {
            List<String> f = new ArrayList<>();
            if (prefixes.stream().anyMatch(p -> !p.contains(":"))) {
                f.add("IPv4");
            }
            if (prefixes.stream().anyMatch(p -> p.contains(":"))) {
                f.add("IPv6");
            }
            return f;
        }
    }

    static final Net A = new Net(100, "net-a", "p1", "child", "swp1", List.of("10.0.8.0/22", "2001:db8:8::/64"));
    static final Net B = new Net(200, "net-b", "p1", "child", "swp2", List.of("10.0.16.0/22", "2001:db8:16::/64"));
    static final Net OTHER = new Net(300, "net-o", "p2", "child", "swp3", List.of("10.0.24.0/22"));
    static final Net SHARED = new Net(400, "net-s", "p2", "child-shared", "swp4", List.of("10.0.32.0/22"));
    static final Net INTERNET = new Net(104009, "internet", null, "external", null, List.of("185.1.2.0/24"));

    /** Leaf01 of partition fra-equ01 running {@code os}, without VRFs: its BGP, zone, uplinks and an unprovisioned port. */
    static SwitchIntentBuilder leafOf(String os) {
        return SwitchIntentBuilder.of("leaf01", "fra-equ01", "leaf", os).bgp(4200000011L, "10.0.0.11").zone(1)
                .uplinks(List.of("swp31", "swp32")).unprovisioned(List.of("swp9"));
    }

    static V1SwitchIntent leaf(String os, V1VrfIntent... vrfs) {
        return leafOf(os).vrfs(List.of(vrfs)).build();
    }

    static V1SwitchIntent leaf(V1VrfIntent... vrfs) {
        return leaf("Cumulus", vrfs);
    }

    /** Two networks peered on this leaf for {@code reason}: each imports the other's own prefixes. */
    static V1SwitchIntent peered(Net a, Net b, String reason) {
        return leaf(a.vrf(b.asImport(reason)), b.vrf(a.asImport(reason)));
    }
}
