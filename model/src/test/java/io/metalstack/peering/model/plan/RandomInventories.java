package io.metalstack.peering.model.plan;

import java.util.Optional;
import java.util.Random;

/** The planner's random fabrics and changes, for property tests outside this package (the server's derived indexes). */
public final class RandomInventories {
    private RandomInventories() {}

    /** A random valid inventory ({@link RandomFabric}, without what the admission would refuse). */
    public static Inventory inventory(long seed) {
        return PlannerRandomizedTest.withoutForbidden(RandomFabric.generate(seed, false).build(), null);
    }

    /** A random allowed change of {@code inventory}, or empty when the draw fits nothing in it. */
    public static Optional<InventoryChange> change(Inventory inventory, Random random, long salt) {
        return PlannerRandomizedTest.randomChange(inventory, random, salt);
    }
}
