package io.metalstack.peering.api;

import java.time.Instant;
import java.util.List;

/** A switch; {@code id} is its hostname. {@code role}: leaf, spine, exit; {@code os}: SONiC, Cumulus. */
public record V1Switch(String id, String partitionid, String rack, String zone, String role, String os, Long asn,
                       String routerid, List<V1SwitchPort> ports, Instant created, Instant changed) {}
