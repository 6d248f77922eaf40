package io.metalstack.peering.bench;

import io.metalstack.peering.frr.FrrRenderer;
import io.metalstack.peering.frr.RenderedConfig;
import io.metalstack.peering.model.SwitchId;
import io.metalstack.peering.model.plan.Inventory;
import io.metalstack.peering.model.plan.InventoryChange;
import io.metalstack.peering.model.plan.Plan;
import io.metalstack.peering.model.plan.Planner;
import io.metalstack.peering.model.plan.SwitchIntent;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.util.SortedSet;
import java.util.concurrent.TimeUnit;

/**
 * Issue 4's targets on a fabric of 200 leaves, 4,000 networks and 8,000 peerings: a full plan and render of every
 * switch (target ≤ 2 s), and the re-plan after one peering change plus the render of the switches it affects
 * (target ≤ 20 ms).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgs = {"-Xms1g", "-Xmx1g"})
public class PlanBenchmark {
    private Inventory inventory;
    private Plan plan;
    private InventoryChange addPeering;
    private InventoryChange removePeering;
    private final FrrRenderer renderer = new FrrRenderer();

    @Setup(Level.Trial)
    public void setUp() {
        inventory = LargeFabric.build(200, 400);
        plan = Planner.plan(inventory);
        addPeering = new InventoryChange.PeeringSet(LargeFabric.extraPeering());
        removePeering = new InventoryChange.PeeringRemoved(inventory.peerings().get(0).id());
        long imports = plan.intents().values().stream().mapToLong(i -> i.vrfs().stream().mapToLong(v -> v.imports().size()).sum()).sum();
        long vrfs = plan.intents().values().stream().mapToLong(i -> i.vrfs().size()).sum();
        System.out.printf("%nfabric: %d switches, %d networks, %d peerings, %d machines; plan: %d VRF instances, %d imports; "
                        + "one peering added affects %d switches, one removed %d%n",
                inventory.switches().size(), inventory.networks().size(), inventory.peerings().size(), inventory.machines().size(),
                vrfs, imports, Planner.affected(plan, addPeering).size(), Planner.affected(plan, removePeering).size());
    }

    @Benchmark
    public Plan fullPlan() {
        return Planner.plan(inventory, plan.vlans());
    }

    @Benchmark
    public void fullPlanAndRender(Blackhole bh) {
        Plan full = Planner.plan(inventory, plan.vlans());
        for (SwitchIntent intent : full.intents().values()) {
            bh.consume(renderer.render(intent));
        }
    }

    @Benchmark
    public Plan onePeeringAddedReplan() {
        return Planner.replan(plan, addPeering);
    }

    @Benchmark
    public void onePeeringAddedReplanAndRender(Blackhole bh) {
        replanAndRender(addPeering, bh);
    }

    @Benchmark
    public void onePeeringRemovedReplanAndRender(Blackhole bh) {
        replanAndRender(removePeering, bh);
    }

    private void replanAndRender(InventoryChange change, Blackhole bh) {
        SortedSet<SwitchId> affected = Planner.affected(plan, change);
        Plan next = Planner.replan(plan, change);
        for (SwitchId id : affected) {
            RenderedConfig config = renderer.render(next.intent(id).orElseThrow());
            bh.consume(config);
        }
    }
}
