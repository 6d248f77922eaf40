package io.metalstack.peering.bench;

import io.metalstack.peering.frr.FrrRenderer;
import io.metalstack.peering.model.SwitchId;
import io.metalstack.peering.model.plan.Inventory;
import io.metalstack.peering.model.plan.InventoryChange;
import io.metalstack.peering.model.plan.Plan;
import io.metalstack.peering.model.plan.Planner;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The same operations as {@link PlanBenchmark}, measured in CPU time (median of many runs after a warm-up) rather than
 * wall-clock time: on a machine shared with other builds, wall-clock numbers mostly measure the neighbours. The CPU time
 * is the running thread's plus the common fork-join pool's workers' ({@link Planner#planEach} plans the switches in
 * parallel there): the work done, on however many cores. The wall clock is printed next to it; "rendered in parallel"
 * renders the switches on the common pool as a server rendering many would, so its wall clock is the figure that
 * shows what the cores give. Run: {@code java -cp bench/target/benchmarks.jar io.metalstack.peering.bench.CpuTime [leaves=1000]}.
 */
public final class CpuTime {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private CpuTime() {}

    public static void main(String[] args) {
        Inventory inventory = LargeFabric.build(args.length > 0 ? Integer.parseInt(args[0]) : LargeFabric.GOAL_LEAVES);
        Plan plan = Planner.plan(inventory);
        FrrRenderer renderer = new FrrRenderer();
        InventoryChange add = new InventoryChange.PeeringSet(LargeFabric.extraPeering());
        InventoryChange remove = new InventoryChange.PeeringRemoved(inventory.peerings().get(0).id());

        LongSupplier full = () -> Planner.plan(inventory, plan.vlans()).intents().size();
        LongSupplier fullRender = () -> Planner.plan(inventory, plan.vlans()).intents().values().stream()
                .mapToLong(i -> renderer.render(i).frrConf().length()).sum();
        LongSupplier fullRenderParallel = () -> Planner.plan(inventory, plan.vlans()).intents().values().parallelStream()
                .mapToLong(i -> renderer.render(i).frrConf().length()).sum();
        LongSupplier replan = () -> Planner.replan(plan, add).intents().size();
        LongSupplier replanRenderAdd = () -> replanAndRender(plan, add, renderer);
        LongSupplier replanRenderRemove = () -> replanAndRender(plan, remove, renderer);

        // the reference of PlanBenchmark: the rendered files copied into one buffer (all switches, the affected ones)
        List<String> all = new ArrayList<>();
        plan.intents().values().forEach(i -> all.addAll(renderer.render(i).files().values()));
        List<String> affected = new ArrayList<>();
        Plan added = Planner.replan(plan, add);
        Planner.affected(plan, add).forEach(id -> affected.addAll(renderer.render(added.intent(id).orElseThrow()).files().values()));
        LongSupplier copyAll = () -> copy(all);
        LongSupplier copyAffected = () -> copy(affected);

        double refAll = report("reference: copy the rendered files of every switch", copyAll, 5, 15);
        double refAffected = report("reference: copy the rendered files of the affected", copyAffected, 200, 200);
        report("full plan", full, 5, 15);
        ratio(report("full plan + render", fullRender, 3, 7), refAll, 2000);
        ratio(report("full plan + render, rendered in parallel", fullRenderParallel, 3, 7), refAll, 2000);
        report("one peering added: re-plan", replan, 200, 200);
        ratio(report("one peering added: re-plan + render affected", replanRenderAdd, 100, 100), refAffected, 10);
        ratio(report("one peering removed: re-plan + render affected", replanRenderRemove, 100, 100), refAffected, 10);
    }

    private static long copy(List<String> files) {
        StringBuilder out = new StringBuilder();
        files.forEach(out::append);
        return out.length();
    }

    private static void ratio(double ms, double referenceMs, double goalMs) {
        System.out.printf("%-50s ratio to the reference %.1f; goal <= %.0f ms: %s%n", "", ms / referenceMs, goalMs,
                ms <= goalMs ? "met" : "MISSED");
    }

    private static long replanAndRender(Plan plan, InventoryChange change, FrrRenderer renderer) {
        long bytes = 0;
        Plan next = Planner.replan(plan, change);
        for (SwitchId id : Planner.affected(plan, change)) {
            bytes += renderer.render(next.intent(id).orElseThrow()).frrConf().length();
        }
        return bytes;
    }

    /** Prints and returns the median CPU time in ms. */
    private static double report(String what, LongSupplier op, int warmups, int runs) {
        long sink = 0;
        for (int i = 0; i < warmups; i++) {
            sink += op.getAsLong();
        }
        long[] cpu = new long[runs];
        long[] wall = new long[runs];
        for (int i = 0; i < runs; i++) {
            long c0 = cpuTime();
            long w0 = System.nanoTime();
            sink += op.getAsLong();
            wall[i] = System.nanoTime() - w0;
            cpu[i] = cpuTime() - c0;
        }
        Arrays.sort(cpu);
        Arrays.sort(wall);
        System.out.printf("%-50s median %9.3f ms CPU, min %9.3f, max %9.3f; wall clock median %9.3f ms (n=%d, %d)%n", what,
                cpu[runs / 2] / 1e6, cpu[0] / 1e6, cpu[runs - 1] / 1e6, wall[runs / 2] / 1e6, runs, sink % 10);
        return cpu[runs / 2] / 1e6;
    }

    /** CPU time of this thread and of the common pool's workers, in ns. */
    private static long cpuTime() {
        long sum = THREADS.getCurrentThreadCpuTime();
        for (ThreadInfo t : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (t != null && t.getThreadName().startsWith("ForkJoinPool.commonPool-worker")) {
                sum += Math.max(0, THREADS.getThreadCpuTime(t.getThreadId()));
            }
        }
        return sum;
    }
}
