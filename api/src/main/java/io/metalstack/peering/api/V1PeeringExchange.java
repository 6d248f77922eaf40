package io.metalstack.peering.api;

import java.util.List;

/**
 * Selective exchange of a local peering: per side, the prefixes the other side may reach, each inside that network's
 * own prefixes or additional announcable prefixes. A side left out (null) exchanges all of its prefixes. In a peering
 * answer the block is absent when neither side selects; on update an absent block keeps what is stored and
 * {@code {}} selects nothing, i.e. exchanges everything again.
 *
 * @param network1 what network2 may reach of network1
 * @param network2 what network1 may reach of network2
 */
public record V1PeeringExchange(List<String> network1, List<String> network2) {}
