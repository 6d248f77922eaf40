package io.metalstack.peering.cli;

import io.metalstack.peering.api.V1Bgp;
import io.metalstack.peering.api.V1Network;
import io.metalstack.peering.api.V1Peering;
import io.metalstack.peering.api.V1PeeringExchange;
import io.metalstack.peering.model.BgpPeer;
import io.metalstack.peering.model.InterfaceAddress;
import io.metalstack.peering.model.IpPrefix;
import io.metalstack.peering.model.Labels;
import io.metalstack.peering.model.PeeringType;

import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.Objects;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A peering as the user wants it, from flags or from a manifest, with networks resolved to ids.
 * The one place that turns user input into the wire request, so {@code create} and {@code apply} agree.
 * {@code exchange}: the selective exchange block, null for all prefixes of both sides.
 */
record PeeringSpec(String name, String description, V1Network network1, Optional<V1Network> network2, PeeringType type,
                   Optional<PeeringManifest.Bgp> bgp, Labels labels, V1PeeringExchange exchange) {
    PeeringSpec {
        requireNonNull(network1, "network1 is null");
        requireNonNull(network2, "network2 is null");
        requireNonNull(type, "type is null");
        requireNonNull(bgp, "bgp is null");
        labels = labels == null ? Labels.EMPTY : labels;
        if (name == null || name.isBlank()) {
            name = defaultName(network1, network2, bgp);
        }
    }

    /** From a manifest, resolving its network references against {@code networks}. */
    static PeeringSpec of(PeeringManifest m, List<V1Network> networks) {
        try {
            return new PeeringSpec(m.name(), null, NetworkCommand.RESOLVER.resolve(m.network1(), networks),
                    m.network2().map(n -> NetworkCommand.RESOLVER.resolve(n, networks)), m.type(), m.bgp(), m.labels(),
                    PeeringCommand.exchange(null, m.network1Prefixes().orElse(null), false, m.network2Prefixes().orElse(null), false));
        } catch (CliException e) {
            throw new CliException(e.exitCode(), m.where() + ": " + e.getMessage());
        }
    }

    /** {@code privnet1-to-storage}, as in the MEP; an external peering without network2 names the remote AS. */
    private static String defaultName(V1Network n1, Optional<V1Network> n2, Optional<PeeringManifest.Bgp> bgp) {
        String right = n2.map(PeeringSpec::label)
                .orElseGet(() -> bgp.map(b -> "as" + b.remoteAs().value()).orElse("external"));
        return label(n1) + "-to-" + right;
    }

    private static String label(V1Network n) {
        return n.name() == null || n.name().isBlank() ? n.id() : n.name();
    }

    V1Peering request() {
        return new V1Peering(null, name, description, null, null, network1.id(), network2.map(V1Network::id).orElse(null),
                type.wire(), bgp.map(PeeringSpec::wire).orElse(null), labels.values().isEmpty() ? null : labels.values(),
                null, null, null, null).withExchange(exchange);
    }

    private static V1Bgp wire(PeeringManifest.Bgp b) {
        return new V1Bgp(new V1Bgp.Local(b.localAs().value(), b.localCidr().toString(), b.port()),
                new V1Bgp.Remote(b.remoteAs().value(), b.remoteCidr().toString()));
    }

    /** True when {@code existing} connects the same networks (either order) with the same type and BGP session. */
    boolean sameConnection(V1Peering existing) {
        String a = network1.id();
        String b = network2.map(V1Network::id).orElse(null);
        boolean sameNetworks = (a.equals(existing.network1()) && Objects.equals(b, existing.network2()))
                || (a.equals(existing.network2()) && Objects.equals(b, existing.network1()));
        return sameNetworks && type.wire().equals(existing.peeringtype()) && sameBgp(existing.bgp());
    }

    private boolean sameBgp(V1Bgp existing) {
        if (bgp.isEmpty() || existing == null) {
            return bgp.isEmpty() && (existing == null || existing.local() == null);
        }
        PeeringManifest.Bgp b = bgp.get();
        try {
            return existing.local() != null && existing.remote() != null
                    && Objects.equals(existing.local().as(), b.localAs().value())
                    && Objects.equals(existing.remote().as(), b.remoteAs().value())
                    && sameAddress(b.localCidr(), existing.local().cidr())
                    && sameAddress(b.remoteCidr(), existing.remote().cidr())
                    && BgpPeer.parsePort(existing.local().port()).equals(b.localPort());
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** A bare address (the MEP's {@code 172.16.0.1}) matches what the server stored with its derived length. */
    private static boolean sameAddress(InterfaceAddress wanted, String stored) {
        InterfaceAddress s = InterfaceAddress.parse(stored);
        return wanted.address().equals(s.address()) && (wanted.length().isEmpty() || wanted.length().equals(s.length()));
    }

    /** True when applying this to {@code existing} (same connection) would change nothing. */
    boolean unchanged(V1Peering existing) {
        Map<String, String> have = existing.labels() == null ? Map.of() : existing.labels();
        return name.equals(existing.name()) && labels.values().equals(Labels.of(have).values())
                && (description == null || description.equals(Objects.toString(existing.description(), "")))
                && sameExchange(existing.exchange());
    }

    /** Per side the same selection, in any order and spelling of the prefixes; no block and an empty one both mean all. */
    private boolean sameExchange(V1PeeringExchange existing) {
        return Objects.equals(side(exchange, true), side(existing, true)) && Objects.equals(side(exchange, false), side(existing, false));
    }

    private static SortedSet<IpPrefix> side(V1PeeringExchange e, boolean first) {
        List<String> prefixes = e == null ? null : first ? e.network1() : e.network2();
        if (prefixes == null) {
            return null;
        }
        SortedSet<IpPrefix> parsed = new TreeSet<>();
        for (String p : prefixes) {
            try {
                parsed.add(IpPrefix.parse(p));
            } catch (RuntimeException invalid) {
                return null; // not ours to judge here: the server's answer to the update names it
            }
        }
        return parsed;
    }

    /** {@code existing} with this spec's name, description, labels and exchange block: the body of an update. */
    V1Peering updateOf(V1Peering e) {
        return new V1Peering(e.id(), name, description == null ? e.description() : description, e.projectid(),
                e.partitionid(), e.network1(), e.network2(), e.peeringtype(), e.bgp(), labels.values(), e.origin(),
                e.status(), e.created(), e.changed()).withExchange(exchange == null ? new V1PeeringExchange(null, null) : exchange);
    }
}
