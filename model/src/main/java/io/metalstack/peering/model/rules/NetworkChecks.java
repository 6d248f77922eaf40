package io.metalstack.peering.model.rules;

import io.metalstack.peering.model.AddressFamily;
import io.metalstack.peering.model.DomainException;
import io.metalstack.peering.model.IpPrefix;
import io.metalstack.peering.model.Labels;
import io.metalstack.peering.model.Network;
import io.metalstack.peering.model.NetworkType;

import java.util.List;
import java.util.Optional;

/**
 * What a network must be to be created, and what an update may change of it. Pure: the checks that need the other
 * networks (one super network per partition, a VRF used once, its peerings still admitted) run in the server's
 * transaction.
 */
public final class NetworkChecks {

    /** At most this many additional announcable CIDRs per network: each becomes a prefix-list entry on every leaf of it. */
    public static final int MAX_ADDITIONAL_ANNOUNCABLE = 32;

    private NetworkChecks() {}

    /**
     * A network an admin creates: super, underlay or external (children are allocated), with what its type needs and
     * no project.
     */
    public static void checkCreate(Network n) {
        switch (n.type()) {
            case CHILD, CHILD_SHARED -> throw new DomainException.Unprocessable(String.format(
                    "%s is of type %s: child networks are allocated, use POST /v1/network/allocate", n.describe(), n.type()));
            case SUPER -> {
                if (n.partition().isEmpty() || n.prefixes().isEmpty()) {
                    throw DomainException.invalid("super network %s needs partitionid and prefixes", n.id());
                }
                for (AddressFamily f : n.families()) {
                    if (!n.defaultChildPrefixLength().containsKey(f)) {
                        throw DomainException.invalid("super network %s has %s prefixes but no defaultchildprefixlength for %s: add e.g. {\"%s\": %d}",
                                n.id(), f.label(), f.label(), f.label(), f == AddressFamily.IPV4 ? 22 : 64);
                    }
                }
                if (n.vrf().isPresent()) {
                    throw DomainException.invalid("super network %s must not have a vrf: its children get theirs from the pool", n.id());
                }
            }
            case UNDERLAY -> {
                if (n.partition().isEmpty() || n.prefixes().isEmpty()) {
                    throw DomainException.invalid("underlay network %s needs partitionid and prefixes", n.id());
                }
            }
            case EXTERNAL -> {
                if (n.vrf().isEmpty()) {
                    throw DomainException.invalid("external network %s needs an explicit vrf (e.g. 104009 for the internet)", n.id());
                }
                if (n.prefixes().isEmpty() && n.destinationPrefixes().isEmpty()) {
                    throw DomainException.invalid("external network %s needs prefixes or destinationprefixes", n.id());
                }
            }
        }
        if (n.project().isPresent()) {
            throw DomainException.invalid("%s network %s must not belong to a project", n.type(), n.id());
        }
        checkAdditionalAnnouncable(n);
    }

    /**
     * Additional announcable CIDRs (pod and service CIDRs) belong to a super network (for all its children, as in
     * metal-api) or to a private network (for it alone); never a default route, which would admit every route.
     */
    public static void checkAdditionalAnnouncable(Network n) {
        List<IpPrefix> additional = n.additionalAnnouncable();
        if (additional.isEmpty()) {
            return;
        }
        if (n.type() != NetworkType.SUPER && !n.type().isPrivate()) {
            throw DomainException.invalid("%s is of type %s: additionalannouncablecidrs are allowed on super, child and child-shared networks only",
                    n.describe(), n.type());
        }
        if (additional.size() > MAX_ADDITIONAL_ANNOUNCABLE) {
            throw DomainException.invalid("%s has %d additionalannouncablecidrs: at most %d are allowed",
                    n.describe(), additional.size(), MAX_ADDITIONAL_ANNOUNCABLE);
        }
        for (IpPrefix p : additional) {
            if (p.isDefaultRoute()) {
                throw DomainException.invalid("additionalannouncablecidrs of %s: %s is a default route, which would admit every route; name the pod and service CIDRs",
                        n.describe(), p);
            }
        }
    }

    /** Where a network lives and which VRF it is never change; its type only between child and child-shared (sharing). */
    public static void checkFixed(Network old, Network n) {
        boolean sharedFlip = old.type().isPrivate() && n.type().isPrivate();
        if (!old.partition().equals(n.partition()) || !old.project().equals(n.project()) || !old.parent().equals(n.parent())
                || !old.vrf().equals(n.vrf()) || (old.type() != n.type() && !sharedFlip)) {
            throw new DomainException.Unprocessable(String.format(
                    "%s: partitionid, projectid, parentnetworkid, vrf and networktype cannot change (only child <-> child-shared via shared)",
                    old.describe()));
        }
    }

    /**
     * Whether an update changes what only an admin may change: the address space (prefixes, destination prefixes,
     * additional announcable CIDRs, NAT, default child lengths) or whether the network is peerable across projects.
     */
    public static boolean changesAdminFields(Network old, Network n) {
        return !old.prefixes().equals(n.prefixes()) || !old.destinationPrefixes().equals(n.destinationPrefixes())
                || !old.additionalAnnouncable().equals(n.additionalAnnouncable())
                || old.nat() != n.nat() || !old.defaultChildPrefixLength().equals(n.defaultChildPrefixLength())
                || !Optional.ofNullable(old.labels().get(Labels.PEERABLE)).equals(Optional.ofNullable(n.labels().get(Labels.PEERABLE)));
    }
}
