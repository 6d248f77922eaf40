package io.metalstack.peering.model.plan;

import io.metalstack.peering.frr.FrrRenderer;
import io.metalstack.peering.frr.RenderedConfig;
import io.metalstack.peering.model.SwitchOs;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 4 §4, end to end: hostile names, descriptions, labels, racks and zone names (newlines, {@code !},
 * {@code end}, FRR commands, JSON breakers, unicode, 20,000 characters) go through the planner AND the renderer and
 * change not one rendered byte, in either dialect. Lives in the model's package (in the frr module, which can see
 * both) to reuse the planner tests' generators from the model test-jar.
 */
class HostileInputRenderTest {
    @Test
    void hostileTextChangesNoRenderedByte() {
        int files = 0;
        for (long seed = 1; seed <= 40; seed++) {
            Inventory benign = PlannerHostileInputTest.withoutForbidden(RandomFabric.generate(seed, false).build());
            Inventory hostile = PlannerHostileInputTest.hostile(benign, new Random(seed));
            Map<String, RenderedConfig> expected = render(Planner.plan(benign));
            Map<String, RenderedConfig> actual = render(Planner.plan(hostile));
            assertThat(actual.keySet()).as("seed %d", seed).isEqualTo(expected.keySet());
            for (String sw : expected.keySet()) {
                assertThat(actual.get(sw).files()).as("seed %d switch %s", seed, sw).isEqualTo(expected.get(sw).files());
                files += expected.get(sw).files().size();
                actual.get(sw).files().values().forEach(text -> assertThat(text)
                        .doesNotContain("6.6.6.6").doesNotContain("evil").doesNotContain("vrf666").doesNotContain("Vrf666")
                        .doesNotContain("\u0000").doesNotContain("\u202e").doesNotContain("🐉"));
            }
        }
        assertThat(files).as("rendered files compared").isGreaterThan(100);
    }

    private static final FrrRenderer RENDERER = new FrrRenderer();

    /** Every switch in its own dialect and, as {@code <id>-other}, in the other one. */
    private static Map<String, RenderedConfig> render(Plan plan) {
        Map<String, RenderedConfig> out = new TreeMap<>();
        plan.intents().forEach((id, i) -> {
            out.put(id.value(), RENDERER.render(i));
            SwitchOs other = i.os() == SwitchOs.SONIC ? SwitchOs.CUMULUS : SwitchOs.SONIC;
            out.put(id.value() + "-other", RENDERER.render(new SwitchIntent(i.id(), i.partition(), i.role(), other, i.asn(),
                    i.routerId(), i.zone(), i.uplinks(), i.firewalls(), i.unprovisioned(), i.vrfs(), i.external())));
        });
        return out;
    }
}
