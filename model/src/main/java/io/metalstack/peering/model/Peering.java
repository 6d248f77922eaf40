package io.metalstack.peering.model;

import java.time.Instant;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A peering between two networks. A local peering of private networks lies in one project and
 * partition; {@code project} is the owning project (network1's, or network2's when network1 is external),
 * empty for an admin's peering between global networks.
 */
public record Peering(PeeringId id, String name, String description,
                      Optional<ProjectId> project, Optional<PartitionId> partition,
                      NetworkId network1, NetworkId network2, PeeringType type, Optional<BgpPeer> bgp,
                      PeeringOrigin origin, Labels labels, Instant created, Instant changed) {
    public Peering {
        requireNonNull(id, "id is null");
        name = name == null ? "" : name;
        description = description == null ? "" : description;
        requireNonNull(project, "project is null");
        requireNonNull(partition, "partition is null");
        requireNonNull(network1, "network1 is null");
        requireNonNull(network2, "network2 is null");
        requireNonNull(type, "type is null");
        requireNonNull(bgp, "bgp is null");
        requireNonNull(origin, "origin is null");
        labels = labels == null ? Labels.EMPTY : labels;
        requireNonNull(created, "created is null");
        requireNonNull(changed, "changed is null");
    }

    public boolean involves(NetworkId network) {
        return network1.equals(network) || network2.equals(network);
    }

    /** The other side of a peering that involves {@code network}. */
    public NetworkId other(NetworkId network) {
        return network1.equals(network) ? network2 : network1;
    }
}
