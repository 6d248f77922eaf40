package io.metalstack.peering.agent;

import io.metalstack.peering.frr.Fixtures;
import io.metalstack.peering.frr.FrrRenderer;
import io.metalstack.peering.frr.RenderedConfig;
import io.metalstack.peering.model.SwitchOs;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the applier makes of a rendered config before it talks to redis (see {@code ConfigDbApplierIT} for the rest). */
class ConfigDbApplierTest {

    private static RenderedConfig configDb(String json) {
        TreeMap<String, String> files = new TreeMap<>();
        files.put(FrrRenderer.FRR_CONF, "");
        files.put(FrrRenderer.CONFIG_DB, json);
        return new RenderedConfig(files, List.of());
    }

    @Test
    void everyRenderedWholeKeyIsOwnedAndPortsAreNot() throws Exception {
        ConfigDbState s = ConfigDbApplier.desired(configDb("""
                {"PORT": {"Ethernet0": {"admin_status": "up", "mtu": "9000"}}, "VRF": {"Vrf100": {"vni": "100"}},
                 "INTERFACE": {"Ethernet0": {"vrf_name": "Vrf100"}, "Ethernet0|10.0.0.1/30": {}}}"""));

        assertThat(s.rows()).hasSize(4);
        assertThat(s.owned()).extracting(Object::toString)
                .containsExactly("VRF|Vrf100", "INTERFACE|Ethernet0", "INTERFACE|Ethernet0|10.0.0.1/30");
        assertThat(s.absent()).isEmpty();
    }

    @Test
    void everyGoldenSonicConfigIsOneTheApplierTakes() throws Exception {
        for (var c : Fixtures.cases().entrySet()) {
            RenderedConfig rendered = new FrrRenderer().render(c.getValue().apply(SwitchOs.SONIC));
            assertThat(ConfigDbApplier.desired(rendered).rows()).as(c.getKey()).isNotEmpty();
        }
    }

    @Test
    void aRenderedConfigIsTakenFromItsTypedModelAndReadsAsItsFileWould() throws Exception {
        RenderedConfig rendered = new FrrRenderer().render(Fixtures.cases().get("three-peers").apply(SwitchOs.SONIC));
        assertThat(ConfigDbApplier.desired(rendered)).isEqualTo(ConfigDbApplier.desired(configDb(rendered.file(FrrRenderer.CONFIG_DB))));

        // the file's text is not read again where the typed model it was printed from is at hand
        TreeMap<String, String> files = new TreeMap<>(rendered.files());
        files.put(FrrRenderer.CONFIG_DB, "not JSON");
        RenderedConfig typed = new RenderedConfig(files, List.of(), rendered.model(), rendered.configDb(), Optional.empty());
        assertThat(ConfigDbApplier.desired(typed)).isEqualTo(ConfigDbApplier.desired(rendered));
    }

    @Test
    void refusesWhatItDoesNotWriteBeforeTouchingRedis() throws Exception {
        // the static provisioning the file also describes is skipped, never written
        assertThat(ConfigDbApplier.desired(configDb("{\"LOOPBACK_INTERFACE\": {\"Loopback0\": {}}}")).rows()).isEmpty();
        assertThat(ConfigDbApplier.desired(configDb("{\"PORT\": {\"Ethernet0\": {\"admin_status\": \"up\", \"mtu\": \"9000\"}}}")).rows())
                .hasSize(1);
        assertThatThrownBy(() -> ConfigDbApplier.desired(configDb("{\"PORT\": {\"Ethernet0\": {\"admin_status\": \"up\", \"speed\": \"100000\"}}}")))
                .isInstanceOf(ApplyTarget.ApplyException.class).hasMessageContaining("PORT|Ethernet0 must set exactly admin_status");
        assertThatThrownBy(() -> ConfigDbApplier.desired(configDb("{\"PORT\": {\"Ethernet0\": {\"admin_status\": \"sideways\", \"mtu\": \"9000\"}}}")))
                .isInstanceOf(ApplyTarget.ApplyException.class).hasMessageContaining("up or down");
        assertThatThrownBy(() -> ConfigDbApplier.desired(configDb("{\"VRF\": {\"Vrf100\": {\"vni\": 100}}}")))
                .isInstanceOf(ApplyTarget.ApplyException.class).hasMessageContaining("is not a string");
        assertThatThrownBy(() -> ConfigDbApplier.desired(configDb("{\"VRF\": {\"Vrf100\": \"100\"}}")))
                .isInstanceOf(ApplyTarget.ApplyException.class).hasMessageContaining("VRF|Vrf100 is not an object of fields");
        assertThatThrownBy(() -> ConfigDbApplier.desired(configDb("[")))
                .isInstanceOf(ApplyTarget.ApplyException.class).hasMessageContaining("is not JSON");
        TreeMap<String, String> cumulus = new TreeMap<>();
        cumulus.put(FrrRenderer.FRR_CONF, "");
        cumulus.put(FrrRenderer.INTERFACES, "");
        assertThatThrownBy(() -> ConfigDbApplier.desired(new RenderedConfig(cumulus, List.of())))
                .isInstanceOf(ApplyTarget.ApplyException.class).hasMessageContaining("no config_db.json");
    }
}
