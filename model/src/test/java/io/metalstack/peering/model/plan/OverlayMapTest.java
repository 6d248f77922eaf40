package io.metalstack.peering.model.plan;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class OverlayMapTest {

    @Test
    void aLongChainOfDerivationsEqualsTheSameChangesOnCopiesAndNeverChangesAnEarlierMap() {
        Random random = new Random(42);
        Map<Integer, String> base = new HashMap<>();
        for (int i = 0; i < 1000; i++) {
            base.put(i, "v" + i);
        }
        List<Map<Integer, String>> derived = new ArrayList<>();
        List<Map<Integer, String>> expected = new ArrayList<>();
        Map<Integer, String> current = base;
        Map<Integer, String> reference = new HashMap<>(base);
        // long enough that the overlay is flattened into a new base several times (past √1000 ≈ 31 entries)
        for (int step = 0; step < 400; step++) {
            OverlayMap<Integer, String> next = OverlayMap.derive(current);
            reference = new HashMap<>(reference);
            for (int k = 0; k < 1 + random.nextInt(3); k++) {
                int key = random.nextInt(1200);
                if (random.nextBoolean()) {
                    assertThat(next.put(key, "s" + step)).isEqualTo(reference.put(key, "s" + step));
                } else {
                    assertThat(next.remove(key)).isEqualTo(reference.remove(key));
                }
            }
            for (int key = -1; key < 1201; key += 7) {
                assertThat(next.get(key)).isEqualTo(reference.get(key));
                assertThat(next.containsKey(key)).isEqualTo(reference.containsKey(key));
                assertThat(next.getOrDefault(key, "none")).isEqualTo(reference.getOrDefault(key, "none"));
            }
            assertThat(OverlayMap.values(next)).containsExactlyInAnyOrderElementsOf(reference.values());
            derived.add(next);
            expected.add(reference);
            current = next;
        }
        for (int i = 0; i < derived.size(); i++) {
            assertThat(derived.get(i)).as("step %d", i).isEqualTo(expected.get(i));
        }
        assertThat(base).hasSize(1000).containsEntry(0, "v0");
    }
}
