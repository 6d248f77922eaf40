package io.metalstack.peering.model;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** A switch; its id is its hostname. {@code zone} is the room / availability zone it sits in. */
public record Switch(SwitchId id, PartitionId partition, String rack, String zone, SwitchRole role, SwitchOs os,
                     Asn asn, Ipv4Address routerId, List<SwitchPort> ports, Instant created, Instant changed) {
    public Switch {
        requireNonNull(id, "id is null");
        requireNonNull(partition, "partition is null");
        rack = rack == null ? "" : rack;
        zone = zone == null ? "" : zone;
        requireNonNull(role, "role is null");
        requireNonNull(os, "os is null");
        requireNonNull(asn, "asn is null");
        requireNonNull(routerId, "routerId is null");
        ports = ports.stream().sorted(Comparator.comparing(SwitchPort::name)).toList();
        requireNonNull(created, "created is null");
        requireNonNull(changed, "changed is null");
    }

    public Optional<SwitchPort> port(PortName name) {
        return ports.stream().filter(p -> p.name().equals(name)).findFirst();
    }
}
