package io.metalstack.peering.agent;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReloadDeltaTest {

    @Test
    void readsBothSectionsOfFrrReloadsTestOutput() {
        String out = """

                Lines To Delete
                ===============
                router bgp 4200000011 vrf vrf100
                 address-family ipv4 unicast
                  no import vrf vrf400

                Lines To Add
                ============
                hostname leaf01
                router bgp 4200000011 vrf vrf100
                 address-family ipv4 unicast
                  import vrf vrf200
                """;

        ReloadDelta.Delta d = ReloadDelta.parse(out);

        assertThat(d.delete()).containsExactly("router bgp 4200000011 vrf vrf100", " address-family ipv4 unicast", "  no import vrf vrf400");
        assertThat(d.significantDeletes()).containsExactly("no import vrf vrf400");
        assertThat(d.significantAdds()).as("context headers and the hostname are not lines of their own").containsExactly("import vrf vrf200");
    }

    @Test
    void anEmptyDeltaHasNothingSignificant() {
        ReloadDelta.Delta d = ReloadDelta.parse("\nLines To Add\n============\nservice integrated-vtysh-config\nip forwarding\n");
        assertThat(d.significantAdds()).isEmpty();
        assertThat(ReloadDelta.parse("").delete()).isEmpty();
    }
}
