package io.metalstack.peering.agent;

import io.metalstack.peering.api.V1SwitchIntent;
import io.metalstack.peering.api.V1VrfImport;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.metalstack.peering.agent.Intents.A;
import static io.metalstack.peering.agent.Intents.B;
import static io.metalstack.peering.agent.Intents.INTERNET;
import static io.metalstack.peering.agent.Intents.OTHER;
import static io.metalstack.peering.agent.Intents.SHARED;
import static io.metalstack.peering.agent.Intents.leaf;
import static io.metalstack.peering.agent.Intents.peered;
import static org.assertj.core.api.Assertions.assertThat;

class IntentCheckTest {

    @Test
    void justifiedImportsPass() {
        assertThat(IntentCheck.violations(peered(A, B, "same-project"))).isEmpty();
        assertThat(IntentCheck.violations(peered(A, SHARED, "shared"))).isEmpty();
        assertThat(IntentCheck.violations(peered(A, INTERNET, "external"))).isEmpty();
        assertThat(IntentCheck.violations(leaf(A.vrf(), B.vrf()))).isEmpty();
    }

    @Test
    void crossProjectImportOfPrivateNetworksIsRefusedNamingBothVrfs() {
        List<IntentCheck.Violation> v = IntentCheck.violations(peered(A, OTHER, "same-project"));

        assertThat(v).hasSize(2);
        assertThat(v).allSatisfy(x -> assertThat(x.vrfs()).containsExactly("vrf100", "vrf300"));
        assertThat(v.get(0).message()).contains("vrf100", "net-a", "p1", "vrf300", "net-o", "p2", "different projects");
        assertThat(IntentCheck.describe(v)).startsWith("refused the intent, nothing applied: imports not allowed between VRFs vrf100, vrf300");
    }

    @Test
    void sonicNamesTheVrfsInItsOwnSpelling() {
        V1SwitchIntent sonic = leaf("SONiC", A.vrf(OTHER.asImport("same-project")), OTHER.vrf());
        assertThat(IntentCheck.violations(sonic)).singleElement()
                .satisfies(x -> assertThat(x.vrfs()).containsExactly("Vrf100", "Vrf300"));
    }

    @Test
    void aReasonTheNetworkTypesDoNotJustifyIsRefused() {
        assertThat(IntentCheck.violations(peered(A, OTHER, "shared"))).isNotEmpty()
                .allSatisfy(x -> assertThat(x.message()).contains("neither network is shared"));
        assertThat(IntentCheck.violations(peered(A, OTHER, "external"))).isNotEmpty()
                .allSatisfy(x -> assertThat(x.message()).contains("neither network is external"));
        assertThat(IntentCheck.violations(peered(A, INTERNET, "same-project"))).isNotEmpty()
                .allSatisfy(x -> assertThat(x.message()).contains("different projects"));
        assertThat(IntentCheck.violations(peered(SHARED, INTERNET, "shared"))).isNotEmpty();
    }

    @Test
    void missingFactsAreRefusedNotTrusted() {
        V1VrfImport noFacts = B.imported("same-project").facts(null, null).build();
        assertThat(IntentCheck.violations(leaf(A.vrf(noFacts), B.vrf()))).singleElement()
                .satisfies(x -> assertThat(x.message()).contains("lacks the facts"));
    }

    @Test
    void anImportThatLiesAboutItsPeerIsRefused() {
        // claims B is in project p2's network of type child, while B's own VRF says p1
        V1VrfImport lying = B.imported("same-project").facts("p9", "child").build();
        V1SwitchIntent intent = leaf(new Intents.Net(A.vni(), A.id(), "p9", "child", "swp1", A.prefixes()).vrf(lying), B.vrf());
        assertThat(IntentCheck.violations(intent)).singleElement()
                .satisfies(x -> assertThat(x.message()).contains("describes its peer differently"));
    }

    @Test
    void importingPrefixesThePeerDoesNotOwnIsRefused() {
        V1VrfImport transitive = B.imported("same-project").prefixes(List.of("10.0.16.0/22", "10.0.24.0/22")).build();
        assertThat(IntentCheck.violations(leaf(A.vrf(transitive), B.vrf()))).singleElement()
                .satisfies(x -> assertThat(x.message()).contains("[10.0.24.0/22]", "not the peer's own prefixes"));
    }

    @Test
    void aSelectiveImportOfAPartOfThePeersOwnPrefixesPassesAndAWiderOneIsRefused() {
        V1VrfImport part = B.imported("same-project").prefixes(List.of("10.0.17.0/24", "2001:db8:16::/80")).build();
        assertThat(IntentCheck.violations(leaf(A.vrf(part), B.vrf()))).isEmpty();
        V1VrfImport wider = B.imported("same-project").prefixes(List.of("10.0.16.0/21")).build();
        assertThat(IntentCheck.violations(leaf(A.vrf(wider), B.vrf()))).singleElement()
                .satisfies(x -> assertThat(x.message()).contains("[10.0.16.0/21]", "not the peer's own prefixes"));
    }
}
