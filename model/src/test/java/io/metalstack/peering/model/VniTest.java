package io.metalstack.peering.model;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VniTest {

    @Test
    void aVrfNameOfEitherDialectGivesItsVni() {
        Vni vni = Vni.of(104009);
        for (SwitchOs os : SwitchOs.values()) {
            assertThat(Vni.ofVrfName(os.vrfName(vni))).as(os.toString()).isEqualTo(vni);
        }
        assertThat(Vni.ofVrfName(" 42 ")).isEqualTo(Vni.of(42));
    }

    @Test
    void anythingButATenantVrfNameIsRefusedNamingIt() {
        for (String bad : new String[]{"mgmt", "Vrf", "vrf-1", "Vrf4x", "", "default"}) {
            assertThatThrownBy(() -> Vni.ofVrfName(bad)).isInstanceOf(DomainException.Invalid.class)
                    .hasMessage("vrf name \"" + bad + "\" is not a tenant vrf: use Vrf<N> or vrf<N>");
        }
        assertThatThrownBy(() -> Vni.ofVrfName("Vrf0")).isInstanceOf(DomainException.Invalid.class).hasMessageContaining("out of range");
    }
}
