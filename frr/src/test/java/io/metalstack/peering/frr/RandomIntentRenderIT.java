package io.metalstack.peering.frr;

import io.metalstack.peering.frr.lab.FrrLab;
import io.metalstack.peering.frr.lab.StrictLoad;
import io.metalstack.peering.model.plan.SwitchIntent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seeded random intents beyond the golden cases: each renders without warnings, passes {@code vtysh -C} and loads
 * into throwaway FRR daemons with no output but the route-map forward-reference warning. A failure names its seed.
 */
class RandomIntentRenderIT {
    static final int CASES = 40;
    private static FrrLab lab;
    private static StrictLoad strict;

    @TempDir
    static Path dir;

    @BeforeAll
    static void startLab() {
        lab = FrrLab.start("random-intents");
        strict = new StrictLoad(lab);
    }

    @AfterAll
    static void closeLab() {
        if (lab != null) {
            lab.close();
        }
    }

    @TestFactory
    Stream<DynamicTest> randomIntentsRenderConfigsFrrAccepts() {
        return LongStream.rangeClosed(1, CASES).mapToObj(seed -> DynamicTest.dynamicTest("seed " + seed, () -> check(seed)));
    }

    private void check(long seed) throws IOException {
        SwitchIntent intent = RandomIntents.generate(new Random(seed));
        RenderedConfig rendered = new FrrRenderer().render(intent);
        assertThat(rendered.warnings()).as("seed %d warnings", seed).isEmpty();
        Path file = dir.resolve("seed" + seed + "-" + intent.os().wire() + ".conf");
        Files.writeString(file, rendered.frrConf(), StandardCharsets.UTF_8);
        VtyshSyntaxIT.Result syntax = VtyshSyntaxIT.check(file);
        assertThat(syntax.output()).as("seed %d: vtysh -C -f output", seed).isEmpty();
        assertThat(syntax.exitCode()).as("seed %d: vtysh -C -f exit code", seed).isZero();
        assertThat(strict.problems(file)).as("seed %d: lines FRR printed while loading", seed).isEmpty();
    }
}
