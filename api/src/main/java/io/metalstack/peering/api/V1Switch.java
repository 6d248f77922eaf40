package io.metalstack.peering.api;

import java.time.Instant;
import java.util.List;

/**
 * A switch; {@code id} is its hostname. {@code role}: leaf, spine, exit; {@code os}: SONiC, Cumulus. Read-only, set by
 * the server: {@code revision} at which its intent last changed, {@code lastsync} (its agent's last report) and
 * {@code conditions} (e.g. {@code leak}).
 */
public record V1Switch(String id, String partitionid, String rack, String zone, String role, String os, Long asn,
                       String routerid, List<V1SwitchPort> ports, Instant created, Instant changed,
                       Long revision, V1SwitchSync lastsync, List<V1Condition> conditions) {

    public V1Switch(String id, String partitionid, String rack, String zone, String role, String os, Long asn,
                    String routerid, List<V1SwitchPort> ports, Instant created, Instant changed) {
        this(id, partitionid, rack, zone, role, os, asn, routerid, ports, created, changed, null, null, null);
    }
}
