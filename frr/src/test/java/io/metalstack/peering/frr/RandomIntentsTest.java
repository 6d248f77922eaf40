package io.metalstack.peering.frr;

import io.metalstack.peering.model.AddressFamily;
import io.metalstack.peering.model.rules.ImportReason;
import io.metalstack.peering.model.plan.SwitchIntent;
import io.metalstack.peering.model.plan.VrfIntent;
import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** The random intents cover the shapes they claim to, render without warnings, and render deterministically. */
class RandomIntentsTest {
    @Test
    void randomIntentsRenderWithoutWarningsAndDeterministically() {
        FrrRenderer renderer = new FrrRenderer();
        Set<String> seen = new TreeSet<>();
        for (long seed = 1; seed <= 200; seed++) {
            SwitchIntent intent = RandomIntents.generate(new Random(seed));
            RenderedConfig rendered = renderer.render(intent);
            assertThat(rendered.warnings()).as("seed %d", seed).isEmpty();
            assertThat(renderer.render(DeterminismTest.shuffle(intent, new Random(seed))).files()).as("seed %d", seed)
                    .isEqualTo(rendered.files());
            if (seed <= RandomIntentRenderIT.CASES) {
                classify(intent, seen);
            }
        }
        assertThat(seen).as("shapes within the seeds the IT loads into FRR").contains(
                "ipv6-only vrf", "ipv4-only vrf", "dual-stack vrf", "vrf without ports", "external import", "shared import",
                "no firewall", "no uplink", "firewall without vnis", "sonic", "cumulus", "vrf with three imports");
    }

    private static void classify(SwitchIntent intent, Set<String> seen) {
        seen.add(intent.os().name().toLowerCase(java.util.Locale.ROOT));
        if (intent.firewalls().isEmpty()) {
            seen.add("no firewall");
        }
        if (intent.uplinks().isEmpty()) {
            seen.add("no uplink");
        }
        intent.firewalls().stream().filter(f -> f.vnis().isEmpty()).forEach(f -> seen.add("firewall without vnis"));
        for (VrfIntent v : intent.vrfs()) {
            if (v.families().equals(Set.of(AddressFamily.IPV6))) {
                seen.add("ipv6-only vrf");
            } else if (v.families().equals(Set.of(AddressFamily.IPV4))) {
                seen.add("ipv4-only vrf");
            } else {
                seen.add("dual-stack vrf");
            }
            if (!v.local()) {
                seen.add("vrf without ports");
            }
            if (v.imports().size() >= 3) {
                seen.add("vrf with three imports");
            }
            v.imports().forEach(i -> seen.add(i.reason() == ImportReason.EXTERNAL ? "external import"
                    : i.reason() == ImportReason.SHARED ? "shared import" : "same-project import"));
        }
    }
}
