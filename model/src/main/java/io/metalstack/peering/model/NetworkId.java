package io.metalstack.peering.model;

/** Identifier of a network. */
public record NetworkId(String value) implements Comparable<NetworkId> {
    public NetworkId {
        Ids.check("network", value);
    }

    public static NetworkId parse(String value) {
        return new NetworkId(value);
    }

    @Override
    public int compareTo(NetworkId o) {
        return value.compareTo(o.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
