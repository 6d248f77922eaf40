package io.metalstack.peering.model.status;

import io.metalstack.peering.model.IpPrefix;
import io.metalstack.peering.model.Network;
import io.metalstack.peering.model.NetworkId;
import io.metalstack.peering.model.NetworkType;
import io.metalstack.peering.model.Peering;
import io.metalstack.peering.model.SwitchId;
import io.metalstack.peering.model.Vni;
import io.metalstack.peering.model.plan.SwitchIntent;
import io.metalstack.peering.model.plan.VrfIntent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;

import static java.util.Objects.requireNonNull;

/**
 * What a switch's last report says against its intent: per VRF of the intent the expected prefixes the switch does
 * not see ({@code missing}) and the ones it sees but should not ({@code unexpected}: a route leak), and from those
 * the phase of a peering on that switch. Pure.
 *
 * <p>The expected set of a VRF is its own prefixes plus those it imports. An observed prefix is expected when an
 * expected prefix covers it (a machine's /32 inside its network's /22 is no leak); an expected prefix is missing
 * when nothing inside it is observed. The VRF of an external network may also carry that network's destination
 * prefixes (the default route from the exit switches): they are never a leak there.
 */
public final class SwitchStatus {

    private SwitchStatus() {}

    /** One VRF of a switch compared with what its agent observed. */
    public record VrfCheck(Vni vni, NetworkId network, SortedSet<IpPrefix> missing, SortedSet<IpPrefix> unexpected) {
        public boolean clean() {
            return missing.isEmpty() && unexpected.isEmpty();
        }
    }

    /** Every VRF of the intent compared with the report; empty when the report carries no observation. */
    public static List<VrfCheck> check(SwitchIntent intent, SwitchReport report, Function<NetworkId, Optional<Network>> networks) {
        if (report.observed().isEmpty()) {
            return List.of();
        }
        Map<Vni, SortedSet<IpPrefix>> observed = report.observed().get();
        List<VrfCheck> out = new ArrayList<>();
        for (VrfIntent v : intent.vrfs()) {
            Set<IpPrefix> seen = observed.getOrDefault(v.vni(), new TreeSet<>());
            TreeSet<IpPrefix> tolerated = new TreeSet<>(v.allowedPrefixes());
            networks.apply(v.network()).filter(n -> n.type() == NetworkType.EXTERNAL).ifPresent(n -> tolerated.addAll(n.destinationPrefixes()));
            SortedSet<IpPrefix> missing = v.missing(seen);
            TreeSet<IpPrefix> unexpected = new TreeSet<>();
            for (IpPrefix o : seen) {
                if (tolerated.stream().noneMatch(e -> e.contains(o))) {
                    unexpected.add(o);
                }
            }
            out.add(new VrfCheck(v.vni(), v.network(), missing, unexpected));
        }
        return out;
    }

    /**
     * A switch's conditions: its apply error, a {@code session} per external BGP session that is not established,
     * and a {@code leak} per VRF with unexpected prefixes.
     */
    public static List<Condition> conditions(SwitchId id, Optional<SwitchReport> report, List<VrfCheck> checks) {
        List<Condition> out = new ArrayList<>();
        report.flatMap(SwitchReport::error).ifPresent(e -> out.add(applyError(id, report.get())));
        report.ifPresent(r -> r.sessions().stream().filter(x -> !x.state().equalsIgnoreCase("Established")).forEach(x ->
                out.add(new Condition("session", String.format("the BGP session of peering %s on switch %s is %s",
                        x.peering(), id, x.state().isEmpty() ? "down" : x.state())))));
        for (VrfCheck c : checks) {
            if (!c.unexpected().isEmpty()) {
                out.add(leak(id, c));
            }
        }
        return out;
    }

    private static Condition applyError(SwitchId id, SwitchReport r) {
        return new Condition("error", "switch " + id + " failed to apply revision " + r.revision() + ": " + r.error().orElseThrow());
    }

    private static Condition leak(SwitchId id, VrfCheck c) {
        return new Condition("leak", String.format("switch %s sees %s in vrf %s (network %s), which it neither owns nor imports",
                id, String.join(", ", c.unexpected().stream().map(IpPrefix::toString).toList()), c.vni(), c.network()));
    }

    /** What a switch reported for the peering's VRFs: the revision, its error, missing and unexpected prefixes, when. */
    public record Applied(long revision, Optional<String> error, SortedSet<IpPrefix> missing, SortedSet<IpPrefix> unexpected,
                          Instant time) {
        public Applied {
            requireNonNull(error, "error is null");
            missing = Collections.unmodifiableSortedSet(new TreeSet<>(missing));
            unexpected = Collections.unmodifiableSortedSet(new TreeSet<>(unexpected));
            requireNonNull(time, "time is null");
        }
    }

    /** A peering on one of its switches; {@code applied} is empty while the switch has not reported. */
    public record OnSwitch(SwitchId switchId, Phase phase, Optional<Applied> applied, List<Condition> conditions) {

        public OnSwitch {
            requireNonNull(switchId, "switchId is null");
            requireNonNull(phase, "phase is null");
            requireNonNull(applied, "applied is null");
            conditions = List.copyOf(conditions);
        }

        /**
         * As a tenant sees it: where and at which revision an apply failed, not the agent's error text, which can name
         * anything on the switch (another project's prefixes, config lines). Admin and infra see the text.
         */
        public OnSwitch withoutErrorText() {
            if (applied.isEmpty() || applied.get().error().isEmpty()) {
                return this;
            }
            Applied a = applied.get();
            String summary = "apply failed on " + switchId + " at revision " + a.revision();
            return new OnSwitch(switchId, phase, Optional.of(new Applied(a.revision(), Optional.of(summary), a.missing(), a.unexpected(), a.time())),
                    conditions.stream().map(c -> c.type().equals("error") ? new Condition("error", summary + "; operators see the agent's error") : c)
                            .toList());
        }
    }

    /**
     * The peering on one switch: pending until the switch reports a revision at least the peering's, then failed
     * (an error), degraded (missing or unexpected prefixes in the peering's VRFs there) or active.
     */
    public static OnSwitch onSwitch(Peering p, long peeringRevision, SwitchIntent intent, Optional<SwitchReport> report,
                                    Function<NetworkId, Optional<Network>> networks) {
        SwitchId id = intent.id();
        if (report.isEmpty()) {
            return new OnSwitch(id, Phase.PENDING, Optional.empty(), List.of());
        }
        SwitchReport r = report.get();
        Set<NetworkId> mine = Set.copyOf(p.networks());
        List<VrfCheck> checks = check(intent, r, networks).stream().filter(c -> mine.contains(c.network())).toList();
        TreeSet<IpPrefix> missing = new TreeSet<>();
        TreeSet<IpPrefix> unexpected = new TreeSet<>();
        checks.forEach(c -> {
            missing.addAll(c.missing());
            unexpected.addAll(c.unexpected());
        });
        List<Condition> conditions = new ArrayList<>();
        checks.stream().filter(c -> !c.unexpected().isEmpty()).forEach(c -> conditions.add(leak(id, c)));
        Phase phase;
        if (r.revision() < peeringRevision) {
            phase = Phase.PENDING;
        } else if (r.failed()) {
            phase = Phase.FAILED;
            conditions.add(applyError(id, r));
        } else if (!missing.isEmpty() || !unexpected.isEmpty()) {
            phase = Phase.DEGRADED;
        } else {
            phase = Phase.ACTIVE;
        }
        return new OnSwitch(id, phase, Optional.of(new Applied(r.revision(), r.error(), missing, unexpected, r.time())), conditions);
    }
}
