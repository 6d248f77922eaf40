package io.metalstack.peering.model.ipam;

import io.metalstack.peering.model.AddressFamily;
import io.metalstack.peering.model.DomainException;
import io.metalstack.peering.model.IpPrefix;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IpamTest {

    private static List<IpPrefix> p(String... prefixes) {
        return java.util.Arrays.stream(prefixes).map(IpPrefix::parse).toList();
    }

    @Test
    void firstAllocationIsTheLowestBlock() {
        assertThat(Ipam.allocate(p("10.0.0.0/16"), List.of(), AddressFamily.IPV4, 22)).hasToString("10.0.0.0/22");
    }

    @Test
    void skipsTakenChildrenAndFillsGaps() {
        assertThat(Ipam.allocate(p("10.0.0.0/16"), p("10.0.0.0/22", "10.0.8.0/22"), AddressFamily.IPV4, 22))
                .hasToString("10.0.4.0/22");
        assertThat(Ipam.allocate(p("10.0.0.0/16"), p("10.0.0.0/22", "10.0.4.0/22"), AddressFamily.IPV4, 22))
                .hasToString("10.0.8.0/22");
    }

    @Test
    void alignsAfterASmallerChild() {
        // a /24 at the start makes the first /22 unusable; the next aligned /22 starts at 10.0.4.0
        assertThat(Ipam.allocate(p("10.0.0.0/16"), p("10.0.1.0/24"), AddressFamily.IPV4, 22)).hasToString("10.0.4.0/22");
        assertThat(Ipam.allocate(p("10.0.0.0/16"), p("10.0.1.0/24"), AddressFamily.IPV4, 24)).hasToString("10.0.0.0/24");
    }

    @Test
    void movesOnToTheNextParentPrefix() {
        assertThat(Ipam.allocate(p("10.0.0.0/23", "10.1.0.0/16"), p("10.0.0.0/23"), AddressFamily.IPV4, 24))
                .hasToString("10.1.0.0/24");
    }

    @Test
    void ipv6() {
        assertThat(Ipam.allocate(p("10.0.0.0/16", "2001:db8::/48"), p("2001:db8::/64"), AddressFamily.IPV6, 64))
                .hasToString("2001:db8:0:1::/64");
    }

    @Test
    void fullPoolIs422NamingThePool() {
        List<IpPrefix> taken = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            taken.add(Ipam.allocate(p("10.0.0.0/22"), taken, AddressFamily.IPV4, 24));
        }
        assertThat(taken).extracting(Object::toString).containsExactly("10.0.0.0/24", "10.0.1.0/24", "10.0.2.0/24", "10.0.3.0/24");
        assertThatThrownBy(() -> Ipam.allocate(p("10.0.0.0/22"), taken, AddressFamily.IPV4, 24))
                .isInstanceOf(DomainException.Unprocessable.class)
                .hasMessageContaining("no free /24 left in 10.0.0.0/22");
    }

    @Test
    void missingFamilyIs422() {
        assertThatThrownBy(() -> Ipam.allocate(p("10.0.0.0/16"), List.of(), AddressFamily.IPV6, 64))
                .isInstanceOf(DomainException.Unprocessable.class).hasMessageContaining("no IPv6 prefix");
    }

    @Test
    void manyChildrenStayFast() {
        // 65536 /24 in a /8: linear in the children, not in the address space
        List<IpPrefix> taken = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            taken.add(IpPrefix.parse("10." + (i / 256) + "." + (i % 256) + ".0/24"));
        }
        assertThat(Ipam.allocate(p("10.0.0.0/8"), taken, AddressFamily.IPV4, 24)).hasToString("10.7.208.0/24");
        assertThat(Ipam.allocate(p("2001:db8::/32"), List.of(), AddressFamily.IPV6, 128)).hasToString("2001:db8::/128");
    }
}
