package io.metalstack.peering.model.ipam;

import io.metalstack.peering.model.DomainException;
import io.metalstack.peering.model.Vni;

import java.util.Set;
import java.util.random.RandomGenerator;

/** The VRF pool of child networks, {@link Vni#POOL_MIN}..{@link Vni#POOL_MAX}: children get a random free one. */
public final class VrfPool {

    private VrfPool() {}

    /**
     * A random VRF of the pool not in {@code used}; 422 when the pool is exhausted. The caller's unique constraint
     * catches the rare concurrent draw of the same one.
     */
    public static Vni draw(Set<Integer> used, RandomGenerator random) {
        long free = Vni.POOL_MAX - Vni.POOL_MIN + 1 - used.stream().filter(v -> v >= Vni.POOL_MIN && v <= Vni.POOL_MAX).count();
        if (free <= 0) {
            throw new DomainException.Unprocessable("the vrf pool " + Vni.POOL_MIN + ".." + Vni.POOL_MAX + " is exhausted: free unused networks");
        }
        while (true) {
            int v = random.nextInt(Vni.POOL_MIN, Vni.POOL_MAX + 1);
            if (!used.contains(v)) {
                return Vni.of(v);
            }
        }
    }
}
