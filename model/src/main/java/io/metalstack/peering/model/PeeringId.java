package io.metalstack.peering.model;

/** Identifier of a peering. */
public record PeeringId(String value) implements Comparable<PeeringId> {
    public PeeringId {
        Ids.check("peering", value);
    }

    public static PeeringId parse(String value) {
        return new PeeringId(value);
    }

    @Override
    public int compareTo(PeeringId o) {
        return value.compareTo(o.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
