package io.metalstack.peering.server.wire;

import io.metalstack.peering.api.V1Condition;
import io.metalstack.peering.api.V1PeeringSession;
import io.metalstack.peering.api.V1PeeringStatus;
import io.metalstack.peering.api.V1PeeringSwitchStatus;
import io.metalstack.peering.api.V1RenderWarning;
import io.metalstack.peering.model.AddressFamily;
import io.metalstack.peering.model.IpPrefix;
import io.metalstack.peering.model.status.Condition;
import io.metalstack.peering.model.status.PeeringStatus;
import io.metalstack.peering.model.status.Warning;
import io.metalstack.peering.model.status.SwitchStatus;

import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;

/** The model's statuses and conditions as the API shows them: an empty list or map of a derived status is left out. */
public final class StatusWire {

    private StatusWire() {}

    public static V1Condition condition(Condition c) {
        return new V1Condition(c.type(), c.message());
    }

    public static List<V1Condition> conditions(List<Condition> conditions) {
        return conditions.stream().map(StatusWire::condition).toList();
    }

    /** A report's render warnings; null when it has none (a switch without them looks as before). */
    public static List<V1RenderWarning> warnings(List<Warning> warnings) {
        return warnings.isEmpty() ? null : warnings.stream().map(w -> new V1RenderWarning(w.subject(), w.message())).toList();
    }

    public static V1PeeringStatus peering(PeeringStatus status) {
        if (status instanceof PeeringStatus.Derived d) {
            return new V1PeeringStatus(d.phase().label(), families(d), omitted(d), d.message(),
                    d.revision() == 0 ? null : d.revision(), d.switches().isEmpty() ? null : d.switches().stream().map(StatusWire::onSwitch).toList(),
                    d.conditions().isEmpty() ? null : conditions(d.conditions()),
                    d.sessions().isEmpty() ? null : d.sessions().stream()
                            .map(x -> new V1PeeringSession(x.switchId().value(), x.state(), x.prefixesReceived())).toList());
        }
        if (status instanceof PeeringStatus.Deleted d) {
            return new V1PeeringStatus("deleted", families(d.was()), omitted(d.was()), d.message(), d.revision(),
                    d.on().stream().map(x -> new V1PeeringSwitchStatus(x.value(), "pending", null, null, null, null, null)).toList(), null);
        }
        return new V1PeeringStatus("failed", families(status), omitted(status), ((PeeringStatus.NetworkGone) status).message());
    }

    private static List<String> families(PeeringStatus status) {
        if (status instanceof PeeringStatus.Derived d) {
            return d.families().stream().map(AddressFamily::label).toList();
        }
        return status instanceof PeeringStatus.Deleted d ? families(d.was()) : List.of();
    }

    /** Null when nothing is left out, but an empty object for a peering whose network is gone (as it always was). */
    private static Map<String, String> omitted(PeeringStatus status) {
        if (status instanceof PeeringStatus.Derived d) {
            Map<String, String> out = new TreeMap<>();
            d.omitted().forEach((f, why) -> out.put(f.label(), why));
            return out.isEmpty() ? null : out;
        }
        return status instanceof PeeringStatus.Deleted d ? omitted(d.was()) : Map.of();
    }

    public static V1PeeringSwitchStatus onSwitch(SwitchStatus.OnSwitch o) {
        String id = o.switchId().value();
        return o.applied().map(a -> new V1PeeringSwitchStatus(id, o.phase().label(), a.revision(), a.error().orElse(null),
                        strings(a.missing()), strings(a.unexpected()), a.time()))
                .orElseGet(() -> new V1PeeringSwitchStatus(id, o.phase().label(), null, null, null, null, null));
    }

    private static List<String> strings(SortedSet<IpPrefix> prefixes) {
        return prefixes.stream().map(IpPrefix::toString).toList();
    }
}
