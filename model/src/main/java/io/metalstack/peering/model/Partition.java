package io.metalstack.peering.model;

import java.time.Instant;

import static java.util.Objects.requireNonNull;

/** A site, e.g. {@code fra-equ01}. */
public record Partition(PartitionId id, String name, String description, Labels labels, Instant created, Instant changed) {
    public Partition {
        requireNonNull(id, "id is null");
        name = name == null ? "" : name;
        description = description == null ? "" : description;
        labels = labels == null ? Labels.EMPTY : labels;
        requireNonNull(created, "created is null");
        requireNonNull(changed, "changed is null");
    }
}
