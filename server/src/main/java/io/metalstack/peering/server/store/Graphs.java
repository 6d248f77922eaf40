package io.metalstack.peering.server.store;

import io.metalstack.peering.model.DomainException;
import io.metalstack.peering.model.Network;
import io.metalstack.peering.model.NetworkId;
import io.metalstack.peering.model.Peering;
import io.metalstack.peering.model.rules.PeeringGraph;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The peering rules' view of the stores inside a transaction, optionally with networks as they are about to become.
 * Memoizes its reads: one admission asks for the same network and peerings several times.
 */
public final class Graphs {

    private Graphs() {}

    public static PeeringGraph of(Stores s, Map<NetworkId, Network> pending) {
        Map<NetworkId, Network> cache = new HashMap<>(pending);
        Map<NetworkId, List<Peering>> peerings = new HashMap<>();
        return new PeeringGraph() {
            @Override
            public Network network(NetworkId id) {
                return cache.computeIfAbsent(id, k -> s.networks().get(k)
                        .orElseThrow(() -> new DomainException.NotFound("network " + k + " not found")));
            }

            @Override
            public List<Peering> peeringsOf(NetworkId network) {
                return peerings.computeIfAbsent(network, k -> s.peerings().of(k));
            }
        };
    }

    /** The same kind of error with a message that says in which context it arose. */
    public static DomainException reword(DomainException e, String prefix) {
        String message = prefix + e.getMessage();
        if (e instanceof DomainException.Conflict) {
            return new DomainException.Conflict(message);
        } else if (e instanceof DomainException.Unprocessable) {
            return new DomainException.Unprocessable(message);
        } else if (e instanceof DomainException.NotFound) {
            return new DomainException.NotFound(message);
        } else if (e instanceof DomainException.Forbidden) {
            return new DomainException.Forbidden(message);
        }
        return new DomainException.Invalid(message);
    }
}
