package io.metalstack.peering.frr;

import io.metalstack.peering.model.AddressFamily;

import java.util.ArrayList;
import java.util.List;

/**
 * Prints an {@link FrrConfig} as {@code frr.conf} text, in the order FRR 8.4 itself writes its running config
 * (checked with {@code show running-config} after loading), so that frr-reload computes minimal deltas.
 */
final class FrrPrinter {
    static final int RA_INTERVAL = 6;
    /** FRR numbers community-list entries in steps of 5 when it writes them; so do we, to match its running config. */
    static final int COMMUNITY_LIST_SEQ_STEP = 5;

    String print(FrrConfig config) {
        StringBuilder out = new StringBuilder(1 << 16);
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
            line(out, staticRoute(r));
        }
        if (!config.staticRoutes().isEmpty()) {
            line(out, "!");
        }
        for (FrrConfig.VrfDef vrf : config.vrfs()) {
            line(out, vrfHeader(vrf.name()));
            line(out, " ", vni(vrf));
            line(out, "exit-vrf");
            line(out, "!");
        }
        for (FrrConfig.InterfaceDef i : config.interfaces()) {
            line(out, interfaceHeader(i));
            INTERFACE_LINES.forEach(l -> line(out, " ", l));
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
                        line(out, prefixListLine(list, e));
                    }
                }
            }
            if (any) {
                line(out, "!");
            }
        }
        for (LargeCommunityList list : config.largeCommunityLists()) {
            communityListLines(list).forEach(l -> line(out, l));
        }
        if (!config.largeCommunityLists().isEmpty()) {
            line(out, "!");
        }
        for (RouteMap map : config.routeMaps()) {
            for (RouteMap.Entry e : map.entries()) {
                line(out, routeMapHeader(map.name(), e.action(), e.seq()));
                e.matches().forEach(m -> line(out, " ", m.text()));
                e.sets().forEach(s -> line(out, " ", s.text()));
                line(out, "exit");
                line(out, "!");
            }
        }
        config.protocolBgpMap().ifPresent(m -> {
            line(out, protocolBgpMap(m));
            line(out, "!");
        });
        line(out, "line vty");
        line(out, "!");
        line(out, "end");
        return out.toString();
    }

    private void printBgp(StringBuilder out, BgpInstance bgp) {
        line(out, bgpHeader(bgp));
        bgpLines(bgp).forEach(l -> line(out, " ", l));
        for (AddressFamilyConfig af : bgp.families()) {
            line(out, " !");
            line(out, " ", addressFamilyHeader(af.afi()));
            af.statements().forEach(s -> line(out, "  ", s.text()));
            line(out, " exit-address-family");
        }
        line(out, "exit");
        line(out, "!");
    }

    static String staticRoute(FrrConfig.StaticRoute r) {
        return "ip route " + r.prefix() + " " + r.nexthop() + " nexthop-vrf " + r.nexthopVrf();
    }

    static String vrfHeader(FrrName vrf) {
        return "vrf " + vrf;
    }

    static String vni(FrrConfig.VrfDef vrf) {
        return "vni " + vrf.vni();
    }

    static String interfaceHeader(FrrConfig.InterfaceDef i) {
        return "interface " + i.port() + i.vrf().map(v -> " vrf " + v).orElse("");
    }

    /** The lines of every {@code interface} block: router advertisements on, which BGP unnumbered needs. */
    static final List<String> INTERFACE_LINES = List.of("ipv6 nd ra-interval " + RA_INTERVAL, "no ipv6 nd suppress-ra");

    static String bgpHeader(BgpInstance bgp) {
        return "router bgp " + bgp.asn() + bgp.vrf().map(v -> " vrf " + v).orElse("");
    }

    /** The lines of a {@code router bgp} block before its address families, without indentation. */
    static List<String> bgpLines(BgpInstance bgp) {
        List<String> out = new ArrayList<>();
        out.add("bgp router-id " + bgp.routerId());
        out.add("bgp bestpath as-path multipath-relax");
        for (BgpInstance.PeerGroup group : bgp.peerGroups()) {
            out.add("neighbor " + group.name() + " peer-group");
            out.add("neighbor " + group.name() + " remote-as external");
            out.add("neighbor " + group.name() + " timers " + group.keepalive() + " " + group.hold());
        }
        for (BgpInstance.Neighbor n : bgp.neighbors()) {
            out.add("neighbor " + n.port() + " interface peer-group " + n.peerGroup());
        }
        bgp.remotes().forEach(n -> out.addAll(remoteLines(n)));
        return out;
    }

    /** The lines of a numbered eBGP neighbour, without indentation. */
    static List<String> remoteLines(BgpInstance.RemoteNeighbor n) {
        List<String> out = new ArrayList<>();
        out.add("neighbor " + n.address() + " remote-as " + n.remoteAs());
        n.localAs().ifPresent(as -> out.add("neighbor " + n.address() + " local-as " + as + " no-prepend replace-as"));
        n.password().ifPresent(p -> out.add("neighbor " + n.address() + " password " + p.secret()));
        if (n.bfd()) {
            out.add("neighbor " + n.address() + " bfd");
        }
        return out;
    }

    static String addressFamilyHeader(AddressFamilyConfig.Afi afi) {
        return "address-family " + afi.keyword();
    }

    static String prefixListLine(PrefixList list, PrefixList.Entry e) {
        return prefixListKeyword(list.family()) + " prefix-list " + list.name() + " seq " + e.seq() + " "
                + e.action().keyword() + " " + e.prefix() + e.le().map(le -> " le " + le).orElse("");
    }

    /** One line per member, numbered as FRR numbers them. */
    static List<String> communityListLines(LargeCommunityList list) {
        List<String> out = new ArrayList<>();
        int seq = COMMUNITY_LIST_SEQ_STEP;
        for (LargeCommunity member : list.members()) {
            out.add("bgp large-community-list standard " + list.name() + " seq " + seq + " permit " + member);
            seq += COMMUNITY_LIST_SEQ_STEP;
        }
        return out;
    }

    static String routeMapHeader(FrrName map, Action action, int seq) {
        return "route-map " + map + " " + action.keyword() + " " + seq;
    }

    static String protocolBgpMap(FrrName map) {
        return "ip protocol bgp route-map " + map;
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

    /** An indented line, appended in place: a 1,000-leaf fabric prints millions of them. */
    private static void line(StringBuilder out, String indent, String text) {
        out.append(indent).append(text).append('\n');
    }
}
