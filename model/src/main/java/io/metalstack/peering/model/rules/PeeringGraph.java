package io.metalstack.peering.model.rules;

import io.metalstack.peering.model.Network;
import io.metalstack.peering.model.NetworkId;
import io.metalstack.peering.model.Peering;

import java.util.List;

/**
 * What the peering rules need to know of the current state: networks by id and the peerings of a network.
 * The server backs it with its stores inside the admission transaction; tests with maps.
 */
public interface PeeringGraph {

    /** The network with this id; throws {@code NotFound} when it does not exist. */
    Network network(NetworkId id);

    /** Every existing peering that involves {@code network}. */
    List<Peering> peeringsOf(NetworkId network);
}
