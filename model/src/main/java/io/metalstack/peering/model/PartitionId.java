package io.metalstack.peering.model;

/** Identifier of a partition. */
public record PartitionId(String value) implements Comparable<PartitionId> {
    public PartitionId {
        Ids.check("partition", value);
    }

    public static PartitionId parse(String value) {
        return new PartitionId(value);
    }

    @Override
    public int compareTo(PartitionId o) {
        return value.compareTo(o.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
