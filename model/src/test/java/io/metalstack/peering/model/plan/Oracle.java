package io.metalstack.peering.model.plan;

import io.metalstack.peering.model.AddressFamily;
import io.metalstack.peering.model.IpPrefix;
import io.metalstack.peering.model.Machine;
import io.metalstack.peering.model.MachineConnection;
import io.metalstack.peering.model.MachineRole;
import io.metalstack.peering.model.Network;
import io.metalstack.peering.model.NetworkType;
import io.metalstack.peering.model.Peering;
import io.metalstack.peering.model.PeeringType;
import io.metalstack.peering.model.Switch;
import io.metalstack.peering.model.rules.ImportReason;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * An independent model of what every switch must import, written from the rules' text (DESIGN §3 rules 2, 3, 6,
 * §4) and deliberately not from the planner's code: plain strings and integers, a brute-force pass over all
 * peerings per switch.
 */
final class Oracle {
    /** Per switch, per VRF (VNI): its local ports and, per source VNI, "reason prefixes…". */
    record Expected(Map<String, Map<Integer, Vrf>> switches) {}

    record Vrf(Set<String> ports, Map<Integer, String> imports) {}

    private final Inventory inventory;
    private final Map<String, Network> networks = new HashMap<>();

    Oracle(Inventory inventory) {
        this.inventory = inventory;
        inventory.networks().forEach(n -> networks.put(n.id().value(), n));
    }

    /** Why the rules let these two networks exchange routes, or empty when they must not. */
    Optional<ImportReason> allowed(Peering p) {
        Network a = networks.get(p.network1().value()), b = networks.get(p.network2().orElseThrow().value());
        if (a == null || b == null || a == b) {
            return Optional.empty();
        }
        boolean bothPrivate = a.type() != NetworkType.EXTERNAL && b.type() != NetworkType.EXTERNAL;
        if (bothPrivate && !a.partition().equals(b.partition())) {
            return Optional.empty(); // rule 3
        }
        if (a.project().isPresent() && a.project().equals(b.project())) {
            return Optional.of(ImportReason.SAME_PROJECT);
        }
        for (Network n : new Network[] {a, b}) {
            if (n.type() == NetworkType.EXTERNAL && "true".equals(n.labels().values().get("network.metal-stack.io/peerable"))) {
                return Optional.of(ImportReason.EXTERNAL);
            }
        }
        if (bothPrivate && (a.type() == NetworkType.CHILD_SHARED || b.type() == NetworkType.CHILD_SHARED)) {
            return Optional.of(ImportReason.SHARED);
        }
        return Optional.empty();
    }

    /** Rule 6, restated: per family both sides have routes, and no private-use space goes to a NAT-ing external network. */
    Set<AddressFamily> families(Network a, Network b) {
        Set<AddressFamily> out = new TreeSet<>();
        for (AddressFamily f : AddressFamily.values()) {
            if (!has(a, f) || !has(b, f) || behindNat(a, b, f) || behindNat(b, a, f)) {
                continue;
            }
            out.add(f);
        }
        return out;
    }

    private static boolean has(Network n, AddressFamily f) {
        return n.prefixes().stream().anyMatch(p -> p.family() == f)
                || (n.type() == NetworkType.EXTERNAL && n.destinationPrefixes().stream().anyMatch(p -> p.family() == f));
    }

    private static boolean behindNat(Network priv, Network ext, AddressFamily f) {
        return priv.type() != NetworkType.EXTERNAL && ext.type() == NetworkType.EXTERNAL && ext.nat()
                && priv.prefixes().stream().anyMatch(p -> p.family() == f && p.isPrivateUse());
    }

    /**
     * What a VRF may take from a directly peered network: its own space, and an external's destinations; with a
     * selection of that network's side, only the selected prefixes of an exchanged family that lie in its own space.
     */
    static TreeSet<String> routes(Network n, Set<AddressFamily> families, Optional<java.util.List<IpPrefix>> selected) {
        if (selected.isPresent()) {
            TreeSet<String> out = new TreeSet<>();
            for (IpPrefix s : selected.get()) {
                if (families.contains(s.family()) && n.prefixes().stream().anyMatch(own -> own.block().contains(s.block()))) {
                    out.add(s.toString());
                }
            }
            return out;
        }
        TreeSet<String> out = new TreeSet<>();
        n.prefixes().stream().filter(p -> families.contains(p.family())).map(IpPrefix::toString).forEach(out::add);
        if (n.type() == NetworkType.EXTERNAL) {
            n.destinationPrefixes().stream().filter(p -> families.contains(p.family())).map(IpPrefix::toString).forEach(out::add);
        }
        return out;
    }

    /** True when some peering the rules forbid has a side with a local VRF: the planner must refuse the inventory. */
    boolean mustRefuse() {
        Map<String, Set<String>> local = localNetworks();
        Set<String> anywhere = local.values().stream().flatMap(Set::stream).collect(Collectors.toSet());
        return inventory.peerings().stream().filter(p -> p.type() == PeeringType.LOCAL)
                .anyMatch(p -> allowed(p).isEmpty()
                        && (anywhere.contains(p.network1().value()) || anywhere.contains(p.network2().orElseThrow().value())));
    }

    /** Per switch id the networks with a machine port there. */
    Map<String, Set<String>> localNetworks() {
        Map<String, Set<String>> out = new HashMap<>();
        inventory.switches().forEach(s -> out.put(s.id().value(), new TreeSet<>()));
        for (Machine m : inventory.machines()) {
            if (m.role() != MachineRole.MACHINE || m.allocation().isEmpty()) {
                continue;
            }
            for (MachineConnection c : m.connections()) {
                out.get(c.switchId().value()).add(m.allocation().get().networks().get(0).value());
            }
        }
        return out;
    }

    Expected expected() {
        Map<String, Set<String>> local = localNetworks();
        Map<String, Map<Integer, Vrf>> out = new TreeMap<>();
        for (Switch s : inventory.switches()) {
            String sw = s.id().value();
            Map<Integer, Vrf> vrfs = new TreeMap<>();
            for (String id : local.get(sw)) {
                vrfs.put(vni(id), new Vrf(ports(sw, id), new TreeMap<>()));
            }
            for (Peering p : inventory.peerings()) {
                if (p.type() != PeeringType.LOCAL) {
                    continue;
                }
                String x = p.network1().value(), y = p.network2().orElseThrow().value();
                boolean xLocal = local.get(sw).contains(x), yLocal = local.get(sw).contains(y);
                if (!xLocal && !yLocal) {
                    continue;
                }
                ImportReason reason = allowed(p).orElseThrow(() -> new AssertionError("oracle fed a forbidden peering " + p.id()));
                Set<AddressFamily> families = families(networks.get(x), networks.get(y));
                if (families.isEmpty()) {
                    continue;
                }
                // both VRFs are on this switch; each imports the other's own routes (a peer VRF: only from local ones)
                vrfs.computeIfAbsent(vni(x), k -> new Vrf(Set.of(), new TreeMap<>())).imports()
                        .put(vni(y), reason + " " + routes(networks.get(y), families, p.exchange().network2()));
                vrfs.computeIfAbsent(vni(y), k -> new Vrf(Set.of(), new TreeMap<>())).imports()
                        .put(vni(x), reason + " " + routes(networks.get(x), families, p.exchange().network1()));
            }
            out.put(sw, vrfs);
        }
        return new Expected(out);
    }

    private int vni(String network) {
        return networks.get(network).vrf().orElseThrow().value();
    }

    private Set<String> ports(String sw, String network) {
        if (ports == null) {
            ports = new HashMap<>();
            for (Machine m : inventory.machines()) {
                if (m.role() == MachineRole.MACHINE && m.allocation().isPresent()) {
                    String n = m.allocation().get().networks().get(0).value();
                    m.connections().forEach(c -> ports.computeIfAbsent(c.switchId().value() + " " + n, k -> new TreeSet<>())
                            .add(c.port().value()));
                }
            }
        }
        return ports.getOrDefault(sw + " " + network, Set.of());
    }

    private Map<String, Set<String>> ports;

    /** The plan in the oracle's shape. */
    static Expected actual(Plan plan) {
        Map<String, Map<Integer, Vrf>> out = new TreeMap<>();
        plan.intents().forEach((id, intent) -> {
            Map<Integer, Vrf> vrfs = new TreeMap<>();
            for (VrfIntent v : intent.vrfs()) {
                Map<Integer, String> imports = new TreeMap<>();
                v.imports().forEach(i -> imports.put(i.from().value(), i.reason() + " "
                        + i.prefixes().stream().map(IpPrefix::toString).collect(Collectors.toCollection(TreeSet::new))));
                vrfs.put(v.vni().value(), new Vrf(v.machinePorts().stream().map(Object::toString).collect(Collectors.toCollection(TreeSet::new)), imports));
            }
            out.put(id.value(), vrfs);
        });
        return new Expected(out);
    }
}
