package io.metalstack.peering.frr;

import io.metalstack.peering.model.AddressFamily;
import io.metalstack.peering.model.Asn;
import io.metalstack.peering.model.IpPrefix;
import io.metalstack.peering.model.Ipv4Address;
import io.metalstack.peering.model.NetworkId;
import io.metalstack.peering.model.PartitionId;
import io.metalstack.peering.model.PortName;
import io.metalstack.peering.model.SwitchId;
import io.metalstack.peering.model.SwitchOs;
import io.metalstack.peering.model.SwitchRole;
import io.metalstack.peering.model.Vni;
import io.metalstack.peering.model.plan.FirewallPort;
import io.metalstack.peering.model.rules.ImportReason;
import io.metalstack.peering.model.plan.SwitchIntent;
import io.metalstack.peering.model.plan.VrfImport;
import io.metalstack.peering.model.plan.VrfIntent;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Seeded random switch intents that are valid (no port in two roles, imports only from hosted VRFs, in families
 * both sides serve): the shapes the golden cases do not cover (IPv6-only VRFs, no firewalls, no uplinks,
 * firewalls without VNIs or cidrs, many peers, an external VRF with default routes).
 */
final class RandomIntents {
    private RandomIntents() {}

    private record Draft(Vni vni, NetworkId network, Set<AddressFamily> families, List<IpPrefix> own,
                         List<PortName> ports, boolean external, List<VrfImport> imports) {}

    static SwitchIntent generate(Random random) {
        // java.util.Random's first outputs for small consecutive seeds are alike; step past them
        random.nextLong();
        random.nextLong();
        SwitchOs os = random.nextBoolean() ? SwitchOs.SONIC : SwitchOs.CUMULUS;
        List<PortName> pool = new ArrayList<>();
        for (int i = 0; i < 48; i++) {
            pool.add(PortName.parse(os == SwitchOs.SONIC ? "Ethernet" + 4 * i : "swp" + (i + 1)));
        }
        Collections.shuffle(pool, random);
        int next = 0;

        int vrfCount = 1 + random.nextInt(6);
        List<Draft> drafts = new ArrayList<>();
        for (int i = 0; i < vrfCount; i++) {
            boolean external = i == 0 && random.nextInt(3) == 0;
            Vni vni = Vni.of(external ? 104009 : 10 * (i + 1) + random.nextInt(10));
            Set<AddressFamily> families = switch (random.nextInt(3)) {
                case 0 -> EnumSet.of(AddressFamily.IPV4);
                case 1 -> EnumSet.of(AddressFamily.IPV6);
                default -> EnumSet.allOf(AddressFamily.class);
            };
            List<IpPrefix> own = new ArrayList<>();
            if (families.contains(AddressFamily.IPV4)) {
                own.add(IpPrefix.parse((external ? "185.1." + i : "10." + (i + 1) + ".0") + ".0/24"));
                if (random.nextBoolean()) {
                    own.add(IpPrefix.parse("100.64." + (i + 1) + "." + (random.nextInt(60) * 4) + "/32"));
                }
            }
            if (families.contains(AddressFamily.IPV6)) {
                own.add(IpPrefix.parse("2001:db8:" + (i + 1) + "::/" + (48 + 16 * random.nextInt(2))));
            }
            List<PortName> ports = new ArrayList<>();
            if (!external && random.nextInt(10) < 7) {
                for (int p = random.nextInt(3); p >= 0; p--) {
                    ports.add(pool.get(next++));
                }
            }
            drafts.add(new Draft(vni, NetworkId.parse("net-" + i), families, own, ports, external, new ArrayList<>()));
        }
        for (int i = 0; i < drafts.size(); i++) {
            for (int j = i + 1; j < drafts.size(); j++) {
                if (random.nextInt(10) >= 4) {
                    continue;
                }
                Draft a = drafts.get(i), b = drafts.get(j);
                Set<AddressFamily> both = EnumSet.copyOf(a.families());
                both.retainAll(b.families());
                if (both.isEmpty()) {
                    continue;
                }
                ImportReason reason = a.external() || b.external() ? ImportReason.EXTERNAL
                        : random.nextBoolean() ? ImportReason.SAME_PROJECT : ImportReason.SHARED;
                a.imports().add(new VrfImport(b.vni(), b.network(), reason, exported(b, both)));
                b.imports().add(new VrfImport(a.vni(), a.network(), reason, exported(a, both)));
            }
        }
        List<VrfIntent> vrfs = new ArrayList<>();
        int vlan = 1001;
        for (Draft d : drafts) {
            vrfs.add(new VrfIntent(d.vni(), d.network(), vlan++, d.ports(), d.families(), d.own(), d.imports()));
        }
        List<PortName> uplinks = new ArrayList<>();
        for (int u = random.nextInt(3); u > 0; u--) {
            uplinks.add(pool.get(next++));
        }
        List<FirewallPort> firewalls = new ArrayList<>();
        for (int f = random.nextInt(3); f > 0; f--) {
            List<Vni> vnis = drafts.stream().map(Draft::vni).filter(v -> random.nextBoolean()).toList();
            List<IpPrefix> cidrs = new ArrayList<>();
            if (random.nextBoolean()) {
                cidrs.add(IpPrefix.parse("10.0.2." + (f + 1) + "/32"));
            }
            if (random.nextInt(4) == 0) {
                cidrs.add(IpPrefix.parse("2001:db8:ffff::" + (f + 1) + "/128"));
            }
            firewalls.add(new FirewallPort(pool.get(next++), vnis, cidrs));
        }
        List<PortName> unprovisioned = new ArrayList<>();
        for (int u = random.nextInt(3); u > 0; u--) {
            unprovisioned.add(pool.get(next++));
        }
        int n = 1 + random.nextInt(250);
        return new SwitchIntent(SwitchId.parse("leaf" + n), PartitionId.parse("fra-equ01"), SwitchRole.LEAF, os,
                Asn.of(4200000000L + n), Ipv4Address.parse("10.0.0." + n), 1 + random.nextInt(3), uplinks, firewalls,
                unprovisioned, vrfs, List.of());
    }

    /** What a peer imports from {@code d}: its own prefixes in the families, and for an external VRF its default routes. */
    private static List<IpPrefix> exported(Draft d, Set<AddressFamily> families) {
        List<IpPrefix> out = new ArrayList<>(d.own().stream().filter(p -> families.contains(p.family())).toList());
        if (d.external()) {
            if (families.contains(AddressFamily.IPV4)) {
                out.add(IpPrefix.parse("0.0.0.0/0"));
            }
            if (families.contains(AddressFamily.IPV6)) {
                out.add(IpPrefix.parse("::/0"));
            }
        }
        return out;
    }
}
