package io.metalstack.peering.model.plan;

import io.metalstack.peering.model.Allocation;
import io.metalstack.peering.model.DomainException;
import io.metalstack.peering.model.IpPrefix;
import io.metalstack.peering.model.Machine;
import io.metalstack.peering.model.MachineRole;
import io.metalstack.peering.model.Network;
import io.metalstack.peering.model.NetworkId;
import io.metalstack.peering.model.NetworkType;
import io.metalstack.peering.model.Peering;
import io.metalstack.peering.model.PeeringType;
import io.metalstack.peering.model.SwitchId;
import io.metalstack.peering.model.Vni;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

/**
 * Generated fabrics checked against {@link Oracle}, an independent model of the rules. Seeds are fixed,
 * so a failure names the seed that reproduces it.
 */
class PlannerRandomizedTest {
    private static final int FABRICS = 250;
    private static final int CHANGES_PER_FABRIC = 6;

    @Test
    void everyVrfImportsExactlyItsDirectPeersOwnRoutesAcrossTheProjectBoundaryOnlyWithAReason() {
        int refused = 0, imports = 0, peerVrfs = 0;
        for (long seed = 1; seed <= FABRICS; seed++) {
            Inventory withInvalid = RandomFabric.generate(seed, seed % 2 == 0).build();
            Oracle oracleWithInvalid = new Oracle(withInvalid);
            Inventory valid = withoutForbidden(withInvalid, oracleWithInvalid);
            if (oracleWithInvalid.mustRefuse()) {
                refused++;
                long s = seed;
                assertThatThrownBy(() -> Planner.plan(withInvalid)).as("seed %d", s)
                        .isInstanceOf(DomainException.Unprocessable.class).hasMessageContaining("refused");
            } else {
                assertThat(Planner.plan(withInvalid)).as("seed %d: forbidden peerings without a local side emit nothing", seed)
                        .isEqualTo(Planner.plan(valid));
            }

            Plan plan = Planner.plan(valid);
            Oracle oracle = new Oracle(valid);
            assertThat(Oracle.actual(plan)).as("seed %d", seed).isEqualTo(oracle.expected());
            assertInvariants(valid, plan, seed);
            imports += plan.intents().values().stream().mapToInt(i -> i.vrfs().stream().mapToInt(v -> v.imports().size()).sum()).sum();
            peerVrfs += plan.intents().values().stream().mapToLong(i -> i.vrfs().stream().filter(v -> !v.local()).count()).sum();

            Inventory shuffled = shuffle(valid, new Random(seed));
            assertThat(Planner.plan(shuffled)).as("seed %d: deterministic", seed).isEqualTo(plan);
        }
        // the generator must exercise what it claims to
        assertThat(refused).isBetween(FABRICS / 10, FABRICS - FABRICS / 10);
        assertThat(imports).isGreaterThan(FABRICS * 2);
        assertThat(peerVrfs).isGreaterThan(FABRICS);
        System.out.printf("randomized planner: %d fabrics, %d refused, %d imports, %d peer VRFs%n", FABRICS, refused, imports, peerVrfs);
    }

    @Test
    void anIncrementalReplanEqualsTheFullPlanAndTouchesOnlyTheAffectedSwitches() {
        int changes = 0, affectedTotal = 0, switchesTotal = 0;
        for (long seed = 1; seed <= FABRICS; seed++) {
            Random random = new Random(seed * 7919);
            // the inventory as the changes make it, kept apart from the plans' (derived lazily from their indexes)
            Inventory inventory = withoutForbidden(RandomFabric.generate(seed, false).build(), null);
            Plan plan = Planner.plan(inventory);
            for (int i = 0; i < CHANGES_PER_FABRIC; i++) {
                Optional<InventoryChange> change = randomChange(plan.inventory(), random, seed * 100 + i);
                if (change.isEmpty()) {
                    continue;
                }
                InventoryChange c = change.get();
                Plan incremental = Planner.replan(plan, c);
                inventory = c.applyTo(inventory);
                Plan full = Planner.plan(inventory, plan.vlans());
                String what = "seed " + seed + " change " + c;
                assertSameEntities(incremental.inventory(), inventory, what);
                assertThat(incremental).as(what).isEqualTo(full);
                assertThat(incremental.index().maps()).as(what + ": derived index").isEqualTo(new FabricIndex(incremental.inventory()).maps());
                assertThat(Oracle.actual(incremental)).as(what).isEqualTo(new Oracle(incremental.inventory()).expected());
                SortedSet<SwitchId> affected = Planner.affected(plan, c);
                for (SwitchId id : full.intents().keySet()) {
                    if (!full.intents().get(id).equals(plan.intents().get(id))) {
                        assertThat(affected).as(what + ": changed switch %s not reported", id).contains(id);
                    }
                }
                assertVlansStable(plan, incremental, what);
                changes++;
                affectedTotal += affected.size();
                switchesTotal += full.intents().size();
                plan = incremental;
            }
        }
        assertThat(changes).isGreaterThan(FABRICS * CHANGES_PER_FABRIC / 2);
        System.out.printf("incremental planner: %d changes, %d of %d switch plans recomputed%n", changes, affectedTotal, switchesTotal);
    }

    @Test
    void planningTheSwitchesInParallelGivesTheSamePlanAndFailuresAsOneAfterTheOther() {
        int failed = 0;
        for (long seed = 1; seed <= FABRICS; seed++) {
            Inventory inventory = RandomFabric.generate(seed, seed % 2 == 0).build();
            Plan sequential = Planner.planEach(inventory, Map.of(), Map.of(), Integer.MAX_VALUE);
            Plan parallel = Planner.planEach(inventory, Map.of(), Map.of(), 1);
            assertThat(parallel).as("seed %d", seed).isEqualTo(sequential);
            assertThat(parallel.failures().keySet()).as("seed %d", seed).isEqualTo(sequential.failures().keySet());
            parallel.failures().forEach((id, e) -> assertThat(e).hasMessage(sequential.failures().get(id).getMessage()));
            failed += sequential.failures().size();
        }
        assertThat(failed).as("the generator makes switches fail to plan").isPositive();
    }

    /** The same entities of every kind, in any order (a derived inventory lists a changed kind in its map's order). */
    private static void assertSameEntities(Inventory actual, Inventory expected, String what) {
        assertThat(actual.partitions()).as(what + ": partitions").containsExactlyInAnyOrderElementsOf(expected.partitions());
        assertThat(actual.projects()).as(what + ": projects").containsExactlyInAnyOrderElementsOf(expected.projects());
        assertThat(actual.networks()).as(what + ": networks").containsExactlyInAnyOrderElementsOf(expected.networks());
        assertThat(actual.switches()).as(what + ": switches").containsExactlyInAnyOrderElementsOf(expected.switches());
        assertThat(actual.machines()).as(what + ": machines").containsExactlyInAnyOrderElementsOf(expected.machines());
        assertThat(actual.peerings()).as(what + ": peerings").containsExactlyInAnyOrderElementsOf(expected.peerings());
    }

    private static void assertInvariants(Inventory inv, Plan plan, long seed) {
        Map<Integer, Network> byVni = new HashMap<>();
        inv.networks().forEach(n -> byVni.put(n.vrf().orElseThrow().value(), n));
        Oracle oracle = new Oracle(inv);
        for (SwitchIntent intent : plan.intents().values()) {
            Set<Integer> vlans = new HashSet<>();
            for (VrfIntent vrf : intent.vrfs()) {
                assertThat(vrf.vlan()).isBetween(VlanAllocator.MIN, VlanAllocator.MAX);
                assertThat(vlans.add(vrf.vlan())).as("seed %d: vlan %d used twice on %s", seed, vrf.vlan(), intent.id()).isTrue();
                Network self = byVni.get(vrf.vni().value());
                for (VrfImport imp : vrf.imports()) {
                    Network peer = byVni.get(imp.from().value());
                    Peering direct = inv.peerings().stream()
                            .filter(p -> p.type() == PeeringType.LOCAL && p.involves(self.id()) && p.involves(peer.id()))
                            .findFirst().orElse(null);
                    if (direct == null) {
                        fail("seed %d: %s on %s imports from %s without a direct peering", seed, self.id(), intent.id(), peer.id());
                    }
                    assertThat(oracle.allowed(direct)).as("seed %d", seed).contains(imp.reason());
                    List<IpPrefix> peersOwn = new ArrayList<>(peer.prefixes());
                    if (peer.type() == NetworkType.EXTERNAL) {
                        peersOwn.addAll(peer.destinationPrefixes());
                    }
                    // each inside the peer's own space (a selective peering imports a part of it), never wider
                    for (IpPrefix in : imp.prefixes()) {
                        assertThat(peersOwn).as("seed %d: only the peer's own routes, %s", seed, in).anyMatch(own -> own.contains(in));
                    }
                }
            }
        }
    }

    private static void assertVlansStable(Plan before, Plan after, String what) {
        before.vlans().forEach((sw, vlans) -> {
            SortedMap<Vni, Integer> now = after.vlans().getOrDefault(sw, Collections.emptySortedMap());
            vlans.forEach((vni, vlan) -> {
                if (now.containsKey(vni)) {
                    assertThat(now.get(vni)).as(what + ": vlan of %s on %s", vni, sw).isEqualTo(vlan);
                }
            });
        });
    }

    /** The inventory without the peerings the rules forbid (oracle null: build one). */
    static Inventory withoutForbidden(Inventory inv, Oracle oracle) {
        Oracle o = oracle == null ? new Oracle(inv) : oracle;
        return new Inventory(inv.partitions(), inv.projects(), inv.networks(), inv.switches(), inv.machines(),
                inv.peerings().stream().filter(p -> o.allowed(p).isPresent()).toList());
    }

    private static Inventory shuffle(Inventory inv, Random random) {
        return new Inventory(shuffled(inv.partitions(), random), shuffled(inv.projects(), random), shuffled(inv.networks(), random),
                shuffled(inv.switches(), random), shuffled(inv.machines(), random), shuffled(inv.peerings(), random));
    }

    private static <T> List<T> shuffled(List<T> list, Random random) {
        List<T> out = new ArrayList<>(list);
        Collections.shuffle(out, random);
        return out;
    }

    /** A random allowed change: add or remove a peering, allocate, free or remove a machine, renumber a network. */
    static Optional<InventoryChange> randomChange(Inventory inv, Random random, long salt) {
        List<Network> privates = inv.networks().stream().filter(n -> n.type().isPrivate()).toList();
        Oracle oracle = new Oracle(inv);
        switch (random.nextInt(6)) {
            case 0, 1 -> {
                if (privates.size() < 2) {
                    return Optional.empty();
                }
                Network a = privates.get(random.nextInt(privates.size()));
                List<Network> others = inv.networks().stream().filter(b -> !b.id().equals(a.id()))
                        .filter(b -> inv.peerings().stream().noneMatch(p -> p.involves(a.id()) && p.involves(b.id())))
                        .filter(b -> oracle.allowed(Fabric.localPeering("x", a.id().value(), b.id().value())).isPresent())
                        .toList();
                if (others.isEmpty()) {
                    return Optional.empty();
                }
                Network b = others.get(random.nextInt(others.size()));
                return Optional.of(new InventoryChange.PeeringSet(Fabric.localPeering("new" + salt, a.id().value(), b.id().value())
                        .withExchange(RandomFabric.selection(new Random(salt), a, b))));
            }
            case 2 -> {
                if (inv.peerings().isEmpty()) {
                    return Optional.empty();
                }
                return Optional.of(new InventoryChange.PeeringRemoved(inv.peerings().get(random.nextInt(inv.peerings().size())).id()));
            }
            case 3 -> {
                if (inv.machines().isEmpty()) {
                    return Optional.empty();
                }
                Machine m = inv.machines().get(random.nextInt(inv.machines().size()));
                if (random.nextBoolean()) {
                    return Optional.of(new InventoryChange.MachineRemoved(m.id()));
                }
                return Optional.of(new InventoryChange.MachineSet(new Machine(m.id(), m.name(), m.partition(), m.role(),
                        m.connections(), Optional.empty(), m.created(), m.changed())));
            }
            case 4 -> {
                if (inv.machines().isEmpty() || privates.isEmpty()) {
                    return Optional.empty();
                }
                // re-allocate a machine (same cables) into a network of its partition
                Machine m = inv.machines().get(random.nextInt(inv.machines().size()));
                List<Network> candidates = privates.stream().filter(n -> n.partition().orElseThrow().equals(m.partition())).toList();
                if (candidates.isEmpty() || m.role() != MachineRole.MACHINE) {
                    return Optional.empty();
                }
                Network n = candidates.get(random.nextInt(candidates.size()));
                return Optional.of(new InventoryChange.MachineSet(new Machine(m.id(), m.name(), m.partition(), m.role(), m.connections(),
                        Optional.of(new Allocation(n.project().orElseThrow(), List.of(n.id()))), m.created(), m.changed())));
            }
            default -> {
                if (privates.isEmpty()) {
                    return Optional.empty();
                }
                Network n = privates.get(random.nextInt(privates.size()));
                int k = 200 + (int) (salt % 50000);
                List<IpPrefix> prefixes = random.nextBoolean()
                        ? List.of(IpPrefix.parse("172.16." + (k % 256) + ".0/24"))
                        : List.of(IpPrefix.parse("2001:db8:ffff:" + Integer.toHexString(k) + "::/64"));
                return Optional.of(new InventoryChange.NetworkSet(new Network(n.id(), n.name(), n.description(), n.partition(),
                        n.project(), n.parent(), n.type(), prefixes, n.destinationPrefixes(), n.vrf(), n.defaultChildPrefixLength(),
                        n.nat(), n.labels(), n.created(), n.changed())));
            }
        }
    }

    static NetworkId id(String s) {
        return new NetworkId(s);
    }
}
