package io.metalstack.peering.model;

/** Identifier of a switch: its host name, at most 63 characters. */
public record SwitchId(String value) implements Comparable<SwitchId> {
    public SwitchId {
        Ids.switchId(value);
    }

    public static SwitchId parse(String value) {
        return new SwitchId(value);
    }

    @Override
    public int compareTo(SwitchId o) {
        return value.compareTo(o.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
