package io.metalstack.peering.model.plan;

import io.metalstack.peering.model.Asn;
import io.metalstack.peering.model.Ipv4Address;
import io.metalstack.peering.model.PartitionId;
import io.metalstack.peering.model.PortName;
import io.metalstack.peering.model.SwitchId;
import io.metalstack.peering.model.SwitchOs;
import io.metalstack.peering.model.SwitchRole;

import java.util.Comparator;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Everything one switch must be configured with, computed by the planner from the inventory.
 * It holds only validated ids, numbers and prefixes: nothing a user typed (names, descriptions, labels).
 * Every list is sorted, so that equal inventories give equal intents (and equal rendered bytes).
 *
 * @param zone         the switch's zone as a small positive number (1..), assigned by the planner from
 *                     the zone names of the partition in sorted order; used for zone-aware local-preference
 * @param uplinks      ports in the FABRIC peer-group (BGP unnumbered towards the spines)
 * @param firewalls    ports with a firewall attached (default VRF, EVPN towards the firewall)
 * @param unprovisioned ports without a machine allocation (PXE)
 * @param vrfs         tenant VRFs on this switch: those with local machine ports and the peer VRFs they import from
 * @param external     eBGP sessions on this (exit) switch; empty on leaves
 */
public record SwitchIntent(SwitchId id, PartitionId partition, SwitchRole role, SwitchOs os, Asn asn,
                           Ipv4Address routerId, int zone, List<PortName> uplinks, List<FirewallPort> firewalls,
                           List<PortName> unprovisioned, List<VrfIntent> vrfs, List<ExternalSession> external) {
    public SwitchIntent {
        requireNonNull(id, "id is null");
        requireNonNull(partition, "partition is null");
        requireNonNull(role, "role is null");
        requireNonNull(os, "os is null");
        requireNonNull(asn, "asn is null");
        requireNonNull(routerId, "routerId is null");
        if (zone < 1) {
            throw new IllegalArgumentException("zone must be >= 1: " + zone);
        }
        uplinks = uplinks.stream().sorted().toList();
        firewalls = firewalls.stream().sorted(Comparator.comparing(FirewallPort::port)).toList();
        unprovisioned = unprovisioned.stream().sorted().toList();
        vrfs = vrfs.stream().sorted(Comparator.comparing(VrfIntent::vni)).toList();
        external = external.stream().sorted(Comparator.comparing(ExternalSession::port)).toList();
    }
}
