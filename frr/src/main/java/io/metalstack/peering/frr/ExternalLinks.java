package io.metalstack.peering.frr;

import io.metalstack.peering.model.AddressFamily;
import io.metalstack.peering.model.DomainException;
import io.metalstack.peering.model.InterfaceAddress;
import io.metalstack.peering.model.Vni;
import io.metalstack.peering.model.plan.ExternalSession;
import io.metalstack.peering.model.plan.SwitchIntent;
import io.metalstack.peering.model.plan.VrfIntent;
import io.metalstack.peering.model.rules.ExternalPeeringRules;

import java.util.List;

/**
 * The external BGP sessions of an (exit) switch that all renderers agree to render, and their port addresses:
 * one place, so that frr.conf, CONFIG_DB and interfaces never disagree about a session.
 */
final class ExternalLinks {
    private ExternalLinks() {}

    /** Sessions in a VRF this switch hosts and with local and remote address of one family. */
    static List<ExternalSession> renderable(SwitchIntent intent) {
        return intent.external().stream().filter(s -> problem(intent, s).isEmpty()).toList();
    }

    static List<ExternalSession> renderable(SwitchIntent intent, Vni vrf) {
        return renderable(intent).stream().filter(s -> s.vrf().equals(vrf)).toList();
    }

    /** Why a session cannot be rendered at all; empty when it can. */
    static String problem(SwitchIntent intent, ExternalSession s) {
        if (intent.vrfs().stream().map(VrfIntent::vni).noneMatch(s.vrf()::equals)) {
            return "is in vrf " + s.vrf() + ", which this switch does not instantiate; the session is left out";
        }
        if (s.local().family() != s.remote().family()) {
            return "has local address " + s.local() + " and remote address " + s.remote() + " of different families; the session is left out";
        }
        try {
            ExternalPeeringRules.link(s.local(), s.remote());
        } catch (DomainException e) {
            return "has no point-to-point link (" + e.getMessage() + "); the session is left out";
        }
        return "";
    }

    static AddressFamily family(ExternalSession s) {
        return s.remote().family();
    }

    /**
     * The port's address with its subnet length, e.g. {@code 172.16.0.1/30}; a length the intent leaves out (the MEP's
     * bare-address form) is derived by admission's own rule, {@link ExternalPeeringRules#link}. Only for a session
     * without a {@link #problem}.
     */
    static String localCidr(ExternalSession s) {
        return ExternalPeeringRules.link(s.local(), s.remote()).local().toString();
    }

    /** The neighbour as FRR names it: the remote address without length. */
    static FrrName neighbor(ExternalSession s) {
        return FrrName.of(address(s.remote()));
    }

    /**
     * The single address: the ipaddress library reads an address with zero host bits and a length
     * ({@code 2001:db8:ff::/127}, RFC 6164's first address) as the whole subnet, so take its lowest address.
     */
    private static String address(InterfaceAddress a) {
        return a.address().getLower().withoutPrefixLength().toCanonicalString();
    }
}
