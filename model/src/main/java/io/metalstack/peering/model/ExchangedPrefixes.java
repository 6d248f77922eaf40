package io.metalstack.peering.model;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Selective exchange of a local peering: per side, the part of that network's own address space the other side may
 * reach. An empty side means all of it, as a peering without a selection exchanges. {@code rules.SelectiveExchange}
 * decides what a side may list; the planner imports exactly the listed prefixes.
 *
 * @param network1 what network2 may reach of network1; empty: all of network1's prefixes
 * @param network2 what network1 may reach of network2; empty: all of network2's prefixes
 */
public record ExchangedPrefixes(Optional<List<IpPrefix>> network1, Optional<List<IpPrefix>> network2) {
    /** No selection: both sides exchange all of their prefixes. */
    public static final ExchangedPrefixes ALL = new ExchangedPrefixes(Optional.empty(), Optional.empty());

    public ExchangedPrefixes {
        requireNonNull(network1, "network1 is null");
        requireNonNull(network2, "network2 is null");
        // sorted but not de-duplicated: the rules name a prefix listed twice
        network1 = network1.map(l -> l.stream().sorted().toList());
        network2 = network2.map(l -> l.stream().sorted().toList());
    }

    public boolean all() {
        return network1.isEmpty() && network2.isEmpty();
    }
}
