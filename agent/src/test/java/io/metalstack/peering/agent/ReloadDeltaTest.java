package io.metalstack.peering.agent;

import io.metalstack.peering.frr.ProtectedDeletions;
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
    void neverPushesTheDeletionOfWhatTheDaemonsAddedThemselves() {
        ReloadDelta.Delta d = ReloadDelta.parse("""

                Lines To Delete
                ===============
                no log file /tmp/x/zebra.log
                no enable password zebra
                vrf vrf100
                 no netns /run/netns/vrf100
                vrf vrf300
                 no netns /run/netns/vrf300
                 no vni 300
                router bgp 4200000011 vrf vrf100
                 address-family ipv4 unicast
                  no import vrf vrf400

                Lines To Add
                ============
                no ip prefix-list vrf100-import-from-vrf200 seq 10 permit 10.0.16.0/22 le 32
                ip prefix-list vrf100-in-prefixes seq 10 permit 10.0.8.0/22 le 32
                """);

        assertThat(d.deletionsToPush()).containsExactly("vrf vrf300", " no vni 300",
                "router bgp 4200000011 vrf vrf100", " address-family ipv4 unicast", "  no import vrf vrf400",
                "no ip prefix-list vrf100-import-from-vrf200 seq 10 permit 10.0.16.0/22 le 32");
    }

    @Test
    void anEmptyDeltaHasNothingSignificant() {
        ReloadDelta.Delta d = ReloadDelta.parse("\nLines To Add\n============\nservice integrated-vtysh-config\nip forwarding\n");
        assertThat(d.significantAdds()).isEmpty();
        assertThat(ReloadDelta.parse("").delete()).isEmpty();
    }

    @Test
    void managementRoutesAndTheManagementVrfAreNeverDeleted() {
        ReloadDelta.Delta d = ReloadDelta.parse("""

                Lines To Delete
                ===============
                vrf mgmt
                 no ip route 10.9.0.0/16 192.168.101.1
                no agentx
                no route-map old permit 10

                Lines To Add
                ============
                no ip prefix-list old seq 10 permit 10.0.0.0/8
                no ip route 0.0.0.0/0 192.168.101.1 nexthop-vrf mgmt
                no ipv6 route ::/0 fe80::1 eth0 nexthop-vrf mgmt
                no ip route 10.8.0.0/16 10.0.0.1
                """);
        assertThat(d.deletionsToPush()).containsExactly("no route-map old permit 10", "no ip prefix-list old seq 10 permit 10.0.0.0/8",
                "no ip route 10.8.0.0/16 10.0.0.1");
        assertThat(d.significantAdds()).containsExactly("no ip prefix-list old seq 10 permit 10.0.0.0/8", "no ip route 10.8.0.0/16 10.0.0.1");
        assertThat(ProtectedDeletions.contains("no ip route 0.0.0.0/0 192.168.101.1 nexthop-vrf mgmt")).isTrue();
        assertThat(ProtectedDeletions.contains("no ip route 0.0.0.0/0 192.168.101.1 nexthop-vrf mgmtx")).isFalse();
    }
}
