package io.metalstack.peering.server.fabric;

import io.metalstack.peering.api.V1Condition;
import io.metalstack.peering.api.V1PeeringSwitchStatus;
import io.metalstack.peering.model.IpPrefix;
import io.metalstack.peering.model.Network;
import io.metalstack.peering.model.NetworkId;
import io.metalstack.peering.model.NetworkType;
import io.metalstack.peering.model.Peering;
import io.metalstack.peering.model.SwitchId;
import io.metalstack.peering.model.Vni;
import io.metalstack.peering.model.plan.SwitchIntent;
import io.metalstack.peering.model.plan.VrfIntent;
import io.metalstack.peering.server.store.SwitchReport;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * What the server derives from a switch's last report and its intent: per VRF of the intent the expected prefixes
 * the switch does not see ({@code missing}) and the ones it sees but should not ({@code unexpected}: a route leak),
 * and from those the phase of a peering on that switch and on all its switches. Pure.
 *
 * <p>The expected set of a VRF is its own prefixes plus those it imports. An observed prefix is expected when an
 * expected prefix covers it (a machine's /32 inside its network's /22 is no leak); an expected prefix is missing
 * when nothing inside it is observed. The VRF of an external network may also carry that network's destination
 * prefixes (the default route from the exit switches): they are never a leak there.
 */
public final class SwitchStatus {

    private SwitchStatus() {}

    public enum Phase {
        PENDING, ACTIVE, DEGRADED, FAILED;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

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
    public static List<V1Condition> conditions(SwitchId id, Optional<SwitchReport> report, List<VrfCheck> checks) {
        List<V1Condition> out = new ArrayList<>();
        report.flatMap(SwitchReport::error).ifPresent(e -> out.add(new V1Condition("error",
                "switch " + id + " failed to apply revision " + report.get().revision() + ": " + e)));
        report.ifPresent(r -> r.sessions().stream().filter(x -> !x.state().equalsIgnoreCase("Established")).forEach(x ->
                out.add(new V1Condition("session", String.format("the BGP session of peering %s on switch %s is %s",
                        x.peering(), id, x.state().isEmpty() ? "down" : x.state())))));
        for (VrfCheck c : checks) {
            if (!c.unexpected().isEmpty()) {
                out.add(leak(id, c));
            }
        }
        return out;
    }

    static V1Condition leak(SwitchId id, VrfCheck c) {
        return new V1Condition("leak", String.format("switch %s sees %s in vrf %s (network %s), which it neither owns nor imports",
                id, String.join(", ", c.unexpected().stream().map(IpPrefix::toString).toList()), c.vni(), c.network()));
    }

    /** A peering on one of its switches. */
    public record OnSwitch(V1PeeringSwitchStatus wire, Phase phase, List<V1Condition> conditions) {

        /**
         * As a tenant sees it: where and at which revision an apply failed, not the agent's error text, which can name
         * anything on the switch (another project's prefixes, config lines). Admin and infra see the text.
         */
        public OnSwitch withoutErrorText() {
            if (wire.error() == null) {
                return this;
            }
            String summary = "apply failed on " + wire.switchid() + " at revision " + wire.revision();
            return new OnSwitch(new V1PeeringSwitchStatus(wire.switchid(), wire.phase(), wire.revision(), summary, wire.missing(),
                    wire.unexpected(), wire.lastsync()), phase,
                    conditions.stream().map(c -> c.type().equals("error") ? new V1Condition("error", summary + "; operators see the agent's error") : c)
                            .toList());
        }
    }

    /**
     * The peering on one switch: pending until the switch reports a revision at least the peering's, then failed
     * (an error), degraded (missing or unexpected prefixes in the peering's VRFs there) or active.
     */
    static OnSwitch onSwitch(Peering p, long peeringRevision, SwitchIntent intent, Optional<SwitchReport> report,
                             Function<NetworkId, Optional<Network>> networks) {
        SwitchId id = intent.id();
        if (report.isEmpty()) {
            return new OnSwitch(new V1PeeringSwitchStatus(id.value(), Phase.PENDING.wire(), null, null, null, null, null), Phase.PENDING, List.of());
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
        List<V1Condition> conditions = new ArrayList<>();
        checks.stream().filter(c -> !c.unexpected().isEmpty()).forEach(c -> conditions.add(leak(id, c)));
        Phase phase;
        if (r.revision() < peeringRevision) {
            phase = Phase.PENDING;
        } else if (r.failed()) {
            phase = Phase.FAILED;
            conditions.add(new V1Condition("error", "switch " + id + " failed to apply revision " + r.revision() + ": " + r.error().get()));
        } else if (!missing.isEmpty() || !unexpected.isEmpty()) {
            phase = Phase.DEGRADED;
        } else {
            phase = Phase.ACTIVE;
        }
        return new OnSwitch(new V1PeeringSwitchStatus(id.value(), phase.wire(), r.revision(), r.error().orElse(null),
                strings(missing), strings(unexpected), r.time()), phase, conditions);
    }

    /** The peering on every switch the state puts it on, from their reports. */
    public static List<OnSwitch> onSwitches(Peering p, FabricState st, Map<SwitchId, SwitchReport> reports) {
        long revision = st.peeringRevision(p.id());
        List<OnSwitch> on = new ArrayList<>();
        for (SwitchId id : st.switchesOf(p.id())) {
            st.plan().intent(id).ifPresent(intent -> on.add(onSwitch(p, revision, intent, Optional.ofNullable(reports.get(id)), st::network)));
        }
        return on;
    }

    /**
     * A peering's phase from its switches': failed when all failed, degraded when some failed or are degraded,
     * pending while some have not applied it (or no switch hosts it yet), else active.
     */
    public static Phase phase(List<Phase> switches) {
        if (switches.isEmpty()) {
            return Phase.PENDING;
        }
        if (switches.stream().allMatch(p -> p == Phase.FAILED)) {
            return Phase.FAILED;
        }
        if (switches.stream().anyMatch(p -> p == Phase.FAILED || p == Phase.DEGRADED)) {
            return Phase.DEGRADED;
        }
        if (switches.contains(Phase.PENDING)) {
            return Phase.PENDING;
        }
        return Phase.ACTIVE;
    }

    private static List<String> strings(SortedSet<IpPrefix> prefixes) {
        return prefixes.stream().map(IpPrefix::toString).toList();
    }
}
