package io.metalstack.peering.model.rules;

import io.metalstack.peering.model.AddressFamily;
import io.metalstack.peering.model.IpPrefix;
import io.metalstack.peering.model.Network;
import io.metalstack.peering.model.NetworkType;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What two peered networks exchange, per address family (DESIGN rule 6). The one place that decides it:
 * admission (server), planning (model) and the agent's re-check all call this.
 */
public final class Exchange {
    private Exchange() {}

    /** Why a family is left out of a peering; shown in the peering's status. */
    public enum Omission {
        /** One side has no prefixes of this family. */
        NOT_ON_BOTH_SIDES,
        /** The private network's prefixes of this family are private-use and the external network needs NAT. */
        PRIVATE_USE_BEHIND_NAT
    }

    /** Families exchanged, and for each left-out family of either side, why. */
    public record Result(Set<AddressFamily> families, Map<AddressFamily, Omission> omitted) {
        public Result {
            families = families.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(families));
            omitted = Map.copyOf(omitted);
        }
    }

    /** Why a family is left out of a peering of {@code a} and {@code b}, in words. */
    public static String explain(AddressFamily family, Exchange.Omission omission, Network a, Network b) {
        return switch (omission) {
            case NOT_ON_BOTH_SIDES -> {
                Network missing = Exchange.familiesOf(a).contains(family) ? b : a;
                yield missing.describe() + " has no " + family.label() + " prefix";
            }
            case PRIVATE_USE_BEHIND_NAT -> {
                Network priv = a.type().isPrivate() ? a : b;
                Network ext = priv == a ? b : a;
                yield priv.describe() + " has private-use " + family.label() + " prefixes and " + ext.describe()
                        + " needs NAT: only routable prefixes can be exchanged without a firewall";
            }
        };
    }

    /** Families in which a network has prefixes or, for an external network, destination prefixes. */
    public static Set<AddressFamily> familiesOf(Network n) {
        Set<AddressFamily> f = EnumSet.noneOf(AddressFamily.class);
        n.prefixes().forEach(p -> f.add(p.family()));
        if (n.type() == NetworkType.EXTERNAL) {
            n.destinationPrefixes().forEach(p -> f.add(p.family()));
        }
        return f;
    }

    public static Result families(Network a, Network b) {
        Set<AddressFamily> fa = familiesOf(a), fb = familiesOf(b);
        Set<AddressFamily> families = EnumSet.noneOf(AddressFamily.class);
        Map<AddressFamily, Omission> omitted = new EnumMap<>(AddressFamily.class);
        for (AddressFamily family : AddressFamily.values()) {
            if (!fa.contains(family) && !fb.contains(family)) {
                continue;
            }
            if (!fa.contains(family) || !fb.contains(family)) {
                omitted.put(family, Omission.NOT_ON_BOTH_SIDES);
            } else if (privateBehindNat(a, b, family) || privateBehindNat(b, a, family)) {
                omitted.put(family, Omission.PRIVATE_USE_BEHIND_NAT);
            } else {
                families.add(family);
            }
        }
        return new Result(families, omitted);
    }

    /** A private network whose prefixes of {@code family} are private-use cannot reach a NAT-ing external network without a firewall. */
    private static boolean privateBehindNat(Network priv, Network external, AddressFamily family) {
        return priv.type().isPrivate() && external.type() == NetworkType.EXTERNAL && external.nat()
                && priv.prefixes(family).stream().anyMatch(IpPrefix::isPrivateUse);
    }

    /**
     * The routes a VRF imports from a directly peered network, in the given families: the peer's own prefixes,
     * and for an external peer also its destination prefixes (e.g. the default route).
     */
    public static List<IpPrefix> importedFrom(Network peer, Set<AddressFamily> families) {
        List<IpPrefix> routes = new ArrayList<>();
        peer.prefixes().stream().filter(p -> families.contains(p.family())).forEach(routes::add);
        if (peer.type() == NetworkType.EXTERNAL) {
            peer.destinationPrefixes().stream().filter(p -> families.contains(p.family())).forEach(routes::add);
        }
        return routes.stream().sorted().distinct().toList();
    }

    /**
     * The additional announcable prefixes (pod and service CIDRs) a VRF imports from a directly peered network, in
     * the given families: the peer's own, never those it inherits from its super network (every child of that super
     * network has them, so they say nothing about the peer and would collide in the importing VRF). Private-use ones
     * stay out of an external network that needs NAT, as its prefixes do (rule 6).
     */
    public static List<IpPrefix> additionalFrom(Network peer, Network importer, Set<AddressFamily> families) {
        boolean behindNat = peer.type().isPrivate() && importer.type() == NetworkType.EXTERNAL && importer.nat();
        return peer.additionalAnnouncable().stream()
                .filter(p -> families.contains(p.family()))
                .filter(p -> !(behindNat && p.isPrivateUse()))
                .sorted().distinct().toList();
    }

    /** What a VRF takes from a directly peered network: routes it expects there, and additional prefixes it admits. */
    public record Imported(List<IpPrefix> routes, List<IpPrefix> additional) {
        public Imported {
            routes = List.copyOf(routes);
            additional = List.copyOf(additional);
        }
    }

    /**
     * What {@code importer} takes from {@code peer} over one peering: without a selection {@link #importedFrom} and
     * {@link #additionalFrom}; with one ({@code Peering.reachableOf(peer)}), exactly the selected prefixes that lie
     * inside those (inside the peer's prefixes: routes; inside its additional prefixes: additional), nothing wider.
     * Admission lets in only selections that lie inside; a selected prefix that does not is dropped, never widened.
     */
    public static Imported imported(Network peer, Network importer, Set<AddressFamily> families, Optional<List<IpPrefix>> selected) {
        List<IpPrefix> routes = importedFrom(peer, families);
        List<IpPrefix> additional = additionalFrom(peer, importer, families);
        if (selected.isEmpty()) {
            return new Imported(routes, additional);
        }
        List<IpPrefix> own = peer.prefixes().stream().filter(p -> families.contains(p.family())).toList();
        List<IpPrefix> chosen = selected.get().stream().sorted().distinct().toList();
        return new Imported(chosen.stream().filter(s -> inside(s, own)).toList(),
                chosen.stream().filter(s -> !inside(s, own) && inside(s, additional)).toList());
    }

    /**
     * The address space a selection of {@code side} may pick from, towards {@code other}: side's own prefixes and its
     * own additional prefixes, in the exchanged families (never destination prefixes, never what it inherits).
     */
    static List<IpPrefix> selectable(Network side, Network other, Set<AddressFamily> families) {
        List<IpPrefix> out = new ArrayList<>();
        side.prefixes().stream().filter(p -> families.contains(p.family())).forEach(out::add);
        out.addAll(additionalFrom(side, other, families));
        return out.stream().sorted().distinct().toList();
    }

    /** Whether {@code p} lies inside one of {@code space} (equal counts as inside). */
    public static boolean inside(IpPrefix p, List<IpPrefix> space) {
        return space.stream().anyMatch(s -> s.contains(p));
    }
}
