package io.metalstack.peering.server.store;

import io.metalstack.peering.model.Labels;
import io.metalstack.peering.model.Partition;
import io.metalstack.peering.model.PartitionId;

import java.time.Instant;
import java.util.Map;

/** The document of a stored {@link Partition}. */
record StoredPartition(int schema, String id, String name, String description, Map<String, String> labels,
                       Instant created, Instant changed) implements StoredForm.Document {

    static final StoredForm<Partition, StoredPartition> FORM =
            new StoredForm<>("partition", StoredPartition.class, 1, StoredPartition::of, StoredPartition::partition);

    static StoredPartition of(Partition p) {
        return new StoredPartition(FORM.schema(), p.id().value(), p.name(), p.description(), p.labels().values(), p.created(), p.changed());
    }

    Partition partition() {
        return new Partition(PartitionId.parse(id), name, description, Labels.of(labels), created, changed);
    }
}
