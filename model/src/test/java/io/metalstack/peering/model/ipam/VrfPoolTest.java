package io.metalstack.peering.model.ipam;

import io.metalstack.peering.model.DomainException;
import io.metalstack.peering.model.Vni;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VrfPoolTest {

    @Test
    void drawsAnUnusedVrfOfThePool() {
        Set<Integer> used = new HashSet<>();
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 1000; i++) {
            Vni v = VrfPool.draw(used, random);
            assertThat(v.value()).isBetween(Vni.POOL_MIN, Vni.POOL_MAX);
            assertThat(used.add(v.value())).isTrue();
        }
    }

    @Test
    void anExhaustedPoolIsRefusedAndExternalVrfsOutsideThePoolDoNotCount() {
        Set<Integer> all = IntStream.rangeClosed(Vni.POOL_MIN, Vni.POOL_MAX).boxed().collect(Collectors.toSet());
        all.add(Vni.POOL_MAX + 1000);
        assertThatThrownBy(() -> VrfPool.draw(all, new SplittableRandom(1)))
                .isInstanceOf(DomainException.Unprocessable.class).hasMessageContaining("is exhausted");
        all.remove(42);
        assertThat(VrfPool.draw(all, new SplittableRandom(1)).value()).isEqualTo(42);
    }
}
