package io.metalstack.peering.model.status;

import io.metalstack.peering.model.AddressFamily;
import io.metalstack.peering.model.Network;
import io.metalstack.peering.model.Peering;
import io.metalstack.peering.model.PeeringApproval;
import io.metalstack.peering.model.PeeringNetworks;
import io.metalstack.peering.model.SwitchId;
import io.metalstack.peering.model.rules.Exchange;
import io.metalstack.peering.model.rules.PeeringRules;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/**
 * What a reader is told of a peering: derived from its networks as they are now and from the reports of the
 * switches the current plan puts it on ({@link #of}); the status of a peering whose network is gone; and the status a
 * delete answers with. Pure.
 */
public sealed interface PeeringStatus {

    /** The status derived from the switches: {@code switches} is empty while no switch carries the peering's networks. */
    record Derived(Phase phase, List<AddressFamily> families, SortedMap<AddressFamily, String> omitted, String message,
                   long revision, List<SwitchStatus.OnSwitch> switches, List<Condition> conditions, List<Session> sessions)
            implements PeeringStatus {
        public Derived {
            requireNonNull(phase, "phase is null");
            families = List.copyOf(families);
            omitted = Collections.unmodifiableSortedMap(new TreeMap<>(omitted));
            requireNonNull(message, "message is null");
            switches = List.copyOf(switches);
            conditions = List.copyOf(conditions);
            sessions = List.copyOf(sessions);
        }
    }

    /** A network of the peering no longer exists: it is failed, and nothing more is derived. */
    record NetworkGone() implements PeeringStatus {
        public String message() {
            return "a network of this peering no longer exists";
        }
    }

    /** Deleted at {@code revision}; {@code was} is the status before, {@code on} the switches that must withdraw it. */
    record Deleted(PeeringStatus was, long revision, List<SwitchId> on) implements PeeringStatus {
        public Deleted {
            requireNonNull(was, "was is null");
            on = List.copyOf(on);
        }

        public String message() {
            return on.isEmpty() ? "deleted" : "deleted; withdrawn once switches " + String.join(", ", on.stream().map(SwitchId::value).toList())
                    + " apply revision " + revision + " (GET /v1/switch/{id}: lastsync.revision)";
        }
    }

    /** An external peering's BGP session as the exit switch {@code switchId} reported it. */
    record Session(SwitchId switchId, String state, long prefixesReceived) {
        public Session {
            requireNonNull(switchId, "switchId is null");
            requireNonNull(state, "state is null");
        }
    }

    /**
     * The families exchanged and why others are not, and the phase from {@code on} (the peering on each switch the
     * plan puts it on; no switch: nothing to wait for, active); {@code reports} give an external peering's sessions.
     * {@code networks} is empty when a network of the peering no longer exists.
     */
    static PeeringStatus of(Peering p, Optional<PeeringNetworks> networks, long revision, List<SwitchStatus.OnSwitch> on,
                            Map<SwitchId, SwitchReport> reports) {
        if (networks.isEmpty()) {
            return new NetworkGone();
        }
        Network n1 = networks.get().network1();
        Optional<Network> n2 = networks.get().network2();
        // the one-network form exchanges what its session speaks
        Exchange.Result exchange = n2.map(x -> Exchange.families(n1, x))
                .orElseGet(() -> new Exchange.Result(p.bgp().map(b -> b.remoteCidr().family()).filter(Exchange.familiesOf(n1)::contains)
                        .map(Set::of).orElse(Set.of()), Map.of()));
        SortedMap<AddressFamily, String> omitted = new TreeMap<>();
        n2.ifPresent(x -> exchange.omitted().forEach((f, why) -> omitted.put(f, PeeringRules.explain(f, why, n1, x))));
        List<AddressFamily> families = exchange.families().stream().sorted().toList();
        Optional<Phase> withheld = Phase.withheld(p);
        if (withheld.isPresent()) {
            // withdrawn from every switch: nothing to wait for on any of them, whatever a stale plan still says
            return new Derived(withheld.get(), families, omitted, withheldMessage(withheld.get(), p, networks.get()), revision, List.of(),
                    List.of(), List.of());
        }
        Phase phase = on.isEmpty() ? Phase.ACTIVE : Phase.of(on.stream().map(SwitchStatus.OnSwitch::phase).toList());
        List<Condition> conditions = new ArrayList<>(on.stream().flatMap(o -> o.conditions().stream()).toList());
        if (on.isEmpty()) {
            conditions.add(noSwitch(p, n1, n2));
        }
        long done = on.stream().filter(o -> o.phase() == Phase.ACTIVE).count();
        List<Session> sessions = p.bgp().flatMap(b -> Optional.ofNullable(reports.get(b.localSwitch())).map(r -> r.sessions().stream()
                .filter(x -> x.peering().equals(p.id()))
                .map(x -> new Session(b.localSwitch(), x.state(), x.prefixesReceived())).toList())).orElse(List.of());
        String message = on.isEmpty() ? "stored; no switch carries its networks yet" : switch (phase) {
            case PENDING -> String.format("%d of %d switches applied revision %d", done, on.size(), revision);
            case ACTIVE -> String.format("applied on all %d switches", on.size());
            case DEGRADED -> String.format("%d of %d switches fine; see switches and conditions", done, on.size());
            case FAILED -> String.format("failed on all %d switches", on.size());
            case DISABLED, AWAITING_APPROVAL, REJECTED, EXPIRED -> throw new IllegalStateException("Phase.of never derives " + phase.label());
        };
        return new Derived(phase, families, omitted, message, revision, on, conditions, sessions);
    }

    String DISABLED_MESSAGE = "disabled: kept, but withdrawn from every switch; enable it to bring it back (POST with enabled true)";

    /** Why a withheld peering is on no switch, and what to do. */
    private static String withheldMessage(Phase phase, Peering p, PeeringNetworks networks) {
        String shared = PeeringApproval.sharedNetwork(p, networks)
                .map(n -> "project " + n.project().map(Object::toString).orElse("(none)") + ", owner of shared " + n.describe())
                .orElse("the owner of the shared network");
        return switch (phase) {
            case AWAITING_APPROVAL -> "awaiting the approval of " + shared + ": on no switch until an owner or editor of that project approves it"
                    + " (POST /v1/network/peering/" + p.id() + "/approve)";
            case REJECTED -> "rejected by " + shared + ": kept, on no switch; delete it";
            case EXPIRED -> "expired: not approved by " + shared + " in time; on no switch; delete it and create it again to ask anew";
            case DISABLED -> DISABLED_MESSAGE;
            case PENDING, ACTIVE, DEGRADED, FAILED -> throw new IllegalStateException("a withheld peering is never " + phase.label());
        };
    }

    /** The condition of a peering that affects no switch yet (its networks have no machines anywhere). */
    private static Condition noSwitch(Peering p, Network n1, Optional<Network> n2) {
        String networks = n1.describe() + n2.map(x -> " or " + x.describe()).orElse("");
        return new Condition("NoSwitch", p.bgp().isPresent()
                ? "no switch carries the session on " + p.bgp().get().portRef() + " yet; it takes effect when the exit switch is registered"
                : "no switch carries " + networks + " yet; the peering takes effect when a machine is allocated");
    }
}
