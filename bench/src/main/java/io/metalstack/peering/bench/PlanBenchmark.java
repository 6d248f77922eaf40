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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.SortedSet;
import java.util.concurrent.TimeUnit;

/**
 * The planner's goals on a fabric of 1,000 leaves, 20,000 networks and 50,000 peerings ({@link LargeFabric}): a full
 * plan and render of every switch (goal ≤ 2 s), and the re-plan after one peering change plus the render of the
 * switches it affects (goal ≤ 10 ms). {@code -p leaves=N} runs another size (two projects per leaf).
 *
 * <p>The {@code reference…} benchmarks are the floor the same run measures beside ours: copying the bytes the
 * render produces (every file of every switch, or of the affected switches) into one buffer, i.e. the cost of
 * writing the output without deciding any of it. {@code scripts/bench.sh plan} prints the ratios.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgs = {"-Xms3g", "-Xmx3g"})
public class PlanBenchmark {
    @Param({"" + LargeFabric.GOAL_LEAVES})
    public int leaves;

    private Inventory inventory;
    private Plan plan;
    private InventoryChange addPeering;
    private InventoryChange removePeering;
    // the files only (not the typed models): the references copy these
    private List<Collection<String>> rendered;
    private List<Collection<String>> renderedAffected;
    private final FrrRenderer renderer = new FrrRenderer();

    @Setup(Level.Trial)
    public void setUp() {
        inventory = LargeFabric.build(leaves);
        plan = Planner.plan(inventory);
        addPeering = new InventoryChange.PeeringSet(LargeFabric.extraPeering());
        removePeering = new InventoryChange.PeeringRemoved(inventory.peerings().get(0).id());
        rendered = new ArrayList<>();
        for (SwitchIntent intent : plan.intents().values()) {
            rendered.add(List.copyOf(renderer.render(intent).files().values()));
        }
        renderedAffected = new ArrayList<>();
        Plan added = Planner.replan(plan, addPeering);
        for (SwitchId id : Planner.affected(plan, addPeering)) {
            renderedAffected.add(List.copyOf(renderer.render(added.intent(id).orElseThrow()).files().values()));
        }
        System.out.printf("%n%s%n", describe(inventory, plan, addPeering, removePeering, rendered));
    }

    static String describe(Inventory inventory, Plan plan, InventoryChange add, InventoryChange remove, List<Collection<String>> rendered) {
        long imports = plan.intents().values().stream().mapToLong(i -> i.vrfs().stream().mapToLong(v -> v.imports().size()).sum()).sum();
        long vrfs = plan.intents().values().stream().mapToLong(i -> i.vrfs().size()).sum();
        long bytes = rendered.stream().flatMap(Collection::stream).mapToLong(String::length).sum();
        return String.format("fabric: %d switches, %d networks, %d peerings, %d machines; plan: %d VRF instances, %d imports; "
                        + "rendered %.1f MB; one peering added affects %d switches, one removed %d",
                inventory.switches().size(), inventory.networks().size(), inventory.peerings().size(), inventory.machines().size(),
                vrfs, imports, bytes / 1e6, Planner.affected(plan, add).size(), Planner.affected(plan, remove).size());
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

    /** Reference for {@link #fullPlanAndRender}: the rendered files of every switch copied into one buffer. */
    @Benchmark
    public int referenceCopyAllRendered() {
        return copy(rendered);
    }

    /** Reference for {@link #onePeeringAddedReplanAndRender}: the affected switches' rendered files copied. */
    @Benchmark
    public int referenceCopyAffectedRendered() {
        return copy(renderedAffected);
    }

    private void replanAndRender(InventoryChange change, Blackhole bh) {
        SortedSet<SwitchId> affected = Planner.affected(plan, change);
        Plan next = Planner.replan(plan, change);
        for (SwitchId id : affected) {
            RenderedConfig config = renderer.render(next.intent(id).orElseThrow());
            bh.consume(config);
        }
    }

    private static int copy(List<Collection<String>> configs) {
        StringBuilder out = new StringBuilder();
        for (Collection<String> files : configs) {
            for (String file : files) {
                out.append(file);
            }
        }
        return out.length();
    }
}
