package io.metalstack.peering.model;

import java.time.Instant;

import static java.util.Objects.requireNonNull;

/** A tenant's project: the security boundary peering never crosses on its own. */
public record Project(ProjectId id, String name, String tenant, String description, Labels labels,
                      Instant created, Instant changed) {
    public Project {
        requireNonNull(id, "id is null");
        name = name == null ? "" : name;
        tenant = tenant == null ? "" : tenant;
        description = description == null ? "" : description;
        labels = labels == null ? Labels.EMPTY : labels;
        requireNonNull(created, "created is null");
        requireNonNull(changed, "changed is null");
    }
}
