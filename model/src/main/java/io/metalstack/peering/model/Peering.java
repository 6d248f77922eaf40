package io.metalstack.peering.model;

import java.time.Instant;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A peering between two networks. A local peering of private networks lies in one project and
 * partition; {@code project} is the owning project (network1's, or network2's when network1 is external),
 * empty for an admin's peering between global networks. {@code network2} is empty only for an external peering in
 * the MEP's one-network form: a BGP session of network1 itself (network1's VRF, on an exit-switch port), with no second
 * network behind it. A disabled peering ({@code enabled} false) keeps its record, its place in the peering rules and its
 * quota, but the planner treats it as absent: no switch carries it until it is enabled again. So does one whose
 * {@code approval} by a shared network's owner is not given ({@link PeeringApproval}): {@link #planned} says which.
 * {@code exchange} selects, per side of a local peering, what the other side may reach ({@link ExchangedPrefixes#ALL}:
 * everything, as before).
 */
public record Peering(PeeringId id, String name, String description,
                      Optional<ProjectId> project, Optional<PartitionId> partition,
                      NetworkId network1, Optional<NetworkId> network2, PeeringType type, Optional<BgpPeer> bgp,
                      PeeringOrigin origin, Labels labels, Instant created, Instant changed, boolean enabled,
                      Approval approval, ExchangedPrefixes exchange) {
    public Peering {
        requireNonNull(id, "id is null");
        name = name == null ? "" : name;
        description = description == null ? "" : description;
        requireNonNull(project, "project is null");
        requireNonNull(partition, "partition is null");
        requireNonNull(network1, "network1 is null");
        requireNonNull(network2, "network2 is null");
        requireNonNull(type, "type is null");
        if (network2.isEmpty() && type != PeeringType.EXTERNAL) {
            throw DomainException.invalid("a %s peering needs network2: only an external peering may name network1 alone", type.wire());
        }
        requireNonNull(bgp, "bgp is null");
        requireNonNull(origin, "origin is null");
        labels = labels == null ? Labels.EMPTY : labels;
        requireNonNull(created, "created is null");
        requireNonNull(changed, "changed is null");
        requireNonNull(approval, "approval is null");
        exchange = exchange == null ? ExchangedPrefixes.ALL : exchange;
    }

    /** A peering that exchanges all prefixes of both sides. */
    public Peering(PeeringId id, String name, String description,
                   Optional<ProjectId> project, Optional<PartitionId> partition,
                   NetworkId network1, Optional<NetworkId> network2, PeeringType type, Optional<BgpPeer> bgp,
                   PeeringOrigin origin, Labels labels, Instant created, Instant changed, boolean enabled, Approval approval) {
        this(id, name, description, project, partition, network1, network2, type, bgp, origin, labels, created, changed, enabled, approval,
                ExchangedPrefixes.ALL);
    }

    /** A peering that needs no approval. */
    public Peering(PeeringId id, String name, String description,
                   Optional<ProjectId> project, Optional<PartitionId> partition,
                   NetworkId network1, Optional<NetworkId> network2, PeeringType type, Optional<BgpPeer> bgp,
                   PeeringOrigin origin, Labels labels, Instant created, Instant changed, boolean enabled, ExchangedPrefixes exchange) {
        this(id, name, description, project, partition, network1, network2, type, bgp, origin, labels, created, changed, enabled, Approval.NONE,
                exchange);
    }

    /** A peering that needs no approval and exchanges all prefixes of both sides. */
    public Peering(PeeringId id, String name, String description,
                   Optional<ProjectId> project, Optional<PartitionId> partition,
                   NetworkId network1, Optional<NetworkId> network2, PeeringType type, Optional<BgpPeer> bgp,
                   PeeringOrigin origin, Labels labels, Instant created, Instant changed, boolean enabled) {
        this(id, name, description, project, partition, network1, network2, type, bgp, origin, labels, created, changed, enabled, Approval.NONE,
                ExchangedPrefixes.ALL);
    }

    /** An enabled peering. */
    public Peering(PeeringId id, String name, String description,
                   Optional<ProjectId> project, Optional<PartitionId> partition,
                   NetworkId network1, Optional<NetworkId> network2, PeeringType type, Optional<BgpPeer> bgp,
                   PeeringOrigin origin, Labels labels, Instant created, Instant changed) {
        this(id, name, description, project, partition, network1, network2, type, bgp, origin, labels, created, changed, true);
    }

    /** An enabled peering of two networks. */
    public Peering(PeeringId id, String name, String description,
                   Optional<ProjectId> project, Optional<PartitionId> partition,
                   NetworkId network1, NetworkId network2, PeeringType type, Optional<BgpPeer> bgp,
                   PeeringOrigin origin, Labels labels, Instant created, Instant changed) {
        this(id, name, description, project, partition, network1, Optional.of(requireNonNull(network2, "network2 is null")), type, bgp,
                origin, labels, created, changed, true);
    }

    /** This peering enabled or disabled, nothing else changed. */
    public Peering withEnabled(boolean value) {
        return new Peering(id, name, description, project, partition, network1, network2, type, bgp, origin, labels, created, changed, value,
                approval, exchange);
    }

    /** This peering with another approval, nothing else changed. */
    public Peering withApproval(Approval value) {
        return new Peering(id, name, description, project, partition, network1, network2, type, bgp, origin, labels, created, changed, enabled,
                value, exchange);
    }

    /** This peering with another selection of what each side may reach, nothing else changed. */
    public Peering withExchange(ExchangedPrefixes value) {
        return new Peering(id, name, description, project, partition, network1, network2, type, bgp, origin, labels, created, changed, enabled,
                approval, value);
    }

    /** Whether the planner carries it to switches: enabled, and approved or needing no approval. */
    public boolean planned() {
        return enabled && approval.planned();
    }

    /**
     * What the other side may reach of {@code side} (a network of this peering): the selected prefixes, or empty when
     * the peering exchanges all of them.
     */
    public Optional<java.util.List<IpPrefix>> reachableOf(NetworkId side) {
        return network1.equals(side) ? exchange.network1() : exchange.network2();
    }

    public boolean involves(NetworkId network) {
        return network1.equals(network) || network2.map(network::equals).orElse(false);
    }

    /** Its networks: network1, then network2 when there is one. */
    public java.util.List<NetworkId> networks() {
        return network2.map(n2 -> java.util.List.of(network1, n2)).orElseGet(() -> java.util.List.of(network1));
    }

    /** The other side of a peering that involves {@code network}; empty for network1 of a one-network peering. */
    public Optional<NetworkId> other(NetworkId network) {
        return network1.equals(network) ? network2 : Optional.of(network1);
    }
}
