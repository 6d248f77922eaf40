package io.metalstack.peering.agent;

import io.metalstack.peering.api.IntentCodec;
import io.metalstack.peering.frr.FrrRenderer;
import org.junit.jupiter.api.Test;

import static io.metalstack.peering.agent.Intents.A;
import static io.metalstack.peering.agent.Intents.B;
import static io.metalstack.peering.agent.Intents.peered;
import static org.assertj.core.api.Assertions.assertThat;

class FrrTargetTest {

    @Test
    void policiesAreThePrefixListsCommunityListsAndRouteMapsOfTheConfig() {
        String config = new FrrRenderer().render(IntentCodec.toModel(peered(A, B, "same-project"))).frrConf();

        String policies = FrrTarget.policiesOf(config);

        assertThat(policies).contains("ip prefix-list vrf100-import-from-vrf200 seq 10 permit 10.0.16.0/22 le 32\n",
                "bgp large-community-list standard vrf200-origin",
                "route-map vrf100-import-map permit 10\n match ip address prefix-list vrf100-import-from-vrf200\n");
        assertThat(policies).doesNotContain("router bgp", "interface swp", "import vrf vrf200");
        assertThat(policies.lines()).noneMatch(l -> l.startsWith("vrf "));
        assertThat(policies.lines().filter(l -> l.startsWith("route-map ")).count())
                .isEqualTo(policies.lines().filter(l -> l.equals("exit")).count());
    }
}
