package io.metalstack.peering.vmlab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * One step the host gives the guest ({@code in/step/<n>/}, see lab.sh): lab actions before ({@code pre}), the
 * tables to wait for, the pings, the routes to look up, whether to read the machines' echo counters, lab actions
 * after ({@code post}); and what the guest measured ({@link Result}).
 */
record LabStep(String name, String pre, SortedSet<String> checked, SortedSet<String> expected, List<String> pings,
               List<String> routeGets, boolean counters, String post, boolean last) {
    LabStep {
        requireNonNull(name, "name is null");
        if (!name.matches("[a-z0-9-]{1,40}")) {
            throw new IllegalArgumentException("step name must be [a-z0-9-]{1,40}: " + name);
        }
        pre = pre == null ? "" : pre;
        post = post == null ? "" : post;
        checked = Collections.unmodifiableSortedSet(new TreeSet<>(checked));
        expected = Collections.unmodifiableSortedSet(new TreeSet<>(expected));
        pings = List.copyOf(pings);
        routeGets = List.copyOf(routeGets);
    }

    /** Hands the step to the guest as step {@code n}, waits until the guest is done with it and reads its result. */
    Result run(Guest.Running guest, int n, Duration timeout) {
        Path dir = guest.in().resolve("step").resolve(Integer.toString(n));
        Map<String, String> files = new TreeMap<>();
        files.put("name", name + "\n");
        files.put("checked", LabInputs.lines(List.copyOf(checked)));
        files.put("expected", LabInputs.lines(List.copyOf(expected)));
        files.put("pings", LabInputs.lines(pings));
        if (!pre.isEmpty()) {
            files.put("pre", pre + "\n");
        }
        if (!post.isEmpty()) {
            files.put("post", post + "\n");
        }
        if (!routeGets.isEmpty()) {
            files.put("routeget", LabInputs.lines(routeGets));
        }
        if (counters) {
            files.put("counters", "");
        }
        if (last) {
            files.put("last", "");
        }
        LabInputs.writeAll(dir, files);
        double start = guest.seconds();
        LabInputs.writeAll(dir, Map.of("go", ""));
        guest.await("VMLAB-STEP " + n + " " + name + " done", timeout);
        Result r = Result.read(guest.out().resolve("step").resolve(Integer.toString(n)), name);
        System.out.printf("vmlab: step %d %-14s %5.1f s on the host clock; guest: %s%n", n, name, guest.seconds() - start, r.summary());
        return r;
    }

    /** What the guest measured in one step. */
    record Result(String name, Path dir, String summary, boolean converged, SortedSet<String> routes, Map<String, Boolean> pings,
                  Map<String, String> routeGets, Map<String, long[]> counters, Map<String, long[]> samplers) {
        private static final Pattern SAMPLER = Pattern.compile("(\\S+) (\\d+) (\\d+)");

        static Result read(Path dir, String name) {
            String summary = text(dir.resolve("summary.txt")).strip();
            TreeSet<String> routes = new TreeSet<>(lines(dir.resolve("routes.txt")));
            Map<String, Boolean> pings = new TreeMap<>();
            for (String l : lines(dir.resolve("pings.txt"))) {
                String[] f = l.split(" ");
                pings.put(f[0] + " " + f[1] + " " + f[2], Boolean.parseBoolean(f[3]));
            }
            Map<String, String> routeGets = new TreeMap<>();
            for (String l : lines(dir.resolve("routeget.txt"))) {
                String[] f = l.split(" ", 4);
                routeGets.put(f[0] + " " + f[1] + " " + f[2], f.length > 3 ? f[3] : "");
            }
            Map<String, long[]> counters = new TreeMap<>();
            for (String l : lines(dir.resolve("counters.txt"))) {
                String[] f = l.split(" ");
                counters.put(f[0], new long[] {Long.parseLong(f[1]), Long.parseLong(f[2])});
            }
            Map<String, long[]> samplers = new TreeMap<>();
            for (String l : lines(dir.resolve("samplers.txt"))) {
                Matcher m = SAMPLER.matcher(l);
                if (m.matches()) {
                    samplers.put(m.group(1), new long[] {Long.parseLong(m.group(2)), Long.parseLong(m.group(3))});
                }
            }
            return new Result(name, dir, summary, summary.startsWith("converged=true"), Collections.unmodifiableSortedSet(routes),
                    pings, routeGets, counters, samplers);
        }

        boolean ping(String from, String to, String address) {
            Boolean ok = pings.get(from + " " + to + " " + address);
            if (ok == null) {
                throw new AssertionError("step " + name + " has no ping " + from + " -> " + to + " " + address);
            }
            return ok;
        }

        Optional<String> debug() {
            Path d = dir.resolve("debug.txt");
            return Files.exists(d) ? Optional.of(text(d)) : Optional.empty();
        }

        private static List<String> lines(Path file) {
            return Files.exists(file) ? text(file).lines().filter(l -> !l.isBlank()).toList() : new ArrayList<>();
        }

        private static String text(Path file) {
            try {
                return Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("vmlab: the guest wrote no readable " + file, e);
            }
        }
    }
}
