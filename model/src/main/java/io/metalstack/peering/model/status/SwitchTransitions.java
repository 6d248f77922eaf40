package io.metalstack.peering.model.status;

import io.metalstack.peering.model.IpPrefix;
import io.metalstack.peering.model.Network;
import io.metalstack.peering.model.NetworkId;
import io.metalstack.peering.model.Peering;
import io.metalstack.peering.model.SwitchId;
import io.metalstack.peering.model.Vni;
import io.metalstack.peering.model.audit.AuditAction;
import io.metalstack.peering.model.plan.SwitchIntent;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

import static java.util.Objects.requireNonNull;

/**
 * What a switch's new report changed for a peering against its previous report, for the audit timeline: the peering
 * got applied (or failed), a leak appeared or cleared in one of its VRFs, its external BGP session changed state. Only
 * transitions: a report that repeats the previous one changes nothing. Both reports are read against the same intent,
 * with the rules of {@link SwitchStatus}. Pure.
 */
public final class SwitchTransitions {

    private SwitchTransitions() {}

    /** One transition: {@code action} (applied, failed, leak, leak-cleared, session) and what happened, in words. */
    public record Transition(AuditAction action, String brief) {
        public Transition {
            requireNonNull(action, "action is null");
            requireNonNull(brief, "brief is null");
        }
    }

    /** The transitions of peering {@code p} (planned at {@code peeringRevision}) on the switch of {@code intent}. */
    public static List<Transition> of(Peering p, long peeringRevision, SwitchIntent intent, Optional<SwitchReport> before,
                                      SwitchReport after, Function<NetworkId, Optional<Network>> networks) {
        SwitchId id = intent.id();
        List<Transition> out = new ArrayList<>();
        Phase was = SwitchStatus.onSwitch(p, peeringRevision, intent, before, networks).phase();
        Phase is = SwitchStatus.onSwitch(p, peeringRevision, intent, Optional.of(after), networks).phase();
        boolean wasApplied = was == Phase.ACTIVE || was == Phase.DEGRADED;
        boolean isApplied = is == Phase.ACTIVE || is == Phase.DEGRADED;
        if (isApplied && !wasApplied) {
            long ms = Math.max(0, Duration.between(p.changed(), after.time()).toMillis());
            out.add(new Transition(AuditAction.APPLIED, String.format("applied on %s at revision %d after %d ms", id, after.revision(), ms)));
        } else if (is == Phase.FAILED && was != Phase.FAILED) {
            out.add(new Transition(AuditAction.FAILED, String.format("apply failed on %s at revision %d", id, after.revision())));
        }
        Map<Vni, SortedSet<IpPrefix>> leaked = leaks(p, intent, before, networks);
        Map<Vni, SortedSet<IpPrefix>> leaking = leaks(p, intent, Optional.of(after), networks);
        if (after.observed().isPresent()) {
            leaking.forEach((vni, now) -> {
                SortedSet<IpPrefix> fresh = minus(now, leaked.getOrDefault(vni, new TreeSet<>()));
                if (!fresh.isEmpty()) {
                    out.add(new Transition(AuditAction.LEAK, String.format("leak on %s: %s in %s", id, join(fresh), vni.sonicName())));
                }
            });
            leaked.forEach((vni, then) -> {
                SortedSet<IpPrefix> gone = minus(then, leaking.getOrDefault(vni, new TreeSet<>()));
                if (!gone.isEmpty()) {
                    out.add(new Transition(AuditAction.LEAK_CLEARED, String.format("leak cleared on %s: %s in %s", id, join(gone), vni.sonicName())));
                }
            });
        }
        String then = session(p, before);
        String now = session(p, Optional.of(after));
        if (!now.equals(then) && !(now.isEmpty() && then.isEmpty())) {
            out.add(new Transition(AuditAction.SESSION, String.format("session %s on %s%s", now.equalsIgnoreCase("Established") ? "Established" : "down",
                    id, now.equalsIgnoreCase("Established") || now.equals("-") ? "" : " (" + now + ")")));
        }
        return out;
    }

    /** The unexpected prefixes per VRF of the peering's networks. */
    private static Map<Vni, SortedSet<IpPrefix>> leaks(Peering p, SwitchIntent intent, Optional<SwitchReport> report,
                                                       Function<NetworkId, Optional<Network>> networks) {
        Map<Vni, SortedSet<IpPrefix>> out = new TreeMap<>();
        if (report.isEmpty()) {
            return out;
        }
        Set<NetworkId> mine = Set.copyOf(p.networks());
        SwitchStatus.check(intent, report.get(), networks).stream().filter(c -> mine.contains(c.network()) && !c.unexpected().isEmpty())
                .forEach(c -> out.put(c.vni(), c.unexpected()));
        return out;
    }

    /** The state of the peering's external session in a report: "" when there is none, "-" when the report has none. */
    private static String session(Peering p, Optional<SwitchReport> report) {
        if (p.bgp().isEmpty() || report.isEmpty()) {
            return "";
        }
        return report.get().sessions().stream().filter(s -> s.peering().equals(p.id())).map(s -> s.state().isEmpty() ? "down" : s.state())
                .findFirst().orElse("-");
    }

    private static SortedSet<IpPrefix> minus(SortedSet<IpPrefix> a, SortedSet<IpPrefix> b) {
        TreeSet<IpPrefix> out = new TreeSet<>(a);
        out.removeAll(b);
        return out;
    }

    private static String join(SortedSet<IpPrefix> prefixes) {
        return String.join(", ", prefixes.stream().map(IpPrefix::toString).toList());
    }
}
