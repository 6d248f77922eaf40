package io.metalstack.peering.model;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * A machine's allocation into a project. {@code networks.get(0)} is the primary private network;
 * a firewall may list further shared and external networks.
 */
public record Allocation(ProjectId project, List<NetworkId> networks) {
    public Allocation {
        requireNonNull(project, "project is null");
        networks = List.copyOf(networks);
        if (networks.isEmpty()) {
            throw DomainException.invalid("an allocation needs at least its private network");
        }
    }

    public NetworkId primary() {
        return networks.get(0);
    }
}
