package io.metalstack.peering.bench;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.infra.Blackhole;

import static org.assertj.core.api.Assertions.assertThat;

/** The benchmark's harness at a tiny size (a smoke test, no timing): the fabric's shape and every benchmark method run. */
class PlanBenchmarkTest {

    @Test
    void everyBenchmarkRunsOnATinyFabric() {
        PlanBenchmark bench = new PlanBenchmark();
        bench.leaves = 4;
        bench.setUp();
        Blackhole bh = new Blackhole("Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");
        assertThat(bench.fullPlan().intents()).hasSize(4);
        bench.fullPlanAndRender(bh);
        assertThat(bench.onePeeringAddedReplan().inventory().peerings()).hasSize(8 * LargeFabric.PEERINGS_PER_PROJECT + 1);
        bench.onePeeringAddedReplanAndRender(bh);
        bench.onePeeringRemovedReplanAndRender(bh);
        assertThat(bench.referenceCopyAllRendered()).isGreaterThan(bench.referenceCopyAffectedRendered()).isPositive();
        bh.evaporate("Yes, I am Stephen Hawking, and know a thing or two about black holes.");
    }

    @Test
    void issue14sScaleIsWhatTheIssueAsks() {
        // counted, not built: 1,000 leaves, two projects per leaf, ten networks and 25 peerings per project
        assertThat(2 * LargeFabric.GOAL_LEAVES * LargeFabric.NETWORKS_PER_PROJECT).isEqualTo(20_000);
        assertThat(2 * LargeFabric.GOAL_LEAVES * LargeFabric.PEERINGS_PER_PROJECT).isEqualTo(50_000);
        assertThat(LargeFabric.build(4).peerings()).hasSize(8 * LargeFabric.PEERINGS_PER_PROJECT);
    }
}
