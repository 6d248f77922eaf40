package io.metalstack.peering.model.rules;

import io.metalstack.peering.model.AddressFamily;
import io.metalstack.peering.model.DomainException;
import io.metalstack.peering.model.ExchangedPrefixes;
import io.metalstack.peering.model.IpPrefix;
import io.metalstack.peering.model.Network;
import io.metalstack.peering.model.PeeringType;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Selective exchange (issue 15, item 4): what a side of a local peering may list as reachable for the other side. The
 * one place that decides it, at admission, at a peering update, when a disabled peering is enabled, and at every update
 * of one of its networks ({@code PeeringRules.recheck}), so that a stored selection always fits its networks.
 * <ul>
 *   <li>only a local peering selects (an external one has its bgp block's {@code exportprefixes}/{@code importprefixes});</li>
 *   <li>a side lists 1..{@value #MAX_PREFIXES} prefixes, none twice and none inside another listed one;</li>
 *   <li>each of a family the peering exchanges (rule 6 as without a selection), and inside the side's own address space:
 *       its prefixes and its own additional announcable prefixes ({@link Exchange#selectable}); never its destination
 *       prefixes, never its super network's.</li>
 * </ul>
 * The overlap rule (4) keeps looking at the whole networks: a selection only ever narrows what a VRF imports.
 */
public final class SelectiveExchange {
    public static final int MAX_PREFIXES = 32;

    private SelectiveExchange() {}

    /** The lists themselves, before any network is read: not empty, not too long, no prefix twice or inside another (400). */
    public static void checkForm(ExchangedPrefixes exchange) {
        checkForm("network1", exchange.network1());
        checkForm("network2", exchange.network2());
    }

    private static void checkForm(String side, Optional<List<IpPrefix>> selected) {
        if (selected.isEmpty()) {
            return;
        }
        List<IpPrefix> list = selected.get();
        if (list.isEmpty()) {
            throw DomainException.invalid("exchange.%s is empty: list at least one prefix %s may reach, or leave exchange.%s out for all of its prefixes",
                    side, side, side);
        }
        if (list.size() > MAX_PREFIXES) {
            throw DomainException.invalid("exchange.%s lists %d prefixes: at most %d are allowed, use shorter prefixes that cover them",
                    side, list.size(), MAX_PREFIXES);
        }
        for (int i = 0; i < list.size(); i++) {
            for (int j = i + 1; j < list.size(); j++) {
                IpPrefix a = list.get(i), b = list.get(j);
                if (a.equals(b)) {
                    throw DomainException.invalid("exchange.%s lists %s twice: list each prefix once", side, a);
                }
                if (a.overlaps(b)) {
                    IpPrefix outer = a.contains(b) ? a : b, inner = outer == a ? b : a;
                    throw DomainException.invalid("exchange.%s lists %s, which lies inside %s, also listed: list each address range once",
                            side, inner, outer);
                }
            }
        }
    }

    /**
     * The whole selection of a peering of {@code type} between {@code network1} and {@code network2} (empty: the MEP's
     * one-network form), against the networks as they are: 400 for the form, 422 for a selection the networks do not allow.
     */
    public static void check(Network network1, Optional<Network> network2, PeeringType type, ExchangedPrefixes exchange) {
        checkForm(exchange);
        if (exchange.all()) {
            return;
        }
        if (type != PeeringType.LOCAL || network2.isEmpty()) {
            throw new DomainException.Unprocessable(
                    "exchange selects prefixes of a local peering only: an external peering announces what its bgp block's exportprefixes list "
                            + "and accepts what its importprefixes list; remove exchange");
        }
        Exchange.Result families = Exchange.families(network1, network2.get());
        checkSide("network1", network1, network2.get(), exchange.network1(), families);
        checkSide("network2", network2.get(), network1, exchange.network2(), families);
    }

    private static void checkSide(String side, Network n, Network other, Optional<List<IpPrefix>> selected, Exchange.Result families) {
        if (selected.isEmpty()) {
            return;
        }
        List<IpPrefix> space = Exchange.selectable(n, other, families.families());
        for (IpPrefix p : selected.get()) {
            if (!families.families().contains(p.family())) {
                Exchange.Omission why = families.omitted().get(p.family());
                throw new DomainException.Unprocessable(String.format(
                        "exchange.%s: %s is %s, which %s and %s do not exchange (%s): list prefixes of %s only",
                        side, p, p.family().label(), n.describe(), other.describe(),
                        why == null ? "neither has an " + p.family().label() + " prefix" : Exchange.explain(p.family(), why, n, other),
                        families.families().stream().sorted().map(AddressFamily::label).collect(Collectors.joining(" and "))));
            }
            if (!Exchange.inside(p, space)) {
                throw new DomainException.Unprocessable(String.format(
                        "exchange.%s: %s is not inside the address space of %s (%s): list only parts of the network's own prefixes "
                                + "and additional announcable prefixes",
                        side, p, n.describe(), space.stream().map(IpPrefix::toString).collect(Collectors.joining(", "))));
            }
        }
    }
}
