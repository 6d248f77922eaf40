package io.metalstack.peering.server.service;

import java.time.Instant;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A POST update of a stored {@code T}: its id, the {@code changed} of the version the caller read (empty: not sent;
 * the optimistic lock refuses it), and the new value. The new value is built from the stored one under the row lock,
 * so that what the caller left out can default to what is stored.
 */
public record Update<I, T>(I id, Optional<Instant> changed, Proposal<T> proposal) {

    public Update {
        requireNonNull(id, "id is null");
        requireNonNull(changed, "changed is null");
        requireNonNull(proposal, "proposal is null");
    }

    /** The new value given the stored one and the new {@code changed} time. */
    @FunctionalInterface
    public interface Proposal<T> {
        T of(T old, Instant changed);
    }
}
