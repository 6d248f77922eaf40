package io.metalstack.peering.vmlab;

import io.metalstack.peering.frr.FrrRenderer;
import io.metalstack.peering.model.plan.Planner;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BrokenRendererTest {
    @Test
    void widensEveryImportPrefixListOfTheScenarioAndNothingElse() {
        String conf = new FrrRenderer().render(Planner.plan(PeeringScenario.inventory(PeeringScenario.PEERED))
                .intent(PeeringScenario.LEAF1).orElseThrow()).frrConf();
        String broken = BrokenRenderer.widenImportPrefixLists(conf);
        assertThat(broken).contains("ip prefix-list vrf101-import-from-vrf102 seq 10 permit 0.0.0.0/0 le 32")
                .doesNotContain("vrf101-import-from-vrf102 seq 10 permit 10.1.2.0/24")
                .contains("ip prefix-list vrf102-in-prefixes seq 10 permit 10.1.2.0/24 le 32");
        assertThat(broken.lines().count()).isEqualTo(conf.lines().count());
    }

    @Test
    void refusesAConfigWithoutImportsBecauseTheSabotageWouldBeVacuous() {
        assertThatThrownBy(() -> BrokenRenderer.widenImportPrefixLists("router bgp 1\n"))
                .hasMessageContaining("no IPv4 import prefix-list");
    }
}
