package io.metalstack.peering.vmlab;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BrokenRendererTest {
    private static final String CONF = String.join("\n",
            "ip prefix-list vrf101-import-from-vrf102 seq 10 permit 10.1.2.0/24 le 32",
            "ip prefix-list vrf101-import-from-vrf102 seq 11 permit 10.9.0.0/16 le 32",
            "ip prefix-list vrf102-in-prefixes seq 10 permit 10.1.2.0/24 le 32",
            "ipv6 prefix-list vrf101-import-from-vrf102-ipv6 seq 10 permit 2001:db8:0:2::/64 le 128", "");

    @Test
    void widensEveryImportPrefixListEntryAndNothingElse() {
        String broken = BrokenRenderer.widenImportPrefixLists(CONF);
        assertThat(broken).contains("ip prefix-list vrf101-import-from-vrf102 seq 10 permit 0.0.0.0/0 le 32")
                .contains("ip prefix-list vrf101-import-from-vrf102 seq 11 permit 0.0.0.0/0 le 32")
                .doesNotContain("vrf101-import-from-vrf102 seq 10 permit 10.1.2.0/24")
                .contains("ip prefix-list vrf102-in-prefixes seq 10 permit 10.1.2.0/24 le 32")
                .contains("ipv6 prefix-list vrf101-import-from-vrf102-ipv6 seq 10 permit ::/0 le 128")
                .doesNotContain("2001:db8:0:2::/64");
        assertThat(broken.lines().count()).isEqualTo(CONF.lines().count());
    }

    @Test
    void refusesAConfigWithoutImportsBecauseTheSabotageWouldBeVacuous() {
        assertThatThrownBy(() -> BrokenRenderer.widenImportPrefixLists("router bgp 1\n"))
                .hasMessageContaining("no IPv4 import prefix-list");
    }
}
