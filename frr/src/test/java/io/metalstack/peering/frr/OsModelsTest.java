package io.metalstack.peering.frr;

import io.metalstack.peering.model.SwitchOs;
import io.metalstack.peering.model.Vni;
import io.metalstack.peering.model.plan.SwitchIntent;
import io.metalstack.peering.model.plan.VrfIntent;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The typed models of the OS side ({@link ConfigDb}, {@link Interfaces}): what their files are printed from. */
class OsModelsTest {
    private static final FrrRenderer RENDERER = new FrrRenderer();

    @Test
    void everyGoldenFileIsPrintedFromItsModelAndReadsBackToIt() {
        for (var c : Fixtures.cases().entrySet()) {
            for (SwitchOs os : SwitchOs.values()) {
                RenderedConfig r = RENDERER.render(c.getValue().apply(os), Fixtures.local(c.getKey(), os));
                switch (os) {
                    case SONIC -> {
                        ConfigDb db = r.configDb().orElseThrow();
                        assertThat(new ConfigDbPrinter().print(db)).as(c.getKey()).isEqualTo(r.file(FrrRenderer.CONFIG_DB));
                        assertThat(ConfigDb.parse(r.file(FrrRenderer.CONFIG_DB))).as(c.getKey()).isEqualTo(db);
                        assertThat(r.interfaces()).isEmpty();
                    }
                    case CUMULUS -> {
                        Interfaces i = r.interfaces().orElseThrow();
                        assertThat(new InterfacesPrinter().print(i)).as(c.getKey()).isEqualTo(r.file(FrrRenderer.INTERFACES));
                        assertThat(Interfaces.parse(r.file(FrrRenderer.INTERFACES))).as(c.getKey()).isEqualTo(i);
                        assertThat(r.configDb()).isEmpty();
                    }
                }
            }
        }
    }

    @Test
    void aHandMadeFileIsReadIntoTheSameModel() {
        RenderedConfig sonic = RENDERER.render(Fixtures.cases().get("three-peers").apply(SwitchOs.SONIC));
        RenderedConfig cumulus = RENDERER.render(Fixtures.cases().get("three-peers").apply(SwitchOs.CUMULUS));
        RenderedConfig handMade = new RenderedConfig(new TreeMap<>(Map.of(FrrRenderer.CONFIG_DB, sonic.file(FrrRenderer.CONFIG_DB))), List.of());
        assertThat(handMade.configDbModel()).isEqualTo(sonic.configDb().orElseThrow());
        handMade = new RenderedConfig(new TreeMap<>(Map.of(FrrRenderer.INTERFACES, cumulus.file(FrrRenderer.INTERFACES))), List.of());
        assertThat(handMade.interfacesModel()).isEqualTo(cumulus.interfaces().orElseThrow());
    }

    @Test
    void removingOneVrfRemovesExactlyItsKeys() {
        SwitchIntent all = Fixtures.cases().get("three-peers").apply(SwitchOs.SONIC);
        VrfIntent shared = vrf(all, Fixtures.SHARED.vniValue());
        String vlan = "Vlan" + shared.vlan();

        Set<String> before = keys(RENDERER.render(all).configDb().orElseThrow());
        Set<String> after = keys(RENDERER.render(without(all, shared)).configDb().orElseThrow());

        Set<String> gone = new TreeSet<>(before);
        gone.removeAll(after);
        assertThat(before).containsAll(after);
        assertThat(gone).containsExactlyInAnyOrder("VRF|Vrf400", "VLAN|" + vlan, "VLAN_INTERFACE|" + vlan,
                "SUPPRESS_VLAN_NEIGH|" + vlan, "VXLAN_TUNNEL_MAP|vtep|map_400_" + vlan);
    }

    @Test
    void removingOneVrfRemovesExactlyItsStanzasAndBridgeMembership() {
        SwitchIntent all = Fixtures.cases().get("three-peers").apply(SwitchOs.CUMULUS);
        VrfIntent shared = vrf(all, Fixtures.SHARED.vniValue());

        List<Interfaces.Stanza> before = RENDERER.render(all).interfaces().orElseThrow().stanzas();
        List<Interfaces.Stanza> after = RENDERER.render(without(all, shared)).interfaces().orElseThrow().stanzas();

        assertThat(before.stream().filter(s -> !after.contains(s)).map(Interfaces.Stanza::name))
                .containsExactlyInAnyOrder("bridge", "vrf400", "vlan" + shared.vlan(), "vni400");
        assertThat(after.stream().filter(s -> !before.contains(s)).map(Interfaces.Stanza::name)).containsExactly("bridge");
    }

    @Test
    void aFileThatIsNotTheLayoutIsRefusedNamingTheLine() {
        assertThatThrownBy(() -> Interfaces.parse("# x\n\nauto swp1\niface swp1\n\tmtu 9000\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line 5").hasMessageContaining("mtu 9000");
        assertThatThrownBy(() -> ConfigDb.parse("{\"VRF\": {\"Vrf100\": {\"vni\": 100}}}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("VRF|Vrf100 field vni is not a string");
    }

    private static VrfIntent vrf(SwitchIntent intent, Vni vni) {
        return intent.vrfs().stream().filter(v -> v.vni().equals(vni)).findFirst().orElseThrow();
    }

    private static SwitchIntent without(SwitchIntent intent, VrfIntent vrf) {
        return Fixtures.with(intent, intent.vrfs().stream().filter(v -> !v.equals(vrf)).toList(), intent.external());
    }

    private static Set<String> keys(ConfigDb db) {
        Set<String> keys = new TreeSet<>();
        for (Map.Entry<String, SortedMap<String, SortedMap<String, String>>> t : db.tables().entrySet()) {
            t.getValue().keySet().forEach(k -> keys.add(t.getKey() + "|" + k));
        }
        return keys;
    }
}
