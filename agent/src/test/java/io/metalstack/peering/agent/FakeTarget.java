package io.metalstack.peering.agent;

import io.metalstack.peering.api.V1SessionState;
import io.metalstack.peering.frr.RenderedConfig;
import io.metalstack.peering.model.IpPrefix;
import io.metalstack.peering.model.plan.ExternalSession;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/** A target that records what it was asked to apply, fails on demand and shows the routes a test gives it. */
final class FakeTarget implements ApplyTarget {
    final List<RenderedConfig> applied = new ArrayList<>();
    String failWith;
    final SortedMap<String, SortedSet<IpPrefix>> routes = new TreeMap<>();
    /** What {@link #sessions} answers, whatever it is asked. */
    List<V1SessionState> sessionStates = List.of();
    /** What {@link #driftCheckDue} answers. */
    boolean driftCheckDue;
    /** Runs on every {@link #observe}. */
    Runnable onObserve = () -> { };

    @Override
    public void apply(RenderedConfig config) throws ApplyException {
        if (failWith != null) {
            throw new ApplyException(failWith);
        }
        applied.add(config);
    }

    @Override
    public Optional<SortedMap<String, SortedSet<IpPrefix>>> observe() {
        onObserve.run();
        SortedMap<String, SortedSet<IpPrefix>> copy = new TreeMap<>();
        routes.forEach((vrf, p) -> copy.put(vrf, new TreeSet<>(p)));
        return Optional.of(copy);
    }

    @Override
    public List<V1SessionState> sessions(List<ExternalSession> sessions) {
        return sessionStates;
    }

    @Override
    public boolean driftCheckDue() {
        return driftCheckDue;
    }

    void route(String vrf, String... prefixes) {
        for (String p : prefixes) {
            routes.computeIfAbsent(vrf, v -> new TreeSet<>()).add(IpPrefix.parse(p));
        }
    }
}
