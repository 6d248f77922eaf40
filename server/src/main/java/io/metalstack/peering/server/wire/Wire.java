package io.metalstack.peering.server.wire;

import io.metalstack.peering.api.V1Bgp;
import io.metalstack.peering.api.V1Machine;
import io.metalstack.peering.api.V1MachineAllocation;
import io.metalstack.peering.api.V1MachineConnection;
import io.metalstack.peering.api.V1Network;
import io.metalstack.peering.api.V1Partition;
import io.metalstack.peering.api.V1Peering;
import io.metalstack.peering.api.V1PeeringExchange;
import io.metalstack.peering.api.V1PeeringStatus;
import io.metalstack.peering.api.V1Project;
import io.metalstack.peering.api.V1Switch;
import io.metalstack.peering.api.V1SwitchPort;
import io.metalstack.peering.model.AddressFamily;
import io.metalstack.peering.model.Allocation;
import io.metalstack.peering.model.Asn;
import io.metalstack.peering.model.Approval;
import io.metalstack.peering.model.BgpPeer;
import io.metalstack.peering.model.DomainException;
import io.metalstack.peering.model.ExchangedPrefixes;
import io.metalstack.peering.model.InterfaceAddress;
import io.metalstack.peering.model.IpPrefix;
import io.metalstack.peering.model.Ipv4Address;
import io.metalstack.peering.model.Labels;
import io.metalstack.peering.model.Machine;
import io.metalstack.peering.model.MachineConnection;
import io.metalstack.peering.model.MachineId;
import io.metalstack.peering.model.MachineRole;
import io.metalstack.peering.model.Network;
import io.metalstack.peering.model.NetworkId;
import io.metalstack.peering.model.NetworkType;
import io.metalstack.peering.model.PartitionId;
import io.metalstack.peering.model.Partition;
import io.metalstack.peering.model.Peering;
import io.metalstack.peering.model.PortName;
import io.metalstack.peering.model.Project;
import io.metalstack.peering.model.ProjectId;
import io.metalstack.peering.model.Switch;
import io.metalstack.peering.model.SwitchId;
import io.metalstack.peering.model.SwitchOs;
import io.metalstack.peering.model.SwitchPort;
import io.metalstack.peering.model.SwitchRole;
import io.metalstack.peering.model.Vni;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The edge mapping between wire records ({@code api}) and domain records ({@code model}), both directions.
 * Decoding validates every field and throws {@code Invalid} naming the field. The database keeps its own storage
 * records ({@code store}), so a wire change is no storage change.
 */
public final class Wire {

    private Wire() {}

    // ---- partitions and projects

    public static V1Partition partition(Partition p) {
        return new V1Partition(p.id().value(), p.name(), p.description(), p.labels().values(), p.created(), p.changed());
    }

    public static Partition partition(V1Partition w, Instant created, Instant changed) {
        return new Partition(PartitionId.parse(required(w.id(), "id")), w.name(), w.description(), Labels.of(w.labels()),
                created, changed);
    }

    public static V1Project project(Project p) {
        return new V1Project(p.id().value(), p.name(), p.tenant(), p.description(), p.labels().values(), p.created(), p.changed());
    }

    public static Project project(V1Project w, Instant created, Instant changed) {
        return new Project(ProjectId.parse(required(w.id(), "id")), w.name(), w.tenant(), w.description(),
                Labels.of(w.labels()), created, changed);
    }

    // ---- networks

    public static V1Network network(Network n) {
        Map<String, Integer> lengths = new TreeMap<>();
        n.defaultChildPrefixLength().forEach((f, l) -> lengths.put(f.label(), l));
        return new V1Network(n.id().value(), n.name(), n.description(), text(n.partition()), text(n.project()),
                text(n.parent()), n.type().wire(), strings(n.prefixes()), strings(n.destinationPrefixes()),
                n.vrf().map(Vni::value).orElse(null), lengths.isEmpty() ? null : lengths, n.nat(), n.shared(),
                n.labels().values(), n.created(), n.changed(),
                n.additionalAnnouncable().isEmpty() ? null : strings(n.additionalAnnouncable()));
    }

    public static Network network(V1Network w, Instant created, Instant changed) {
        NetworkType type = NetworkType.parse(required(w.networktype(), "networktype"));
        if (w.shared() != null && type.isPrivate()) {
            type = w.shared() ? NetworkType.CHILD_SHARED : NetworkType.CHILD;
        }
        return new Network(NetworkId.parse(required(w.id(), "id")), w.name(), w.description(),
                optional(w.partitionid(), PartitionId::parse), optional(w.projectid(), ProjectId::parse),
                optional(w.parentnetworkid(), NetworkId::parse), type, prefixes(w.prefixes()),
                prefixes(w.destinationprefixes()), Optional.ofNullable(w.vrf()).map(Vni::of),
                lengths(w.defaultchildprefixlength()), Boolean.TRUE.equals(w.nat()), Labels.of(w.labels()), created, changed,
                prefixes(w.additionalannouncablecidrs()));
    }

    public static Map<AddressFamily, Integer> lengths(Map<String, Integer> wire) {
        Map<AddressFamily, Integer> lengths = new EnumMap<>(AddressFamily.class);
        if (wire != null) {
            wire.forEach((k, v) -> {
                AddressFamily f = AddressFamily.parse(k);
                if (v == null || v < 1 || v > f.bits()) {
                    throw DomainException.invalid("prefix length %s for %s is invalid: use 1..%d", v, f.label(), f.bits());
                }
                lengths.put(f, v);
            });
        }
        return lengths;
    }

    public static List<IpPrefix> prefixes(List<String> wire) {
        return wire == null ? List.of() : wire.stream().map(IpPrefix::parse).sorted().distinct().toList();
    }

    // ---- switches

    /** {@code vrfs}: the VRF each port carries (derived from the machines behind it). */
    public static V1Switch switchOf(Switch s, Map<PortName, Vni> vrfs) {
        List<V1SwitchPort> ports = s.ports().stream()
                .map(p -> new V1SwitchPort(p.name().value(), p.uplink(),
                        Optional.ofNullable(vrfs.get(p.name())).map(Vni::value).orElse(null)))
                .toList();
        return new V1Switch(s.id().value(), s.partition().value(), s.rack(), s.zone(), s.role().wire(), s.os().wire(),
                s.asn().value(), s.routerId().value(), ports, s.created(), s.changed());
    }

    public static Switch switchOf(V1Switch w, Instant created, Instant changed) {
        List<SwitchPort> ports = w.ports() == null ? List.of() : w.ports().stream()
                .map(p -> new SwitchPort(PortName.parse(p.name()), Boolean.TRUE.equals(p.uplink()))).toList();
        if (ports.stream().map(SwitchPort::name).distinct().count() != ports.size()) {
            throw DomainException.invalid("switch %s lists a port twice: name each port once", w.id());
        }
        return new Switch(SwitchId.parse(required(w.id(), "id")), PartitionId.parse(required(w.partitionid(), "partitionid")),
                w.rack(), w.zone(), SwitchRole.parse(required(w.role(), "role")), SwitchOs.parse(required(w.os(), "os")),
                Asn.of(requiredNumber(w.asn(), "asn")), Ipv4Address.parse(required(w.routerid(), "routerid")), ports,
                created, changed);
    }

    // ---- machines

    public static V1Machine machine(Machine m) {
        return new V1Machine(m.id().value(), m.name(), m.partition().value(), m.role().wire(),
                m.connections().stream().map(c -> new V1MachineConnection(c.switchId().value(), c.port().value())).toList(),
                m.allocation().map(a -> new V1MachineAllocation(a.project().value(),
                        a.networks().stream().map(NetworkId::value).toList())).orElse(null),
                m.created(), m.changed());
    }

    public static Machine machine(V1Machine w, Instant created, Instant changed) {
        List<MachineConnection> connections = w.connections() == null ? List.of() : w.connections().stream()
                .map(c -> new MachineConnection(SwitchId.parse(required(c.switchid(), "connections.switchid")),
                        PortName.parse(required(c.port(), "connections.port"))))
                .toList();
        return new Machine(MachineId.parse(required(w.id(), "id")), w.name(), PartitionId.parse(required(w.partitionid(), "partitionid")),
                MachineRole.parse(w.role() == null ? "machine" : w.role()), connections,
                Optional.ofNullable(w.allocation()).map(Wire::allocation), created, changed);
    }

    public static Allocation allocation(V1MachineAllocation w) {
        return new Allocation(ProjectId.parse(required(w.projectid(), "projectid")),
                w.networks() == null ? List.of() : w.networks().stream().map(NetworkId::parse).toList());
    }

    // ---- peerings

    /** A peering as the API shows it: the bgp password never leaves, only {@code haspassword}. */
    public static V1Peering peering(Peering p, V1PeeringStatus status) {
        V1Bgp bgp = p.bgp().map(Wire::bgp).orElse(null);
        return new V1Peering(p.id().value(), p.name(), p.description(), text(p.project()), text(p.partition()),
                p.network1().value(), p.network2().map(NetworkId::value).orElse(null), p.type().wire(), bgp, p.labels().values(),
                p.origin().wire(), status, p.created(), p.changed(), p.enabled(),
                p.approval() == Approval.NONE ? null : p.approval().wire(), exchange(p.exchange()));
    }

    /** A selection as the API shows it: absent when both sides exchange all of their prefixes. */
    public static V1PeeringExchange exchange(ExchangedPrefixes e) {
        return e.all() ? null : new V1PeeringExchange(e.network1().map(Wire::strings).orElse(null), e.network2().map(Wire::strings).orElse(null));
    }

    /**
     * A sent selection: null (no block) is all prefixes, a side left out (null) all of that side's. Not sorted or
     * de-duplicated here: {@code rules.SelectiveExchange} names a prefix listed twice.
     */
    public static ExchangedPrefixes exchange(V1PeeringExchange w) {
        return w == null ? ExchangedPrefixes.ALL : new ExchangedPrefixes(side(w.network1(), "network1"), side(w.network2(), "network2"));
    }

    private static Optional<List<IpPrefix>> side(List<String> wire, String side) {
        if (wire == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(wire.stream().map(IpPrefix::parse).toList());
        } catch (DomainException.Invalid e) {
            throw DomainException.invalid("exchange.%s: %s", side, e.getMessage());
        }
    }

    /** The bgp block as the API shows it: without the password. */
    public static V1Bgp bgp(BgpPeer b) {
        return new V1Bgp(new V1Bgp.Local(b.localAs().value(), b.localCidr().toString(), b.portRef()),
                new V1Bgp.Remote(b.remoteAs().value(), b.remoteCidr().toString()), b.maxPrefixes(), b.bfd(),
                null, b.hasPassword(),
                b.importPrefixes().stream().map(IpPrefix::toString).toList(), b.exportPrefixes().stream().map(IpPrefix::toString).toList());
    }

    public static Optional<BgpPeer> bgp(V1Bgp w) {
        if (w == null) {
            return Optional.empty();
        }
        if (w.local() == null || w.remote() == null) {
            throw DomainException.invalid("bgp needs both local {as, cidr, port} and remote {as, cidr}");
        }
        BgpPeer.PortRef port = BgpPeer.parsePort(required(w.local().port(), "bgp.local.port"));
        return Optional.of(new BgpPeer(Asn.of(requiredNumber(w.local().as(), "bgp.local.as")),
                InterfaceAddress.parse(required(w.local().cidr(), "bgp.local.cidr")), port.switchId(), port.port(),
                Asn.of(requiredNumber(w.remote().as(), "bgp.remote.as")),
                InterfaceAddress.parse(required(w.remote().cidr(), "bgp.remote.cidr")),
                w.maxprefixes() == null ? BgpPeer.DEFAULT_MAX_PREFIXES : w.maxprefixes(), Boolean.TRUE.equals(w.bfd()),
                Optional.ofNullable(w.password()).map(BgpPeer.Password::of),
                w.importprefixes() == null ? List.of() : w.importprefixes().stream().map(IpPrefix::parse).toList(),
                w.exportprefixes() == null ? List.of() : w.exportprefixes().stream().map(IpPrefix::parse).toList()));
    }

    // ---- helpers

    public static String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw DomainException.invalid("field %s is missing: it is required", field);
        }
        return value;
    }

    public static long requiredNumber(Number value, String field) {
        if (value == null) {
            throw DomainException.invalid("field %s is missing: it is required", field);
        }
        return value.longValue();
    }

    public static <T> Optional<T> optional(String value, Function<String, T> parse) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(parse.apply(value));
    }

    private static String text(Optional<?> o) {
        return o.map(Object::toString).orElse(null);
    }

    private static List<String> strings(List<IpPrefix> prefixes) {
        return prefixes.stream().map(IpPrefix::toString).toList();
    }
}
