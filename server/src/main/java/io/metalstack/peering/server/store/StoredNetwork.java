package io.metalstack.peering.server.store;

import io.metalstack.peering.model.AddressFamily;
import io.metalstack.peering.model.IpPrefix;
import io.metalstack.peering.model.Labels;
import io.metalstack.peering.model.Network;
import io.metalstack.peering.model.NetworkId;
import io.metalstack.peering.model.NetworkType;
import io.metalstack.peering.model.PartitionId;
import io.metalstack.peering.model.ProjectId;
import io.metalstack.peering.model.Vni;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static io.metalstack.peering.server.store.StoredForm.optional;
import static io.metalstack.peering.server.store.StoredForm.parsed;
import static io.metalstack.peering.server.store.StoredForm.text;
import static io.metalstack.peering.server.store.StoredForm.texts;

/** The document of a stored {@link Network}: its fields by the model's names; ids, prefixes and the type as text. */
record StoredNetwork(int schema, String id, String name, String description, String partition, String project, String parent,
                     String type, List<String> prefixes, List<String> destinationPrefixes, Integer vrf,
                     Map<String, Integer> defaultChildPrefixLength, boolean nat, Map<String, String> labels,
                     Instant created, Instant changed, List<String> additionalAnnouncable) implements StoredForm.Document {

    /** Recently read documents kept decoded: an admission reads a network's peerings and their networks. */
    private static final int MEMO = 4_096;

    static final StoredForm<Network, StoredNetwork> FORM =
            new StoredForm<>("network", StoredNetwork.class, 1, StoredNetwork::of, StoredNetwork::network, MEMO);

    static StoredNetwork of(Network n) {
        Map<String, Integer> lengths = new TreeMap<>();
        n.defaultChildPrefixLength().forEach((f, l) -> lengths.put(f.label(), l));
        return new StoredNetwork(FORM.schema(), n.id().value(), n.name(), n.description(), text(n.partition()), text(n.project()),
                text(n.parent()), n.type().wire(), texts(n.prefixes()), texts(n.destinationPrefixes()), n.vrf().map(Vni::value).orElse(null),
                lengths, n.nat(), n.labels().values(), n.created(), n.changed(), texts(n.additionalAnnouncable()));
    }

    Network network() {
        Map<AddressFamily, Integer> lengths = new EnumMap<>(AddressFamily.class);
        if (defaultChildPrefixLength != null) {
            defaultChildPrefixLength.forEach((f, l) -> lengths.put(AddressFamily.parse(f), l));
        }
        return new Network(NetworkId.parse(id), name, description, optional(partition, PartitionId::parse),
                optional(project, ProjectId::parse), optional(parent, NetworkId::parse), NetworkType.parse(type),
                parsed(prefixes, IpPrefix::parse), parsed(destinationPrefixes, IpPrefix::parse), Optional.ofNullable(vrf).map(Vni::of),
                lengths, nat, Labels.of(labels), created, changed, parsed(additionalAnnouncable, IpPrefix::parse));
    }
}
