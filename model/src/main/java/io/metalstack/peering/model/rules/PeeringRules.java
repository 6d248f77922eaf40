package io.metalstack.peering.model.rules;

import io.metalstack.peering.model.AddressFamily;
import io.metalstack.peering.model.DomainException;
import io.metalstack.peering.model.IpPrefix;
import io.metalstack.peering.model.Network;
import io.metalstack.peering.model.NetworkId;
import io.metalstack.peering.model.NetworkType;
import io.metalstack.peering.model.Peering;
import io.metalstack.peering.model.PeeringId;
import io.metalstack.peering.model.PeeringType;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Admission of a peering (DESIGN §3, rules 1–6): the one place that decides whether two networks may peer.
 * Pure: it reads the current state through a {@link PeeringGraph} and throws the {@link DomainException}
 * subtype of the first rule broken, with a message naming the offending network or prefix.
 */
public final class PeeringRules {

    public static final int DEFAULT_QUOTA = 50;

    private final int quota;

    public PeeringRules(int quota) {
        if (quota < 1) {
            throw DomainException.invalid("peering quota %d is invalid: use at least 1", quota);
        }
        this.quota = quota;
    }

    public int quota() {
        return quota;
    }

    /** A peering that an existing state no longer allows, and why. */
    public record Violation(Peering peering, DomainException reason) {
        public Violation {
            java.util.Objects.requireNonNull(peering, "peering is null");
            java.util.Objects.requireNonNull(reason, "reason is null");
        }
    }

    /**
     * Checks a new peering of {@code network1} and {@code network2} against the state in {@code graph};
     * returns the families exchanged (and why others are left out) or throws.
     */
    public Exchange.Result admit(Network network1, Network network2, PeeringType type, PeeringGraph graph) {
        return admit(network1, network2, type, io.metalstack.peering.model.ExchangedPrefixes.ALL, graph);
    }

    /** {@link #admit(Network, Network, PeeringType, PeeringGraph)} with a selection of what each side may reach ({@link SelectiveExchange}). */
    public Exchange.Result admit(Network network1, Network network2, PeeringType type,
                                 io.metalstack.peering.model.ExchangedPrefixes selection, PeeringGraph graph) {
        SelectiveExchange.checkForm(selection);
        checkPair(network1, network2, type);
        checkDuplicate(network1, network2, graph);
        checkQuota(network1, graph);
        checkQuota(network2, graph);
        Exchange.Result exchange = checkFamilies(network1, network2);
        checkOverlap(network1, network2, exchange, graph);
        checkOverlap(network2, network1, exchange, graph);
        SelectiveExchange.check(network1, Optional.of(network2), type, selection);
        return exchange;
    }

    /**
     * Checks an external peering in the MEP's one-network form: a BGP session of {@code network1} itself, with no second
     * network (its {@code bgp} block is checked by {@link ExternalPeeringRules}). network1 must be able to peer (child,
     * child-shared or external, with a vrf; an external one marked peerable), have a prefix or destination of some
     * family, and stay within the quota. Returns the families network1 has.
     */
    public java.util.Set<AddressFamily> admitAlone(Network network1, PeeringGraph graph) {
        checkPeerable(network1);
        checkQuota(network1, graph);
        java.util.Set<AddressFamily> families = Exchange.familiesOf(network1);
        if (families.isEmpty()) {
            throw new DomainException.Unprocessable(String.format(
                    "%s has no prefix: an external session needs a family the network has", network1.describe()));
        }
        return families;
    }

    /** What one network must be to peer at all: of a peering type, with a vrf. */
    private static void checkCanPeer(Network n) {
        if (!n.type().canPeer()) {
            throw new DomainException.Unprocessable(String.format(
                    "%s is of type %s: only child, child-shared and external networks can peer", n.describe(), n.type()));
        }
        if (n.vrf().isEmpty()) {
            throw new DomainException.Unprocessable(String.format(
                    "%s has no vrf: only networks with a vrf can peer", n.describe()));
        }
    }

    /** {@link #checkCanPeer}, and an external network must be marked peerable. */
    private static void checkPeerable(Network n) {
        checkCanPeer(n);
        checkMarkedPeerable(n);
    }

    private static void checkMarkedPeerable(Network n) {
        if (n.type() == NetworkType.EXTERNAL && !n.peerable()) {
            throw new DomainException.Unprocessable(String.format(
                    "%s is an external network that is not marked peerable: an admin must set the label %s=true on it first",
                    n.describe(), io.metalstack.peering.model.Labels.PEERABLE));
        }
    }

    /**
     * Re-checks every existing peering of {@code changed} (which {@code graph} already shows in its new
     * state, e.g. new prefixes or no longer shared): the peerings that would now be refused.
     */
    public List<Violation> recheck(NetworkId changed, PeeringGraph graph) {
        List<Violation> violations = new ArrayList<>();
        List<Peering> peerings = graph.peeringsOf(changed).stream()
                .sorted(java.util.Comparator.comparing(Peering::id)).toList();
        for (Peering p : peerings) {
            PeeringGraph without = without(graph, p.id());
            try {
                Network n1 = graph.network(p.network1());
                if (p.network2().isEmpty()) {
                    checkPeerable(n1);
                    continue;
                }
                Network n2 = graph.network(p.network2().get());
                checkPair(n1, n2, p.type());
                Exchange.Result exchange = checkFamilies(n1, n2);
                checkOverlap(n1, n2, exchange, without);
                checkOverlap(n2, n1, exchange, without);
                SelectiveExchange.check(n1, Optional.of(n2), p.type(), p.exchange());
            } catch (DomainException e) {
                violations.add(new Violation(p, e));
            }
        }
        return List.copyOf(violations);
    }

    /** Rules 1–3 and the peering type: what the two networks themselves allow. */
    private static void checkPair(Network a, Network b, PeeringType type) {
        if (a.id().equals(b.id())) {
            throw new DomainException.Unprocessable(String.format(
                    "%s cannot peer with itself: name two different networks", a.describe()));
        }
        checkCanPeer(a);
        checkCanPeer(b);
        if (!a.type().isPrivate() && !b.type().isPrivate()) {
            throw new DomainException.Unprocessable(String.format(
                    "%s and %s are both external: a peering needs at least one private network", a.describe(), b.describe()));
        }
        checkMarkedPeerable(a);
        checkMarkedPeerable(b);
        checkBoundary(a, b);
        if (a.type().isPrivate() && b.type().isPrivate()
                && type == PeeringType.LOCAL && !a.partition().equals(b.partition())) {
            throw new DomainException.Unprocessable(String.format(
                    "%s is in partition %s, %s in partition %s: a local peering of private networks must stay in one partition",
                    a.describe(), orNone(a.partition()),
                    b.describe(), orNone(b.partition())));
        }
        if (type == PeeringType.EXTERNAL && a.type() != NetworkType.EXTERNAL && b.type() != NetworkType.EXTERNAL) {
            throw new DomainException.Unprocessable(String.format(
                    "%s and %s are both private: an external peering needs an external network on one side, use peeringtype local",
                    a.describe(), b.describe()));
        }
    }

    /**
     * The project boundary, asked of {@link ImportJustification} as the planner and the agent ask it, so admission
     * cannot admit what they refuse. Past {@link #checkMarkedPeerable} an external side is peerable and always
     * justifies the import; so only two private networks of different projects, neither shared, are refused here.
     */
    private static void checkBoundary(Network a, Network b) {
        if (ImportJustification.reason(ImportJustification.Facts.of(a), ImportJustification.Facts.of(b)).isPresent()) {
            return;
        }
        throw new DomainException.Unprocessable(String.format(
                "%s belongs to project %s, %s to project %s: peering across projects is allowed only into a shared network or a peerable external network",
                a.describe(), orNone(a.project()),
                b.describe(), orNone(b.project())));
    }

    private static void checkDuplicate(Network a, Network b, PeeringGraph graph) {
        for (Peering p : graph.peeringsOf(a.id())) {
            if (p.other(a.id()).equals(Optional.of(b.id()))) {
                throw new DomainException.Conflict(String.format(
                        "%s and %s are already peered by peering %s: one peering per pair of networks",
                        a.describe(), b.describe(), p.id()));
            }
        }
    }

    private void checkQuota(Network n, PeeringGraph graph) {
        int count = graph.peeringsOf(n.id()).size();
        if (count >= quota) {
            throw new DomainException.Conflict(String.format(
                    "%s already has %d peerings, the quota per network is %d: delete a peering first", n.describe(), count, quota));
        }
    }

    /** Rule 6: at least one family must qualify. */
    private static Exchange.Result checkFamilies(Network a, Network b) {
        Exchange.Result exchange = Exchange.families(a, b);
        if (exchange.families().isEmpty()) {
            String why = exchange.omitted().entrySet().stream()
                    .map(e -> e.getKey().label() + ": " + explain(e.getKey(), e.getValue(), a, b))
                    .collect(Collectors.joining("; "));
            throw new DomainException.Unprocessable(String.format(
                    "%s and %s have no address family to exchange (%s)", a.describe(), b.describe(),
                    why.isEmpty() ? "neither has any prefix" : why));
        }
        return exchange;
    }

    /** Why a family is left out, in words; also shown in a peering's status ({@link Exchange#explain}). */
    public static String explain(AddressFamily family, Exchange.Omission omission, Network a, Network b) {
        return Exchange.explain(family, omission, a, b);
    }

    /**
     * Rule 4 for the VRF of {@code owner} after it imports {@code incoming}: incoming's prefixes must not overlap
     * owner's own prefixes nor those owner already imports from its other peers.
     */
    private static void checkOverlap(Network owner, Network incoming, Exchange.Result exchange, PeeringGraph graph) {
        List<IpPrefix> arriving = ownPrefixes(incoming, exchange);
        if (arriving.isEmpty()) {
            return;
        }
        List<Map.Entry<Network, IpPrefix>> present = new ArrayList<>();
        owner.prefixes().forEach(p -> present.add(Map.entry(owner, p)));
        owner.additionalAnnouncable().forEach(p -> present.add(Map.entry(owner, p)));
        for (Peering p : graph.peeringsOf(owner.id())) {
            Optional<NetworkId> otherId = p.other(owner.id());
            if (otherId.isEmpty() || otherId.get().equals(incoming.id())) {
                continue;
            }
            Network other = graph.network(otherId.get());
            ownPrefixes(other, Exchange.families(owner, other)).forEach(px -> present.add(Map.entry(other, px)));
        }
        for (IpPrefix in : arriving) {
            for (Map.Entry<Network, IpPrefix> e : present) {
                if (in.overlaps(e.getValue())) {
                    throw new DomainException.Conflict(String.format(
                            "prefix %s of %s overlaps prefix %s of %s in the vrf %s of %s: prefixes in one vrf must be disjoint, peer networks with disjoint prefixes",
                            in, incoming.describe(), e.getValue(), e.getKey().describe(),
                            owner.vrf().map(Object::toString).orElse("?"), owner.describe()));
                }
            }
        }
    }

    /**
     * Owned prefixes and the network's own additional announcable prefixes (a cluster's pod and service CIDRs, which
     * cross the peering too); destination prefixes are routes, not address space.
     */
    private static List<IpPrefix> ownPrefixes(Network n, Exchange.Result exchange) {
        return Stream.concat(n.prefixes().stream(), n.additionalAnnouncable().stream())
                .filter(p -> exchange.families().contains(p.family())).sorted().distinct().toList();
    }

    private static PeeringGraph without(PeeringGraph graph, PeeringId excluded) {
        return new PeeringGraph() {
            @Override
            public Network network(NetworkId id) {
                return graph.network(id);
            }

            @Override
            public List<Peering> peeringsOf(NetworkId network) {
                List<Peering> all = graph.peeringsOf(network);
                return all.stream().anyMatch(p -> p.id().equals(excluded))
                        ? all.stream().filter(p -> !p.id().equals(excluded)).toList()
                        : Collections.unmodifiableList(all);
            }
        };
    }

    private static String orNone(Optional<?> o) {
        return o.map(Object::toString).orElse("(none)");
    }
}
