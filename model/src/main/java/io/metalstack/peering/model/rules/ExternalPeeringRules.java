package io.metalstack.peering.model.rules;

import inet.ipaddr.IPAddress;
import io.metalstack.peering.model.AddressFamily;
import io.metalstack.peering.model.Attachments;
import io.metalstack.peering.model.BgpPeer;
import io.metalstack.peering.model.DomainException;
import io.metalstack.peering.model.InterfaceAddress;
import io.metalstack.peering.model.IpPrefix;
import io.metalstack.peering.model.Machine;
import io.metalstack.peering.model.MachineConnection;
import io.metalstack.peering.model.Network;
import io.metalstack.peering.model.Peering;
import io.metalstack.peering.model.PeeringId;
import io.metalstack.peering.model.PeeringType;
import io.metalstack.peering.model.Switch;
import io.metalstack.peering.model.SwitchId;
import io.metalstack.peering.model.SwitchPort;
import io.metalstack.peering.model.SwitchRole;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * Admission of an external peering's {@code bgp} block, next to {@link PeeringRules} which
 * admits the pair of networks. Pure: it reads the fabric through {@link Fabric} and throws the {@link DomainException}
 * of the first problem, with a message naming the offending value and what is allowed. On success it returns the block
 * with both addresses carrying the subnet length (derived for the MEP's bare-address form), which is what to store.
 *
 * <h2>The checks</h2>
 * <ul>
 *   <li><b>Port</b> ({@code <port>@<switch>}): the switch exists, is an exit switch, and lies in network1's partition
 *       (a global network1, such as the internet, has none: then the switch's partition is the peering's); the port
 *       exists, is not an uplink, no machine is connected to it and no other external peering uses it (422, or 409
 *       for a port in use).</li>
 *   <li><b>Addresses</b>: see {@link #link}.</li>
 *   <li><b>AS numbers</b>: 1..4294967294 and not 23456, checked by {@link io.metalstack.peering.model.Asn}.</li>
 *   <li><b>Family</b>: the session's family is one network1 and network2 exchange ({@link Exchange}); with no
 *       network2, one in which network1 has routes.</li>
 *   <li><b>maxprefixes</b> 1..1000000 (default 1000) and the <b>password</b> (1..80 printable ASCII characters, no
 *       space, none of {@code ! # ?}) are checked when the block is built ({@link BgpPeer}, {@link BgpPeer.Password}).</li>
 *   <li><b>Filters</b>: every import and export prefix is of the session's family, and every export prefix lies inside
 *       one of network1's own prefixes. What the filters mean: {@link ExternalFilters}.</li>
 * </ul>
 */
public final class ExternalPeeringRules {
    private ExternalPeeringRules() {}

    /** What admission reads of the fabric: the server implements it on its store, tests on lists. */
    public interface Fabric {
        Optional<Switch> switchById(SwitchId id);

        /** Machines with at least one connection to this switch. */
        List<Machine> machinesOn(SwitchId id);

        /** Every external peering whose session sits on this switch. */
        List<Peering> externalPeeringsOn(SwitchId id);

        /** A fabric of plain collections (tests, and a server that has the lists at hand). */
        static Fabric of(Collection<Switch> switches, Collection<Machine> machines, Collection<Peering> peerings) {
            List<Switch> s = List.copyOf(switches);
            Attachments m = Attachments.of(machines);
            List<Peering> p = List.copyOf(peerings);
            return new Fabric() {
                @Override
                public Optional<Switch> switchById(SwitchId id) {
                    return s.stream().filter(x -> x.id().equals(id)).findFirst();
                }

                @Override
                public List<Machine> machinesOn(SwitchId id) {
                    return m.machinesOn(id);
                }

                @Override
                public List<Peering> externalPeeringsOn(SwitchId id) {
                    return p.stream().filter(x -> x.type() == PeeringType.EXTERNAL
                            && x.bgp().map(b -> b.localSwitch().equals(id)).orElse(false)).toList();
                }
            };
        }
    }

    /** The point-to-point link of a session: both addresses with their length, and the subnet they share. */
    public record Link(InterfaceAddress local, InterfaceAddress remote, IpPrefix subnet) {
        public Link {
            requireNonNull(local, "local is null");
            requireNonNull(remote, "remote is null");
            requireNonNull(subnet, "subnet is null");
        }
    }

    /**
     * Checks the {@code bgp} block of external peering {@code peering} (its own id, so that an update does not collide
     * with itself) between {@code network1} (whose VRF holds the session) and {@code network2} (absent in the MEP's
     * one-network form) and returns it with both subnet lengths set.
     */
    public static BgpPeer check(PeeringId peering, Network network1, Optional<Network> network2, BgpPeer bgp, Fabric fabric) {
        requireNonNull(peering, "peering is null");
        requireNonNull(network1, "network1 is null");
        requireNonNull(network2, "network2 is null");
        requireNonNull(bgp, "bgp is null");
        requireNonNull(fabric, "fabric is null");
        checkPort(peering, network1, bgp, fabric);
        Link link = link(bgp.localCidr(), bgp.remoteCidr());
        AddressFamily family = link.subnet().family();
        checkFamily(family, link, network1, network2);
        checkFilters(family, network1, bgp);
        return bgp.withAddresses(link.local(), link.remote());
    }

    private static void checkPort(PeeringId peering, Network network1, BgpPeer bgp, Fabric fabric) {
        String ref = bgp.portRef();
        Switch sw = fabric.switchById(bgp.localSwitch()).orElseThrow(() -> new DomainException.Unprocessable(String.format(
                "bgp.local.port %s: switch %s does not exist: use <port>@<switch> with an exit switch", ref, bgp.localSwitch())));
        if (sw.role() != SwitchRole.EXIT) {
            throw new DomainException.Unprocessable(String.format(
                    "bgp.local.port %s: switch %s is a %s switch: external peerings sit on exit switches, use a port of one",
                    ref, sw.id(), sw.role().wire()));
        }
        if (network1.partition().isPresent() && !network1.partition().get().equals(sw.partition())) {
            throw new DomainException.Unprocessable(String.format(
                    "bgp.local.port %s: exit switch %s is in partition %s but %s is in partition %s: use an exit switch of partition %s",
                    ref, sw.id(), sw.partition(), network1.describe(), network1.partition().get(), network1.partition().get()));
        }
        SwitchPort port = sw.port(bgp.localPort()).orElseThrow(() -> new DomainException.Unprocessable(String.format(
                "bgp.local.port %s: switch %s has no port %s: use one of its ports %s", ref, sw.id(), bgp.localPort(),
                sw.ports().stream().filter(p -> !p.uplink()).map(p -> p.name().value()).collect(Collectors.joining(", ", "[", "]")))));
        if (port.uplink()) {
            throw new DomainException.Unprocessable(String.format(
                    "bgp.local.port %s: port %s is an uplink of switch %s (the fabric): use a port that faces the neighbour",
                    ref, port.name(), sw.id()));
        }
        for (Machine m : fabric.machinesOn(sw.id()).stream().sorted(Comparator.comparing(Machine::id)).toList()) {
            for (MachineConnection c : m.connections()) {
                if (c.switchId().equals(sw.id()) && c.port().equals(port.name())) {
                    throw new DomainException.Conflict(String.format(
                            "bgp.local.port %s: machine %s is connected to it: use a free port", ref, m.id()));
                }
            }
        }
        for (Peering p : fabric.externalPeeringsOn(sw.id()).stream().sorted(Comparator.comparing(Peering::id)).toList()) {
            if (!p.id().equals(peering) && p.bgp().map(b -> b.localPort().equals(port.name())).orElse(false)) {
                throw new DomainException.Conflict(String.format(
                        "bgp.local.port %s: external peering %s already uses it: one session per port, use a free port", ref, p.id()));
            }
        }
    }

    /**
     * The link of a session: local and remote address must be of one family, differ, and lie in one subnet of the
     * lengths a point-to-point link uses, IPv4 /30 or /31, IPv6 /126 or /127.
     *
     * <p><b>Subnet rule.</b> If either address has a length, that length is the subnet's (if both have one, they must be
     * equal). If neither has one (the MEP's bare form, {@code 172.16.0.1} and {@code 172.16.0.2}), the subnet is the
     * smallest of /31 then /30 (IPv4), /127 then /126 (IPv6) that contains both addresses with both usable as host
     * addresses. In a /31 or /127 (RFC 3021, RFC 6164) both addresses are usable; in a /30 or /126 the first and the
     * last address are not (the network and broadcast address in IPv4; in IPv6 the subnet-router anycast address and,
     * for symmetry with IPv4, the last address), so only the two middle ones pair up. Examples: {@code 172.16.0.1} and
     * {@code 172.16.0.2} give {@code 172.16.0.0/30}; {@code 172.16.0.0} and {@code 172.16.0.1} give
     * {@code 172.16.0.0/31}; {@code 2001:db8::} and {@code 2001:db8::1} give {@code 2001:db8::/127}; {@code 172.16.0.0}
     * and {@code 172.16.0.3} are refused (network and broadcast address of their /30).
     */
    public static Link link(InterfaceAddress local, InterfaceAddress remote) {
        requireNonNull(local, "local is null");
        requireNonNull(remote, "remote is null");
        if (local.family() != remote.family()) {
            throw DomainException.invalid("bgp.local.cidr %s is %s but bgp.remote.cidr %s is %s: use two addresses of one family",
                    local, local.family().label(), remote, remote.family().label());
        }
        AddressFamily family = local.family();
        IPAddress l = host(local), r = host(remote);
        if (l.equals(r)) {
            throw DomainException.invalid("bgp.local.cidr %s and bgp.remote.cidr %s are the same address: use two different addresses of one %s",
                    local, remote, allowed(family));
        }
        int pointToPoint = family.bits() - 1;
        int withBroadcast = family.bits() - 2;
        Optional<Integer> given = local.length().isPresent() ? local.length() : remote.length();
        if (local.length().isPresent() && remote.length().isPresent() && !local.length().equals(remote.length())) {
            throw DomainException.invalid("bgp.local.cidr %s and bgp.remote.cidr %s have different subnet lengths: give both the same length (%s), or none",
                    local, remote, allowed(family));
        }
        if (given.isPresent()) {
            int length = given.get();
            if (length != pointToPoint && length != withBroadcast) {
                throw DomainException.invalid("subnet length /%d of bgp.local.cidr %s and bgp.remote.cidr %s is not allowed: use %s, or leave the length out",
                        length, local, remote, allowed(family));
            }
            IPAddress subnet = l.toPrefixBlock(length);
            if (!subnet.contains(r)) {
                throw DomainException.invalid("bgp.local.cidr %s and bgp.remote.cidr %s are not in one /%d subnet (%s holds only the first): use two addresses of one subnet",
                        local, remote, length, subnet.toCanonicalString());
            }
            if (length == withBroadcast) {
                for (InterfaceAddress a : List.of(local, remote)) {
                    if (!usable(host(a), subnet)) {
                        throw DomainException.invalid("%s is the %s address of %s: use one of the two middle addresses of a /%d, or a /%d",
                                a, host(a).equals(subnet.getLower().withoutPrefixLength()) ? "first (network)" : "last (broadcast)",
                                subnet.toCanonicalString(), length, pointToPoint);
                    }
                }
            }
            return new Link(withLength(l, length), withLength(r, length), IpPrefix.of(subnet));
        }
        for (int length : List.of(pointToPoint, withBroadcast)) {
            IPAddress subnet = l.toPrefixBlock(length);
            if (subnet.contains(r) && (length == pointToPoint || (usable(l, subnet) && usable(r, subnet)))) {
                return new Link(withLength(l, length), withLength(r, length), IpPrefix.of(subnet));
            }
        }
        throw DomainException.invalid("bgp.local.cidr %s and bgp.remote.cidr %s do not form a point-to-point link: use the two addresses of one /%d,"
                        + " or the two middle addresses of one /%d (e.g. %s), or give the length",
                local, remote, pointToPoint, withBroadcast, family == AddressFamily.IPV4 ? "172.16.0.1 and 172.16.0.2" : "2001:db8::1 and 2001:db8::2");
    }

    private static String allowed(AddressFamily family) {
        return switch (family) {
            case IPV4 -> "/30 or /31";
            case IPV6 -> "/126 or /127";
        };
    }

    /** The single address, also for the ipaddress library's reading of a zero-host address with length as a block. */
    private static IPAddress host(InterfaceAddress a) {
        return a.address().getLower().withoutPrefixLength();
    }

    private static boolean usable(IPAddress a, IPAddress subnet) {
        return !a.equals(subnet.getLower().withoutPrefixLength()) && !a.equals(subnet.getUpper().withoutPrefixLength());
    }

    private static InterfaceAddress withLength(IPAddress a, int length) {
        return new InterfaceAddress(a, Optional.of(length));
    }

    private static void checkFamily(AddressFamily family, Link link, Network network1, Optional<Network> network2) {
        if (network2.isPresent()) {
            Exchange.Result exchange = Exchange.families(network1, network2.get());
            if (!exchange.families().contains(family)) {
                Exchange.Omission why = exchange.omitted().get(family);
                throw new DomainException.Unprocessable(String.format(
                        "the session %s - %s is %s, but %s and %s exchange no %s (%s): use addresses of a family they exchange",
                        link.local(), link.remote(), family.label(), network1.describe(), network2.get().describe(), family.label(),
                        why == null ? "neither has an " + family.label() + " prefix"
                                : PeeringRules.explain(family, why, network1, network2.get())));
            }
        } else if (!Exchange.familiesOf(network1).contains(family)) {
            throw new DomainException.Unprocessable(String.format(
                    "the session %s - %s is %s, but %s has no %s prefix: use addresses of a family it has",
                    link.local(), link.remote(), family.label(), network1.describe(), family.label()));
        }
    }

    private static void checkFilters(AddressFamily family, Network network1, BgpPeer bgp) {
        for (IpPrefix p : bgp.importPrefixes()) {
            sameFamily("importprefixes", p, family);
        }
        Set<IpPrefix> own = Set.copyOf(network1.prefixes());
        for (IpPrefix p : bgp.exportPrefixes()) {
            sameFamily("exportprefixes", p, family);
            if (own.stream().noneMatch(o -> o.contains(p))) {
                throw new DomainException.Unprocessable(String.format(
                        "exportprefixes: %s is not inside the prefixes of %s %s: export only network1's own address space",
                        p, network1.describe(), network1.prefixes(family)));
            }
        }
    }

    private static void sameFamily(String field, IpPrefix p, AddressFamily family) {
        if (p.family() != family) {
            throw DomainException.invalid("%s: %s is %s but the session is %s: list %s prefixes only",
                    field, p, p.family().label(), family.label(), family.label());
        }
    }
}
