package io.metalstack.peering.model.plan;

import io.metalstack.peering.model.ExchangedPrefixes;
import io.metalstack.peering.model.IpPrefix;
import io.metalstack.peering.model.Network;
import io.metalstack.peering.model.NetworkType;
import io.metalstack.peering.model.SwitchRole;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * Seeded generator of small fabrics for property tests: one or two partitions, projects with private and shared
 * networks (IPv4, IPv6 or both, private-use or public), external networks (NAT or not, peerable or not), machines
 * and firewalls on random leaves, and peerings of which some are deliberately invalid (cross-project,
 * non-peerable external, cross-partition). About a third of the peering sides select a part of their prefixes
 * (selective exchange), drawn from a random of their own so that the fabrics themselves stay those of earlier runs.
 */
final class RandomFabric {
    final Random random;
    final Fabric fabric = new Fabric();
    final List<String> leaves = new ArrayList<>();
    final List<String> peerable = new ArrayList<>();
    /** Ports handed out, as {@code leaf:port}. */
    private final java.util.Set<String> used = new java.util.HashSet<>();
    private int vrf = 100;
    private int block = 1;
    private int machines = 0;
    private int peerings = 0;

    private final Random selections;

    RandomFabric(long seed) {
        this.random = new Random(seed);
        this.selections = new Random(seed * 31 + 7);
    }

    /** A random fabric; {@code invalid} adds peerings the admission would refuse. */
    static Fabric generate(long seed, boolean invalid) {
        return new RandomFabric(seed).build(invalid);
    }

    Fabric build(boolean invalid) {
        int partitions = 1 + random.nextInt(2);
        for (int p = 1; p <= partitions; p++) {
            String partition = "p" + p;
            fabric.partition(partition);
            int leafCount = 2 + random.nextInt(5);
            for (int l = 1; l <= leafCount; l++) {
                String id = partition + "-leaf" + l;
                String[] ports = new String[12];
                for (int i = 0; i < ports.length; i++) {
                    ports[i] = "swp" + (i + 1);
                }
                fabric.switchOf(id, partition, "zone" + random.nextInt(3), SwitchRole.LEAF, ports);
                leaves.add(id);
            }
        }
        int projects = 2 + random.nextInt(4);
        for (int i = 1; i <= projects; i++) {
            fabric.project("proj" + i);
        }
        for (int e = 1; e <= 1 + random.nextInt(2); e++) {
            boolean nat = random.nextBoolean();
            boolean isPeerable = random.nextInt(4) != 0;
            List<String> own = new ArrayList<>();
            own.add(nat ? publicV4() : privateV4());
            if (random.nextBoolean()) {
                own.add(publicV6());
            }
            List<String> destinations = random.nextBoolean() ? List.of("0.0.0.0/0", "::/0") : List.of("0.0.0.0/0");
            String id = "ext" + e;
            fabric.external(id, 104000 + e, isPeerable, nat, own, destinations);
            if (isPeerable) {
                peerable.add(id);
            }
        }
        for (String partition : fabric.partitions.keySet()) {
            for (String project : fabric.projects.keySet()) {
                int count = random.nextInt(4);
                for (int n = 0; n < count; n++) {
                    NetworkType type = random.nextInt(5) == 0 ? NetworkType.CHILD_SHARED : NetworkType.CHILD;
                    fabric.network(partition + "-" + project + "-n" + n, partition, project, type, vrf++, prefixes());
                }
            }
        }
        List<Network> privates = fabric.networks.values().stream().filter(n -> n.type().isPrivate()).toList();
        for (Network n : privates) {
            int count = random.nextInt(4);
            for (int m = 0; m < count; m++) {
                allocate(n, randomLeaves(n.partition().orElseThrow().value()));
            }
        }
        for (int u = 0; u < random.nextInt(4); u++) {
            String[] conns = freePorts(randomLeaves("p1"));
            if (conns.length > 0) {
                fabric.unallocated("free" + machines++, conns);
            }
        }
        if (!privates.isEmpty() && random.nextBoolean()) {
            Network n = privates.get(random.nextInt(privates.size()));
            List<String> fwNetworks = new ArrayList<>(List.of(n.id().value()));
            fwNetworks.addAll(fabric.networks.keySet().stream().filter(id -> id.startsWith("ext")).toList());
            String[] conns = freePorts(randomLeaves(n.partition().orElseThrow().value()));
            if (conns.length > 0) {
                fabric.firewall("fw" + machines++, n.project().orElseThrow().value(), fwNetworks, conns);
            }
        }
        addValidPeerings(privates);
        if (invalid) {
            addInvalidPeerings(privates);
        }
        return fabric;
    }

    private void addValidPeerings(List<Network> privates) {
        int wanted = random.nextInt(2 * privates.size() + 1);
        for (int i = 0; i < wanted * 3 && wanted > 0; i++) {
            Network a = privates.get(random.nextInt(privates.size()));
            List<Network> candidates = fabric.networks.values().stream()
                    .filter(b -> !b.id().equals(a.id()))
                    .filter(b -> (b.type().isPrivate() && b.partition().equals(a.partition())
                            && (b.project().equals(a.project()) || a.shared() || b.shared()))
                            || peerable.contains(b.id().value()))
                    .toList();
            if (!candidates.isEmpty()) {
                peer(a, candidates.get(random.nextInt(candidates.size())));
            }
        }
    }

    private void addInvalidPeerings(List<Network> privates) {
        for (int i = 0; i < 1 + random.nextInt(3); i++) {
            Network a = privates.isEmpty() ? null : privates.get(random.nextInt(privates.size()));
            if (a == null) {
                return;
            }
            List<Network> candidates = fabric.networks.values().stream()
                    .filter(b -> !b.id().equals(a.id()))
                    .filter(b -> (b.type() == NetworkType.CHILD && a.type() == NetworkType.CHILD && !b.project().equals(a.project()))
                            || (b.type() == NetworkType.EXTERNAL && !b.peerable())
                            || (b.type().isPrivate() && !b.partition().equals(a.partition())))
                    .toList();
            if (!candidates.isEmpty()) {
                peer(a, candidates.get(random.nextInt(candidates.size())));
            }
        }
    }

    private void peer(Network a, Network b) {
        boolean exists = fabric.peerings.values().stream().anyMatch(p -> p.involves(a.id()) && p.involves(b.id()));
        if (!exists) {
            String id = "peer" + peerings++;
            Network n1 = random.nextBoolean() ? a : b, n2 = n1 == a ? b : a;
            fabric.peering(id, n1.id().value(), n2.id().value(), selection(selections, n1, n2));
        }
    }

    /**
     * A random selection for a peering of {@code n1} and {@code n2}: per side, in a third of the cases, the first or last
     * half or quarter of some of its prefixes, or the whole prefix; otherwise all.
     */
    static ExchangedPrefixes selection(Random r, Network n1, Network n2) {
        return new ExchangedPrefixes(side(r, n1), side(r, n2));
    }

    private static Optional<List<IpPrefix>> side(Random r, Network n) {
        if (n.prefixes().isEmpty() || r.nextInt(3) != 0) {
            return Optional.empty();
        }
        List<IpPrefix> out = new ArrayList<>();
        for (IpPrefix p : n.prefixes()) {
            if (out.isEmpty() || r.nextBoolean()) {
                int length = Math.min(p.length() + r.nextInt(3), p.family().bits());
                var block = r.nextBoolean() ? p.block().getLower() : p.block().getUpper();
                out.add(IpPrefix.of(block.setPrefixLength(length, false).toPrefixBlock()));
            }
        }
        return Optional.of(out);
    }

    void allocate(Network n, List<String> onLeaves) {
        String[] conns = freePorts(onLeaves);
        if (conns.length > 0) {
            fabric.machine("m" + machines++, n.project().orElseThrow().value(), n.id().value(), conns);
        }
    }

    /** One free port on each of the leaves, as {@code leaf:port}. */
    String[] freePorts(List<String> onLeaves) {
        List<String> out = new ArrayList<>();
        for (String leaf : onLeaves) {
            for (int i = 1; i <= 12; i++) {
                String candidate = leaf + ":swp" + i;
                if (used.add(candidate)) {
                    out.add(candidate);
                    break;
                }
            }
        }
        return out.toArray(String[]::new);
    }

    List<String> randomLeaves(String partition) {
        List<String> inPartition = leaves.stream().filter(l -> l.startsWith(partition + "-")).toList();
        List<String> out = new ArrayList<>();
        out.add(inPartition.get(random.nextInt(inPartition.size())));
        if (random.nextInt(3) == 0) {
            String second = inPartition.get(random.nextInt(inPartition.size()));
            if (!out.contains(second)) {
                out.add(second);
            }
        }
        return out;
    }

    String[] prefixes() {
        return switch (random.nextInt(6)) {
            case 0 -> new String[] {privateV4(), publicV6()};
            case 1 -> new String[] {publicV4(), ulaV6()};
            case 2 -> new String[] {publicV6()};
            case 3 -> new String[] {publicV4()};
            default -> new String[] {privateV4()};
        };
    }

    String privateV4() {
        int k = block++;
        return "10." + (k / 256) + "." + (k % 256) + ".0/24";
    }

    String publicV4() {
        int k = block++;
        return "185." + (k / 256) + "." + (k % 256) + ".0/24";
    }

    String publicV6() {
        return "2001:db8:" + Integer.toHexString(block++) + "::/64";
    }

    String ulaV6() {
        return "fd00:0:" + Integer.toHexString(block++) + "::/64";
    }
}
