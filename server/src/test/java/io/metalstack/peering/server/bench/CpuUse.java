package io.metalstack.peering.server.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where a load's CPU went: this JVM (the server and the load's clients), the rest of the machine (PostgreSQL on a
 * quiet host), from the process's CPU time and the kernel's {@code /proc/stat} over the same interval; and per group
 * of this JVM's threads alive at the end (digits folded: {@code metal-api-N} are the server's request threads; the
 * load's own client threads have ended by then and show in the JVM's total only, as do GC and the JIT).
 *
 * @param threadNanos CPU time per thread ({@code name#id}) at the start
 */
record CpuUse(long processNanos, long machineTicks, long idleTicks, Map<String, Long> threadNanos) {

    /** Clock ticks per second of {@code /proc/stat} (USER_HZ, 100 on Linux). */
    private static final double TICKS_PER_SECOND = 100;

    static CpuUse start() {
        long[] machine = machine();
        return new CpuUse(process(), machine[0], machine[1], threads());
    }

    /** Prints CPU milliseconds per {@code unit} over {@code count} units since {@link #start}. */
    void print(int count, String unit) {
        long[] machine = machine();
        double jvm = (process() - processNanos) / 1e6;
        double busy = (machine[0] - machineTicks) * 1000 / TICKS_PER_SECOND;
        double idle = (machine[1] - idleTicks) * 1000 / TICKS_PER_SECOND;
        System.out.printf("cpu per %s: this JVM (server and clients) %.2f ms, rest of the machine (the database) %.2f ms; machine idle %.0f %%%n",
                unit, jvm / count, Math.max(0, busy - jvm) / count, 100 * idle / (busy + idle));
        Map<String, Double> groups = new TreeMap<>();
        threads().forEach((thread, nanos) -> groups.merge(thread.replaceAll("#.*", "").replaceAll("[0-9]+", "N"),
                (nanos - threadNanos.getOrDefault(thread, 0L)) / 1e6 / count, Double::sum));
        groups.entrySet().stream().filter(e -> e.getValue() >= 0.01).sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(e -> System.out.printf("  threads %-40s %.2f ms per %s%n", e.getKey(), e.getValue(), unit));
    }

    /** CPU time per live thread, by {@code name#id}. */
    private static Map<String, Long> threads() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        Map<String, Long> out = new HashMap<>();
        for (ThreadInfo t : mx.getThreadInfo(mx.getAllThreadIds())) {
            if (t != null) {
                out.put(t.getThreadName() + "#" + t.getThreadId(), Math.max(0, mx.getThreadCpuTime(t.getThreadId())));
            }
        }
        return out;
    }

    private static long process() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** Busy and idle ticks of all CPUs. */
    private static long[] machine() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = Long.parseLong(f[1]) + Long.parseLong(f[2]) + Long.parseLong(f[3]) + Long.parseLong(f[6]) + Long.parseLong(f[7]);
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
            return new long[] {busy, idle};
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0};
        }
    }
}
