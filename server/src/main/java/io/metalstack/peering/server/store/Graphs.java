package io.metalstack.peering.server.store;

import io.metalstack.peering.model.DomainException;
import io.metalstack.peering.model.Network;
import io.metalstack.peering.model.NetworkId;
import io.metalstack.peering.model.Peering;
import io.metalstack.peering.model.rules.PeeringGraph;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The peering rules' view of the stores inside a transaction, optionally with networks as they are about to become.
 * Memoizes its reads: one admission asks for the same network and peerings several times. Reads in batches: the first
 * question about peerings reads those of every pending network at once, and the peerings read bring the networks at
 * their other ends in one more read (the rules look at each neighbour), so an admission costs two reads, not one per
 * neighbour.
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
                List<Peering> known = peerings.get(network);
                if (known != null) {
                    return known;
                }
                List<NetworkId> asked = pending.containsKey(network) && !peerings.keySet().containsAll(pending.keySet())
                        ? pending.keySet().stream().filter(n -> !peerings.containsKey(n)).toList() : List.of(network);
                Map<NetworkId, List<Peering>> read = new HashMap<>();
                asked.forEach(n -> read.put(n, new ArrayList<>()));
                Set<NetworkId> neighbours = new HashSet<>();
                for (Peering p : s.peerings().of(asked)) {
                    for (NetworkId n : p.networks()) {
                        List<Peering> of = read.get(n);
                        if (of != null) {
                            of.add(p);
                        }
                        if (!cache.containsKey(n)) {
                            neighbours.add(n);
                        }
                    }
                }
                read.forEach((n, of) -> peerings.put(n, List.copyOf(of)));
                cache.putAll(s.networks().getAll(neighbours));
                return peerings.get(network);
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
