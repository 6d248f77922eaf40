package io.metalstack.peering.model.plan;

import io.metalstack.peering.model.DomainException;
import io.metalstack.peering.model.Vni;

import java.util.BitSet;
import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Switch-local VLAN ids of L3VNIs, as metal-core's reservation does: a VNI keeps the VLAN it had
 * (so re-rendering never renumbers a live SVI), a new VNI takes the lowest free id in {@value #MIN}..{@value #MAX}.
 */
public final class VlanAllocator {
    public static final int MIN = 1001;
    public static final int MAX = 2000;

    private VlanAllocator() {}

    /**
     * The VLAN map for exactly {@code vnis}: surviving VNIs keep their previous VLAN, VNIs no longer present
     * give theirs up, new VNIs (in ascending order) get the lowest free id. Previous entries out of range or
     * duplicated (a corrupt persisted map) are dropped, the lower VNI keeping a duplicated VLAN.
     *
     * @throws DomainException.Unprocessable when more than {@code MAX - MIN + 1} VNIs need a VLAN on one switch
     */
    public static SortedMap<Vni, Integer> allocate(Map<Vni, Integer> previous, Collection<Vni> vnis) {
        TreeSet<Vni> wanted = new TreeSet<>(vnis);
        if (wanted.size() > MAX - MIN + 1) {
            throw new DomainException.Unprocessable(String.format(
                    "%d VRFs need a VLAN on one switch but only %d VLAN ids (%d..%d) exist: spread the machines over more switches",
                    wanted.size(), MAX - MIN + 1, MIN, MAX));
        }
        BitSet used = new BitSet();
        TreeMap<Vni, Integer> out = new TreeMap<>();
        for (Map.Entry<Vni, Integer> e : new TreeMap<>(previous).entrySet()) {
            Integer vlan = e.getValue();
            if (wanted.contains(e.getKey()) && vlan != null && vlan >= MIN && vlan <= MAX && !used.get(vlan)) {
                used.set(vlan);
                out.put(e.getKey(), vlan);
            }
        }
        int next = MIN;
        for (Vni vni : wanted) {
            if (!out.containsKey(vni)) {
                next = used.nextClearBit(next);
                used.set(next);
                out.put(vni, next);
            }
        }
        return Collections.unmodifiableSortedMap(out);
    }
}
