package io.metalstack.peering.model;

/** Identifier of a machine. */
public record MachineId(String value) implements Comparable<MachineId> {
    public MachineId {
        Ids.check("machine", value);
    }

    public static MachineId parse(String value) {
        return new MachineId(value);
    }

    @Override
    public int compareTo(MachineId o) {
        return value.compareTo(o.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
