package io.metalstack.peering.server.service;

import io.metalstack.peering.model.AddressFamily;
import io.metalstack.peering.model.DomainException;
import io.metalstack.peering.model.Network;
import io.metalstack.peering.model.Project;
import io.metalstack.peering.model.ProjectId;
import io.metalstack.peering.server.store.Stores;

import java.util.Optional;

/**
 * What one project may take of a partition's address pool: at most {@link #networks} networks (label
 * {@value #NETWORKS_LABEL}, which only an admin sets, else the server's {@code --network-quota}), and a tenant's
 * allocation no larger than the super network's default child prefix (a shorter {@code length} needs an admin).
 */
public final class Quotas {

    public static final String NETWORKS_LABEL = "quota.metal-stack.io/networks";
    public static final int DEFAULT_NETWORKS = 64;

    private final int defaultNetworks;

    public Quotas(int defaultNetworks) {
        if (defaultNetworks < 0) {
            throw DomainException.invalid("network quota %d is invalid: use 0 or more", defaultNetworks);
        }
        this.defaultNetworks = defaultNetworks;
    }

    /** The networks {@code p} may hold. */
    int networks(Project p) {
        return Optional.ofNullable(p.labels().get(NETWORKS_LABEL)).map(v -> parse(v, p.id())).orElse(defaultNetworks);
    }

    /** A quota label an admin sets must be a number. */
    public static void checkLabels(Project p) {
        Optional.ofNullable(p.labels().get(NETWORKS_LABEL)).ifPresent(v -> parse(v, p.id()));
    }

    private static int parse(String value, ProjectId project) {
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw DomainException.invalid("label %s of project %s is \"%s\": use a whole number of networks, 0 or more", NETWORKS_LABEL, project, value);
    }

    private static long used(Stores s, ProjectId project) {
        return s.networks().list().stream().filter(n -> n.project().equals(Optional.of(project))).count();
    }

    /** 409 when {@code p} holds its quota of networks already (call with the project's row locked). */
    void checkNetworks(Stores s, Project p) {
        long used = used(s, p.id());
        int limit = networks(p);
        if (used >= limit) {
            throw new DomainException.Conflict(String.format(
                    "project %s holds %d networks, its quota of networks is %d (label %s, set by an admin): free a network or ask an admin to raise it",
                    p.id(), used, limit, NETWORKS_LABEL));
        }
    }

    /** 409 when a tenant asks for a larger network than the partition's super network hands out by default. */
    static void checkLength(Network sup, AddressFamily family, int length) {
        Integer shortest = sup.defaultChildPrefixLength().get(family);
        if (shortest != null && length < shortest) {
            throw new DomainException.Conflict(String.format(
                    "length %s /%d is larger than a project may allocate in partition %s: at most /%d (defaultchildprefixlength of %s); an admin may allocate larger",
                    family.label(), length, sup.partition().map(Object::toString).orElse("?"), shortest, sup.describe()));
        }
    }

    /** How much of a quota a project uses. */
    public record Usage(int used, int limit) {}

    /** What {@code p} uses of its quota of networks. */
    public Usage networks(Stores s, Project p) {
        return new Usage((int) used(s, p.id()), networks(p));
    }
}
