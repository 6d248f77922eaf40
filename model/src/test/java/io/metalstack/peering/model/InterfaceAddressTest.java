package io.metalstack.peering.model;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InterfaceAddressTest {
    @Test
    void keepsHostAddressAndLength() {
        InterfaceAddress a = InterfaceAddress.parse("172.16.0.1/30");
        assertThat(a.toString()).isEqualTo("172.16.0.1/30");
        assertThat(a.length()).contains(30);
        assertThat(a.family()).isEqualTo(AddressFamily.IPV4);
    }

    @Test
    void zeroHostBitsNameOneAddressNotTheSubnet() {
        InterfaceAddress a = InterfaceAddress.parse("2001:db8:ff::/127");
        assertThat(a.address().isMultiple()).isFalse();
        assertThat(a.toString()).isEqualTo("2001:db8:ff::/127");
        assertThat(InterfaceAddress.parse("172.16.0.0/31").toString()).isEqualTo("172.16.0.0/31");
    }

    @Test
    void bareAddressHasNoLength() {
        InterfaceAddress a = InterfaceAddress.parse("172.16.0.2");
        assertThat(a.length()).isEqualTo(Optional.empty());
        assertThat(a.toString()).isEqualTo("172.16.0.2");
    }

    @Test
    void garbageIsRefusedNamingTheValue() {
        assertThatThrownBy(() -> InterfaceAddress.parse("172.16.0.300/30"))
                .isInstanceOf(DomainException.Invalid.class).hasMessageContaining("\"172.16.0.300/30\"");
    }
}
