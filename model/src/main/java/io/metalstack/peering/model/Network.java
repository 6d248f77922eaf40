package io.metalstack.peering.model;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * A network: a VRF (= VNI) with the prefixes it owns. {@code destinationPrefixes} are routes reachable
 * through it (the internet's {@code 0.0.0.0/0}), not owned address space.
 *
 * @param additionalAnnouncable metal-api's {@code additionalAnnouncableCIDRs}: prefixes the network's machines may
 *                              announce besides its own (a Kubernetes cluster's pod and service CIDRs). On a super
 *                              network they hold for every child of it; on a private network for it alone, and a
 *                              peering exchanges them like the network's own prefixes.
 */
public record Network(NetworkId id, String name, String description,
                      Optional<PartitionId> partition, Optional<ProjectId> project, Optional<NetworkId> parent,
                      NetworkType type, List<IpPrefix> prefixes, List<IpPrefix> destinationPrefixes,
                      Optional<Vni> vrf, Map<AddressFamily, Integer> defaultChildPrefixLength, boolean nat,
                      Labels labels, Instant created, Instant changed, List<IpPrefix> additionalAnnouncable) {
    public Network {
        requireNonNull(id, "id is null");
        name = name == null ? "" : name;
        description = description == null ? "" : description;
        requireNonNull(partition, "partition is null");
        requireNonNull(project, "project is null");
        requireNonNull(parent, "parent is null");
        requireNonNull(type, "type is null");
        prefixes = List.copyOf(prefixes);
        destinationPrefixes = List.copyOf(destinationPrefixes);
        requireNonNull(vrf, "vrf is null");
        EnumMap<AddressFamily, Integer> lengths = new EnumMap<>(AddressFamily.class);
        if (defaultChildPrefixLength != null) {
            lengths.putAll(defaultChildPrefixLength);
        }
        defaultChildPrefixLength = Collections.unmodifiableMap(lengths);
        labels = labels == null ? Labels.EMPTY : labels;
        requireNonNull(created, "created is null");
        requireNonNull(changed, "changed is null");
        additionalAnnouncable = additionalAnnouncable == null ? List.of() : additionalAnnouncable.stream().sorted().distinct().toList();
    }

    /** A network without additional announcable prefixes. */
    public Network(NetworkId id, String name, String description,
                   Optional<PartitionId> partition, Optional<ProjectId> project, Optional<NetworkId> parent,
                   NetworkType type, List<IpPrefix> prefixes, List<IpPrefix> destinationPrefixes,
                   Optional<Vni> vrf, Map<AddressFamily, Integer> defaultChildPrefixLength, boolean nat,
                   Labels labels, Instant created, Instant changed) {
        this(id, name, description, partition, project, parent, type, prefixes, destinationPrefixes, vrf,
                defaultChildPrefixLength, nat, labels, created, changed, List.of());
    }

    /** The same network with other additional announcable prefixes. */
    public Network withAdditionalAnnouncable(List<IpPrefix> additional) {
        return new Network(id, name, description, partition, project, parent, type, prefixes, destinationPrefixes, vrf,
                defaultChildPrefixLength, nat, labels, created, changed, additional);
    }

    public Set<AddressFamily> families() {
        Set<AddressFamily> families = EnumSet.noneOf(AddressFamily.class);
        prefixes.forEach(p -> families.add(p.family()));
        return families;
    }

    public List<IpPrefix> prefixes(AddressFamily family) {
        return prefixes.stream().filter(p -> p.family() == family).toList();
    }

    /** An external network an admin marked peerable (label {@link Labels#PEERABLE} = "true"). */
    public boolean peerable() {
        return type == NetworkType.EXTERNAL && labels.isTrue(Labels.PEERABLE);
    }

    public boolean shared() {
        return type == NetworkType.CHILD_SHARED;
    }

    /** A short human reference for messages: {@code "privnet1" (id n-123)}. */
    public String describe() {
        return name.isEmpty() ? "network " + id : "network \"" + name + "\" (" + id + ")";
    }
}
