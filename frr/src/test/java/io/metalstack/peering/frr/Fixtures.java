package io.metalstack.peering.frr;

import io.metalstack.peering.model.AddressFamily;
import io.metalstack.peering.model.Asn;
import io.metalstack.peering.model.BgpPeer;
import io.metalstack.peering.model.InterfaceAddress;
import io.metalstack.peering.model.IpPrefix;
import io.metalstack.peering.model.Ipv4Address;
import io.metalstack.peering.model.NetworkId;
import io.metalstack.peering.model.PartitionId;
import io.metalstack.peering.model.PeeringId;
import io.metalstack.peering.model.PortName;
import io.metalstack.peering.model.SwitchId;
import io.metalstack.peering.model.SwitchOs;
import io.metalstack.peering.model.SwitchRole;
import io.metalstack.peering.model.Vni;
import io.metalstack.peering.model.plan.ExternalSession;
import io.metalstack.peering.model.plan.FirewallPort;
import io.metalstack.peering.model.rules.ImportReason;
import io.metalstack.peering.model.plan.SwitchIntent;
import io.metalstack.peering.model.plan.VrfImport;
import io.metalstack.peering.model.plan.VrfIntent;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Hand-built switch intents for the golden cases (not the planner's output: the planner is tested on its own).
 * Networks are described once and every case peers some of them; a peering always adds the import in both
 * directions, as the planner does.
 */
public final class Fixtures {
    /** A network as the renderer sees it: VNI, own prefixes (what peers import from it). */
    public record Net(String id, int vni, List<String> prefixes) {
        public Net(String id, int vni, String... prefixes) {
            this(id, vni, List.of(prefixes));
        }

        Vni vniValue() {
            return Vni.of(vni);
        }

        List<IpPrefix> ownPrefixes() {
            return prefixes.stream().map(IpPrefix::parse).toList();
        }
    }

    public static final Net PRIVATE_A = new Net("private-a", 100, "10.0.8.0/22");
    public static final Net PRIVATE_B = new Net("private-b", 200, "10.0.16.0/22");
    public static final Net PRIVATE_C = new Net("private-c", 300, "10.0.24.0/22");
    /** A shared network of another project (storage). */
    public static final Net SHARED = new Net("storage-shared", 400, "10.0.32.0/22");
    public static final Net DUAL_A = new Net("dual-a", 110, "10.0.40.0/22", "2001:db8:0:40::/64");
    public static final Net DUAL_B = new Net("dual-b", 210, "10.0.48.0/22", "2001:db8:0:48::/64");
    /** Dual-stack private network whose IPv6 is public, so it may peer with the internet over IPv6. */
    public static final Net PUBLIC_V6 = new Net("public-v6", 120, "10.0.56.0/22", "2a02:c00:20::/64");
    /** The internet: NAT for IPv4; what a peer imports from it is its destination prefixes and its own prefixes. */
    public static final Net INTERNET = new Net("internet", 104009, "185.1.2.0/24", "2a02:c00:ffff::/48");
    /** A network with public prefixes in both families, peered with an ISP on the exit switch. */
    public static final Net PUBLIC = new Net("public-dual", 130, "185.10.0.0/24", "2a02:c00:30::/64");
    public static final List<IpPrefix> INTERNET_IMPORT_V6 = List.of(IpPrefix.parse("::/0"), IpPrefix.parse("2a02:c00:ffff::/48"));

    /** The golden cases, by directory name. Each builds the same leaf in the given OS. */
    public static Map<String, Function<SwitchOs, SwitchIntent>> cases() {
        Map<String, Function<SwitchOs, SwitchIntent>> c = new LinkedHashMap<>();
        c.put("no-peering", os -> leaf(os)
                .local(PRIVATE_A, 0, 1).local(PRIVATE_B, 2).build());
        c.put("private-private", os -> leaf(os)
                .local(PRIVATE_A, 0, 1).local(PRIVATE_B, 2)
                .peer(PRIVATE_A, PRIVATE_B, ImportReason.SAME_PROJECT).build());
        c.put("private-shared", os -> leaf(os)
                .local(PRIVATE_A, 0).instantiated(SHARED)
                .peer(PRIVATE_A, SHARED, ImportReason.SHARED).build());
        c.put("private-external", os -> leaf(os)
                .local(PUBLIC_V6, 0).instantiated(INTERNET)
                .importOnly(PUBLIC_V6, INTERNET, ImportReason.EXTERNAL, INTERNET_IMPORT_V6)
                .importOnly(INTERNET, PUBLIC_V6, ImportReason.EXTERNAL, List.of(IpPrefix.parse("2a02:c00:20::/64")))
                .build());
        c.put("three-peers", os -> leaf(os)
                .local(PRIVATE_A, 0).local(PRIVATE_B, 1).instantiated(PRIVATE_C).instantiated(SHARED)
                .peer(PRIVATE_A, PRIVATE_B, ImportReason.SAME_PROJECT)
                .peer(PRIVATE_A, PRIVATE_C, ImportReason.SAME_PROJECT)
                .peer(PRIVATE_A, SHARED, ImportReason.SHARED).build());
        c.put("dual-stack", os -> leaf(os)
                .local(DUAL_A, 0).local(DUAL_B, 1)
                .peer(DUAL_A, DUAL_B, ImportReason.SAME_PROJECT).build());
        c.put("peer-vrf-without-port", os -> leaf(os, "leaf02", 4200000012L, "10.0.0.12", 2)
                .local(PRIVATE_A, 0).instantiated(PRIVATE_B)
                .peer(PRIVATE_A, PRIVATE_B, ImportReason.SAME_PROJECT).build());
        c.put("external-sessions", os -> leaf(os, "exit01", 4200000031L, "10.0.0.31", 1).exit()
                .instantiated(PUBLIC)
                .session(os, "isp-v4", 40, "172.16.0.1/30", 65000, "172.16.0.2/30", 65001, true, "0.0.0.0/0")
                .session(os, "isp-v6", 44, "2001:db8:ff::/127", 4200000031L, "2001:db8:ff::1/127", 65002, false, "::/0")
                .build());
        // what operators set beyond the MEP: a password, a lower maximum-prefix, listed import and export prefixes, a /31
        c.put("external-options", os -> leaf(os, "exit02", 4200000032L, "10.0.0.32", 1).exit()
                .instantiated(PUBLIC)
                .session(new ExternalSession(PeeringId.parse("isp-opts"), machinePort(os, 48), PUBLIC.vniValue(),
                        InterfaceAddress.parse("172.16.0.4/31"), Asn.of(65000), InterfaceAddress.parse("172.16.0.5/31"), Asn.of(65001),
                        List.of(IpPrefix.parse("185.10.0.0/25")), List.of(IpPrefix.parse("0.0.0.0/0"), IpPrefix.parse("203.0.113.0/24")),
                        200, true, true, Optional.of(BgpPeer.Password.of("s3cr3t-Md5_key"))))
                .build());
        // selective exchange: dual-a reaches only 10.0.48.0/24 of dual-b (no IPv6 of it: no IPv6 import from dual-b),
        // dual-b reaches a /23 and a /80 of dual-a; the prefix-lists carry exactly these, with le 32/128 as for whole networks
        c.put("selective", os -> leaf(os)
                .local(DUAL_A, 0).local(DUAL_B, 1)
                .importOnly(DUAL_A, DUAL_B, ImportReason.SAME_PROJECT, List.of(IpPrefix.parse("10.0.48.0/24")))
                .importOnly(DUAL_B, DUAL_A, ImportReason.SAME_PROJECT,
                        List.of(IpPrefix.parse("10.0.40.0/23"), IpPrefix.parse("2001:db8:0:40::/80")))
                .build());
        // the switch-local facts are the point here (LOCALS); the intent is the plain leaf
        c.put("switch-local", os -> leaf(os).local(PRIVATE_A, 0, 1).build());
        return c;
    }

    /** The switch-local facts of a golden case; {@link SwitchLocal#DEFAULTS} where a case has none of its own. */
    public static SwitchLocal local(String caseName, SwitchOs os) {
        if (!caseName.equals("switch-local")) {
            return SwitchLocal.DEFAULTS;
        }
        return SwitchLocal.builder()
                .logLevel(SyslogLevel.DEBUGGING)
                .managementAddress(InterfaceAddress.parse("192.168.0.21/24"))
                .managementGateway(Ipv4Address.parse("192.168.0.1"))
                .managementRoutes(List.of(IpPrefix.parse("10.200.0.0/16"), IpPrefix.parse("10.100.0.0/16")))
                .metalCoreCidr(InterfaceAddress.parse("10.255.255.2/24"))
                .setSrcLoopback(true)
                .pxeVlan(VlanId.of(966))
                .bridgeVids(List.of(VlanRange.parse("301"), VlanRange.parse("201-204")))
                .bladePorts(List.of(machinePort(os, 11), machinePort(os, 10)))
                .build();
    }

    /** {@code base} with other VRFs and external sessions. */
    public static SwitchIntent with(SwitchIntent base, List<VrfIntent> vrfs, List<ExternalSession> external) {
        return new SwitchIntent(base.id(), base.partition(), base.role(), base.os(), base.asn(), base.routerId(), base.zone(),
                base.uplinks(), base.firewalls(), base.unprovisioned(), vrfs, external);
    }

    public static LeafBuilder leaf(SwitchOs os) {
        return leaf(os, "leaf01", 4200000011L, "10.0.0.11", 1);
    }

    public static LeafBuilder leaf(SwitchOs os, String id, long asn, String loopback, int zone) {
        return new LeafBuilder(os, id, asn, loopback, zone);
    }

    /** Port {@code i} of a machine-facing port range, in the OS's naming. */
    public static PortName machinePort(SwitchOs os, int i) {
        return PortName.parse(switch (os) {
            case SONIC -> "Ethernet" + (4 * i);
            case CUMULUS -> "swp" + (i + 1);
        });
    }

    public static final class LeafBuilder {
        private final SwitchOs os;
        private final String id;
        private final long asn;
        private final String loopback;
        private final int zone;
        private final Map<Vni, Net> nets = new LinkedHashMap<>();
        private final Map<Vni, List<PortName>> ports = new LinkedHashMap<>();
        private final Map<Vni, List<VrfImport>> imports = new LinkedHashMap<>();
        private final List<ExternalSession> sessions = new ArrayList<>();
        private boolean exit;

        LeafBuilder(SwitchOs os, String id, long asn, String loopback, int zone) {
            this.os = os;
            this.id = id;
            this.asn = asn;
            this.loopback = loopback;
            this.zone = zone;
        }

        public LeafBuilder local(Net net, int... portIndexes) {
            nets.put(net.vniValue(), net);
            ports.put(net.vniValue(), Arrays.stream(portIndexes).mapToObj(i -> machinePort(os, i)).toList());
            return this;
        }

        /** A VRF instantiated on this leaf only because a local VRF peers with it. */
        public LeafBuilder instantiated(Net net) {
            return local(net);
        }

        /** Both directions, each importing the other's own prefixes. */
        public LeafBuilder peer(Net a, Net b, ImportReason reason) {
            return importOnly(a, b, reason, b.ownPrefixes()).importOnly(b, a, reason, a.ownPrefixes());
        }

        public LeafBuilder importOnly(Net into, Net from, ImportReason reason, List<IpPrefix> prefixes) {
            imports.computeIfAbsent(into.vniValue(), k -> new ArrayList<>())
                    .add(new VrfImport(from.vniValue(), NetworkId.parse(from.id()), reason, prefixes));
            return this;
        }

        /** An exit switch: no firewall, no PXE port. */
        public LeafBuilder exit() {
            exit = true;
            return this;
        }

        /** An external eBGP session in the VRF of the last added network, exporting that network's prefixes of the family. */
        public LeafBuilder session(SwitchOs os, String peering, int port, String local, long localAs, String remote, long remoteAs,
                                   boolean bfd, String... imports) {
            Net net = nets.values().stream().reduce((a, b) -> b).orElseThrow();
            InterfaceAddress l = InterfaceAddress.parse(local);
            sessions.add(new ExternalSession(PeeringId.parse(peering), machinePort(os, port), net.vniValue(), l, Asn.of(localAs),
                    InterfaceAddress.parse(remote), Asn.of(remoteAs),
                    net.ownPrefixes().stream().filter(p -> p.family() == l.family()).toList(),
                    Arrays.stream(imports).map(IpPrefix::parse).toList(), 1000, bfd, false));
            return this;
        }

        /** An external eBGP session as given. */
        public LeafBuilder session(ExternalSession session) {
            sessions.add(session);
            return this;
        }

        public SwitchIntent build() {
            List<VrfIntent> vrfs = new ArrayList<>();
            int vlan = 1001;
            for (Net net : nets.values().stream().sorted((x, y) -> Integer.compare(x.vni(), y.vni())).toList()) {
                List<VrfImport> in = imports.getOrDefault(net.vniValue(), List.of());
                Set<AddressFamily> families = EnumSet.noneOf(AddressFamily.class);
                net.ownPrefixes().forEach(p -> families.add(p.family()));
                in.forEach(i -> i.prefixes().forEach(p -> families.add(p.family())));
                vrfs.add(new VrfIntent(net.vniValue(), NetworkId.parse(net.id()), vlan++, ports.get(net.vniValue()),
                        families, net.ownPrefixes(), in));
            }
            PortName fw = PortName.parse(os == SwitchOs.SONIC ? "Ethernet112" : "swp29");
            List<PortName> uplinks = os == SwitchOs.SONIC
                    ? List.of(PortName.parse("Ethernet120"), PortName.parse("Ethernet124"))
                    : List.of(PortName.parse("swp31"), PortName.parse("swp32"));
            PortName pxe = PortName.parse(os == SwitchOs.SONIC ? "Ethernet116" : "swp30");
            FirewallPort firewall = new FirewallPort(fw, List.of(PRIVATE_A.vniValue(), INTERNET.vniValue()),
                    List.of(IpPrefix.parse("10.0.2.1/32")));
            return new SwitchIntent(SwitchId.parse(id), PartitionId.parse("fra-equ01"), exit ? SwitchRole.EXIT : SwitchRole.LEAF, os,
                    Asn.of(asn), Ipv4Address.parse(loopback), zone, uplinks, exit ? List.of() : List.of(firewall),
                    exit ? List.of() : List.of(pxe), vrfs, sessions);
        }
    }

    private Fixtures() {}
}
