package io.metalstack.peering.frr;

import io.metalstack.peering.model.SwitchOs;
import io.metalstack.peering.model.plan.SwitchIntent;
import io.metalstack.peering.model.plan.VrfImport;
import io.metalstack.peering.model.plan.VrfIntent;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/** Same intent, lists in any order: same bytes. */
class DeterminismTest {
    private final FrrRenderer renderer = new FrrRenderer();

    @Test
    void shuffledListsRenderTheSameBytes() {
        for (Map.Entry<String, Function<SwitchOs, SwitchIntent>> c : Fixtures.cases().entrySet()) {
            for (SwitchOs os : SwitchOs.values()) {
                SwitchIntent intent = c.getValue().apply(os);
                RenderedConfig expected = renderer.render(intent);
                for (long seed = 1; seed <= 20; seed++) {
                    RenderedConfig shuffled = renderer.render(shuffle(intent, new Random(seed)));
                    assertThat(shuffled.files()).as("%s/%s seed %d", c.getKey(), os, seed).isEqualTo(expected.files());
                }
            }
        }
    }

    @Test
    void renderingTwiceGivesTheSameBytes() {
        SwitchIntent intent = Fixtures.cases().get("three-peers").apply(SwitchOs.SONIC);
        assertThat(renderer.render(intent)).isEqualTo(renderer.render(intent));
    }

    static SwitchIntent shuffle(SwitchIntent i, Random random) {
        List<VrfIntent> vrfs = new ArrayList<>();
        for (VrfIntent v : i.vrfs()) {
            List<VrfImport> imports = new ArrayList<>();
            for (VrfImport imp : v.imports()) {
                imports.add(new VrfImport(imp.from(), imp.network(), imp.reason(), shuffled(imp.prefixes(), random)));
            }
            vrfs.add(new VrfIntent(v.vni(), v.network(), v.vlan(), shuffled(v.machinePorts(), random), v.families(),
                    shuffled(v.ownPrefixes(), random), shuffled(imports, random)));
        }
        return new SwitchIntent(i.id(), i.partition(), i.role(), i.os(), i.asn(), i.routerId(), i.zone(),
                shuffled(i.uplinks(), random), shuffled(i.firewalls(), random), shuffled(i.unprovisioned(), random),
                shuffled(vrfs, random), shuffled(i.external(), random));
    }

    private static <T> List<T> shuffled(List<T> list, Random random) {
        List<T> copy = new ArrayList<>(list);
        Collections.shuffle(copy, random);
        return copy;
    }
}
