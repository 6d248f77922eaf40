package io.metalstack.peering.vmlab;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

import static java.util.Objects.requireNonNull;

/**
 * What the guest measured in one phase ({@code out/<phase>/result.json}, written by lab.sh): whether the VRF tables
 * reached the expectation, every IPv4 unicast route in a VRF table, and every ping.
 */
record PhaseResult(String phase, boolean converged, double convergeSeconds, double pingSeconds, List<Route> routes, List<Ping> pings) {
    private static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    record Route(String leaf, String vrf, String prefix) {
        String line() {
            return leaf + " " + vrf + " " + prefix;
        }
    }

    record Ping(String from, String to, String address, boolean ok) {}

    PhaseResult {
        requireNonNull(phase, "phase is null");
        routes = List.copyOf(routes);
        pings = List.copyOf(pings);
    }

    /** The routes as "leaf vrf prefix" lines, the form of {@link PeeringScenario#expectedRoutes}. */
    SortedSet<String> routeLines() {
        TreeSet<String> out = new TreeSet<>();
        routes.forEach(r -> out.add(r.line()));
        return out;
    }

    Ping ping(String from, String to) {
        return pings.stream().filter(p -> p.from().equals(from) && p.to().equals(to)).findFirst()
                .orElseThrow(() -> new AssertionError("phase " + phase + " has no ping from " + from + " to " + to));
    }

    static PhaseResult read(Path out, String phase) {
        Path file = out.resolve(phase).resolve("result.json");
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("vmlab: the guest wrote no " + file);
        }
        try {
            return JSON.readValue(file.toFile(), PhaseResult.class);
        } catch (IOException e) {
            throw new UncheckedIOException("vmlab: cannot read " + file, e);
        }
    }
}
