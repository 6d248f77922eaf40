package io.metalstack.peering.model;

import java.util.Optional;
import java.util.function.Function;

import static java.util.Objects.requireNonNull;

/** The networks of a peering as they are now; {@code network2} is empty in the one-network form (an external session). */
public record PeeringNetworks(Network network1, Optional<Network> network2) {

    public PeeringNetworks {
        requireNonNull(network1, "network1 is null");
        requireNonNull(network2, "network2 is null");
    }

    /** The networks of {@code p} looked up by {@code networks}; empty when one of them no longer exists. */
    public static Optional<PeeringNetworks> of(Peering p, Function<NetworkId, Optional<Network>> networks) {
        Optional<Network> n1 = networks.apply(p.network1());
        if (n1.isEmpty()) {
            return Optional.empty();
        }
        if (p.network2().isEmpty()) {
            return Optional.of(new PeeringNetworks(n1.get(), Optional.empty()));
        }
        return networks.apply(p.network2().get()).map(n2 -> new PeeringNetworks(n1.get(), Optional.of(n2)));
    }
}
