package io.metalstack.peering.frr;

import io.metalstack.peering.model.AddressFamily;

/**
 * Prints an {@link FrrConfig} as {@code frr.conf} text, in the order FRR 8.4 itself writes its running config
 * (checked with {@code show running-config} after loading), so that frr-reload computes minimal deltas.
 */
final class FrrPrinter {
    static final int RA_INTERVAL = 6;
    /** FRR numbers community-list entries in steps of 5 when it writes them; so do we, to match its running config. */
    static final int COMMUNITY_LIST_SEQ_STEP = 5;

    String print(FrrConfig config) {
        StringBuilder out = new StringBuilder();
        FrrConfig.Globals g = config.globals();
        line(out, "frr defaults datacenter");
        line(out, "hostname " + config.hostname());
        if (g.cumulusNoPassword()) {
            line(out, "username cumulus nopassword");
        }
        line(out, "log syslog " + g.syslog().frr());
        if (g.facilityLocal4()) {
            line(out, "log facility local4");
        }
        if (g.agentx()) {
            line(out, "agentx");
        }
        if (g.integratedVtyshConfig()) {
            line(out, "service integrated-vtysh-config");
        }
        line(out, "!");
        if (!g.debugs().isEmpty()) {
            for (FrrConfig.Debug d : FrrConfig.Debug.values()) {
                if (g.debugs().contains(d)) {
                    line(out, d.text());
                }
            }
            line(out, "!");
        }
        if (g.vtyPasswords()) {
            line(out, "password zebra");
            line(out, "enable password zebra");
            line(out, "!");
        }
        for (FrrConfig.StaticRoute r : config.staticRoutes()) {
            line(out, "ip route " + r.prefix() + " " + r.nexthop() + " nexthop-vrf " + r.nexthopVrf());
        }
        if (!config.staticRoutes().isEmpty()) {
            line(out, "!");
        }
        for (FrrConfig.VrfDef vrf : config.vrfs()) {
            line(out, "vrf " + vrf.name());
            line(out, " vni " + vrf.vni());
            line(out, "exit-vrf");
            line(out, "!");
        }
        for (FrrConfig.InterfaceDef i : config.interfaces()) {
            line(out, "interface " + i.port() + i.vrf().map(v -> " vrf " + v).orElse(""));
            line(out, " ipv6 nd ra-interval " + RA_INTERVAL);
            line(out, " no ipv6 nd suppress-ra");
            line(out, "exit");
            line(out, "!");
        }
        for (BgpInstance bgp : config.bgp()) {
            printBgp(out, bgp);
        }
        for (AddressFamily family : AddressFamily.values()) {
            boolean any = false;
            for (PrefixList list : config.prefixLists()) {
                if (list.family() == family) {
                    any = true;
                    for (PrefixList.Entry e : list.entries()) {
                        line(out, prefixListKeyword(family) + " prefix-list " + list.name() + " seq " + e.seq() + " "
                                + e.action().keyword() + " " + e.prefix() + e.le().map(le -> " le " + le).orElse(""));
                    }
                }
            }
            if (any) {
                line(out, "!");
            }
        }
        for (LargeCommunityList list : config.largeCommunityLists()) {
            int seq = COMMUNITY_LIST_SEQ_STEP;
            for (LargeCommunity member : list.members()) {
                line(out, "bgp large-community-list standard " + list.name() + " seq " + seq + " permit " + member);
                seq += COMMUNITY_LIST_SEQ_STEP;
            }
        }
        if (!config.largeCommunityLists().isEmpty()) {
            line(out, "!");
        }
        for (RouteMap map : config.routeMaps()) {
            for (RouteMap.Entry e : map.entries()) {
                line(out, "route-map " + map.name() + " " + e.action().keyword() + " " + e.seq());
                e.matches().forEach(m -> line(out, " " + m.text()));
                e.sets().forEach(s -> line(out, " " + s.text()));
                line(out, "exit");
                line(out, "!");
            }
        }
        config.protocolBgpMap().ifPresent(m -> {
            line(out, "ip protocol bgp route-map " + m);
            line(out, "!");
        });
        line(out, "line vty");
        line(out, "!");
        line(out, "end");
        return out.toString();
    }

    private void printBgp(StringBuilder out, BgpInstance bgp) {
        line(out, "router bgp " + bgp.asn() + bgp.vrf().map(v -> " vrf " + v).orElse(""));
        line(out, " bgp router-id " + bgp.routerId());
        line(out, " bgp bestpath as-path multipath-relax");
        for (BgpInstance.PeerGroup group : bgp.peerGroups()) {
            line(out, " neighbor " + group.name() + " peer-group");
            line(out, " neighbor " + group.name() + " remote-as external");
            line(out, " neighbor " + group.name() + " timers " + group.keepalive() + " " + group.hold());
        }
        for (BgpInstance.Neighbor n : bgp.neighbors()) {
            line(out, " neighbor " + n.port() + " interface peer-group " + n.peerGroup());
        }
        for (BgpInstance.RemoteNeighbor n : bgp.remotes()) {
            line(out, " neighbor " + n.address() + " remote-as " + n.remoteAs());
            n.localAs().ifPresent(as -> line(out, " neighbor " + n.address() + " local-as " + as + " no-prepend replace-as"));
            n.password().ifPresent(p -> line(out, " neighbor " + n.address() + " password " + p.secret()));
            if (n.bfd()) {
                line(out, " neighbor " + n.address() + " bfd");
            }
        }
        for (AddressFamilyConfig af : bgp.families()) {
            line(out, " !");
            line(out, " address-family " + af.afi().keyword());
            af.statements().forEach(s -> line(out, "  " + s.text()));
            line(out, " exit-address-family");
        }
        line(out, "exit");
        line(out, "!");
    }

    static String prefixListKeyword(AddressFamily family) {
        return switch (family) {
            case IPV4 -> "ip";
            case IPV6 -> "ipv6";
        };
    }

    private static void line(StringBuilder out, String text) {
        out.append(text).append('\n');
    }
}
