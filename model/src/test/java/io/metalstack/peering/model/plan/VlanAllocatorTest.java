package io.metalstack.peering.model.plan;

import io.metalstack.peering.model.DomainException;
import io.metalstack.peering.model.Vni;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VlanAllocatorTest {
    private static final Vni A = Vni.of(100), B = Vni.of(200), C = Vni.of(300), D = Vni.of(400);

    @Test
    void newVnisTakeTheLowestFreeIdsInVniOrder() {
        assertThat(VlanAllocator.allocate(Map.of(), List.of(C, A, B))).isEqualTo(Map.of(A, 1001, B, 1002, C, 1003));
    }

    @Test
    void survivingVnisKeepTheirVlanAndGoneVnisFreeTheirs() {
        Map<Vni, Integer> previous = Map.of(A, 1001, B, 1002, C, 1003);
        assertThat(VlanAllocator.allocate(previous, List.of(C, D))).isEqualTo(Map.of(C, 1003, D, 1001));
        assertThat(VlanAllocator.allocate(previous, List.of(A, B, C))).isEqualTo(previous);
    }

    @Test
    void aCorruptPreviousMapIsRepairedDeterministically() {
        // out of range, and 1005 used twice: the lower VNI keeps it
        Map<Vni, Integer> previous = Map.of(A, 5, B, 1005, C, 1005);
        assertThat(VlanAllocator.allocate(previous, List.of(A, B, C))).isEqualTo(Map.of(A, 1001, B, 1005, C, 1002));
    }

    @Test
    void moreVnisThanVlanIdsAreRefused() {
        List<Vni> many = IntStream.rangeClosed(1, 1001).mapToObj(Vni::of).toList();
        assertThatThrownBy(() -> VlanAllocator.allocate(Map.of(), many)).isInstanceOf(DomainException.Unprocessable.class)
                .hasMessageContaining("1001 VRFs");
        assertThat(VlanAllocator.allocate(Map.of(), many.subList(0, 1000)).get(Vni.of(1000))).isEqualTo(2000);
    }
}
