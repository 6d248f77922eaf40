package io.metalstack.peering.frr.lab;

import io.metalstack.peering.model.AddressFamily;
import io.metalstack.peering.model.IpPrefix;
import io.metalstack.peering.model.PortName;
import io.metalstack.peering.model.plan.SwitchIntent;
import io.metalstack.peering.model.plan.VrfImport;
import io.metalstack.peering.model.plan.VrfIntent;

/**
 * A hand-written Cumulus leaf config in metal-core's shape plus peering, used to develop the lab until
 * {@code FrrRenderer} renders. Not the product: the ITs switch to the renderer's output.
 */
final class HandWrittenLeaf {
    private HandWrittenLeaf() {}

    static String render(SwitchIntent intent) {
        StringBuilder c = new StringBuilder("frr defaults datacenter\nhostname ").append(intent.id()).append("\n!\n");
        for (VrfIntent v : intent.vrfs()) {
            c.append("vrf ").append(name(v)).append("\n vni ").append(v.vni()).append("\nexit-vrf\n!\n");
        }
        for (VrfIntent v : intent.vrfs()) {
            for (PortName p : v.machinePorts()) {
                c.append("interface ").append(p).append(" vrf ").append(name(v)).append("\n ipv6 nd ra-interval 6\n no ipv6 nd suppress-ra\n!\n");
            }
        }
        c.append("router bgp ").append(intent.asn()).append("\n bgp router-id ").append(intent.routerId())
                .append("\n bgp bestpath as-path multipath-relax\n neighbor FABRIC peer-group\n neighbor FABRIC remote-as external\n neighbor FABRIC timers 2 8\n");
        intent.uplinks().forEach(u -> c.append(" neighbor ").append(u).append(" interface peer-group FABRIC\n"));
        c.append(" address-family ipv4 unicast\n  redistribute connected route-map LOOPBACKS\n exit-address-family\n")
                .append(" address-family l2vpn evpn\n  advertise-all-vni\n  neighbor FABRIC activate\n  neighbor FABRIC allowas-in 2\n exit-address-family\n!\n")
                .append("route-map LOOPBACKS permit 10\n match interface lo\n!\n");
        for (VrfIntent v : intent.vrfs()) {
            String vrf = name(v);
            c.append("router bgp ").append(intent.asn()).append(" vrf ").append(vrf).append("\n bgp router-id ").append(intent.routerId())
                    .append("\n bgp bestpath as-path multipath-relax\n neighbor MACHINE peer-group\n neighbor MACHINE remote-as external\n neighbor MACHINE timers 2 8\n");
            v.machinePorts().forEach(p -> c.append(" neighbor ").append(p).append(" interface peer-group MACHINE\n"));
            for (AddressFamily f : AddressFamily.values()) {
                if (!v.families().contains(f)) {
                    continue;
                }
                String six = f == AddressFamily.IPV6 ? "6" : "";
                c.append(" address-family ").append(f == AddressFamily.IPV4 ? "ipv4" : "ipv6").append(" unicast\n  redistribute connected\n");
                if (f == AddressFamily.IPV6) {
                    c.append("  neighbor MACHINE activate\n");
                }
                c.append("  neighbor MACHINE maximum-prefix 24000\n  neighbor MACHINE route-map ").append(vrf).append("-in").append(six).append(" in\n");
                if (!v.imports().isEmpty()) {
                    c.append("  import vrf route-map ").append(vrf).append("-import-map\n");
                    v.imports().forEach(i -> c.append("  import vrf ").append(i.from().cumulusName()).append("\n"));
                }
                c.append(" exit-address-family\n");
            }
            c.append(" address-family l2vpn evpn\n  advertise ipv4 unicast\n  advertise ipv6 unicast\n exit-address-family\n!\n");
            for (AddressFamily f : AddressFamily.values()) {
                String ip = f == AddressFamily.IPV4 ? "ip" : "ipv6";
                String six = f == AddressFamily.IPV6 ? "6" : "";
                int seq = 10;
                for (IpPrefix p : v.ownPrefixes(f)) {
                    c.append(ip).append(" prefix-list ").append(vrf).append("-in").append(six).append("-prefixes seq ").append(seq).append(" permit ")
                            .append(p).append(" le ").append(f.bits()).append("\n");
                    seq += 10;
                }
                if (!v.ownPrefixes(f).isEmpty()) {
                    c.append("route-map ").append(vrf).append("-in").append(six).append(" permit 10\n match ").append(ip)
                            .append(" address prefix-list ").append(vrf).append("-in").append(six).append("-prefixes\n!\n");
                }
            }
            int entry = 10;
            for (VrfImport i : v.imports()) {
                for (AddressFamily f : AddressFamily.values()) {
                    if (i.prefixes(f).isEmpty()) {
                        continue;
                    }
                    String ip = f == AddressFamily.IPV4 ? "ip" : "ipv6";
                    String list = vrf + "-import-from-" + i.from().cumulusName();
                    int seq = 10;
                    for (IpPrefix p : i.prefixes(f)) {
                        c.append(ip).append(" prefix-list ").append(list).append(" seq ").append(seq).append(" permit ").append(p)
                                .append(" le ").append(f.bits()).append("\n");
                        seq += 10;
                    }
                    c.append("route-map ").append(vrf).append("-import-map permit ").append(entry).append("\n match source-vrf ")
                            .append(i.from().cumulusName()).append("\n match ").append(ip).append(" address prefix-list ").append(list).append("\n!\n");
                    entry += 10;
                }
            }
            if (!v.imports().isEmpty()) {
                c.append("route-map ").append(vrf).append("-import-map deny ").append(entry).append("\n!\n");
            }
        }
        return c.toString();
    }

    private static String name(VrfIntent v) {
        return v.vni().cumulusName();
    }
}
