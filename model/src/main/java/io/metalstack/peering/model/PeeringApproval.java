package io.metalstack.peering.model;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;

import static java.util.Objects.requireNonNull;

/**
 * Owner approval for shared networks: a shared network labelled {@link #LABEL}={@link #REQUIRED} takes a peering of
 * another project only once an owner or editor of its project approves it; a peering within its own project needs none.
 * An approval awaited for {@code ttl} (from the peering's creation) has expired. Pure: the clock is the caller's.
 */
public record PeeringApproval(Duration ttl) {
    public static final String LABEL = "network.metal-stack.io/peering-approval";
    public static final String REQUIRED = "required";
    public static final Duration DEFAULT_TTL = Duration.ofDays(7);

    public PeeringApproval {
        requireNonNull(ttl, "ttl is null");
        if (ttl.isNegative() || ttl.isZero()) {
            throw DomainException.invalid("peering approval time %s is not positive: give a duration such as 168h (7 days) or 30m", Durations.format(ttl));
        }
    }

    /** Whether {@code n} asks for its owner's approval of peerings from other projects. */
    public static boolean required(Network n) {
        return n.shared() && REQUIRED.equals(n.labels().get(LABEL));
    }

    /** The approval a new peering of project {@code project} starts with: awaiting when a network of it requires it. */
    public static Approval onCreate(Optional<ProjectId> project, Network n1, Optional<Network> n2) {
        return Stream.concat(Stream.of(n1), n2.stream()).anyMatch(n -> required(n) && !n.project().equals(project))
                ? Approval.AWAITING : Approval.NONE;
    }

    /** The shared network of another project in {@code p}: its project's owners and editors approve or reject. */
    public static Optional<Network> sharedNetwork(Peering p, PeeringNetworks networks) {
        return Stream.concat(Stream.of(networks.network1()), networks.network2().stream())
                .filter(n -> n.shared() && !n.project().equals(p.project())).findFirst();
    }

    /** When an awaited approval expires. */
    public Instant expires(Peering p) {
        return p.created().plus(ttl);
    }

    /** {@code p} as it stands at {@code now}: an awaited approval past its time has expired. */
    public Peering at(Peering p, Instant now) {
        return p.approval() == Approval.AWAITING && !now.isBefore(expires(p)) ? p.withApproval(Approval.EXPIRED) : p;
    }
}
