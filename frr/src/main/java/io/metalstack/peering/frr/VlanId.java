package io.metalstack.peering.frr;

import io.metalstack.peering.model.DomainException;
import io.metalstack.peering.model.Quoted;

/** An 802.1Q VLAN id, 1..4094 (0 and 4095 are reserved by the standard). */
public record VlanId(int value) implements Comparable<VlanId> {
    public static final int MIN = 1;
    public static final int MAX = 4094;

    public VlanId {
        if (value < MIN || value > MAX) {
            throw DomainException.invalid("VLAN id %d is out of range: use %d..%d", value, MIN, MAX);
        }
    }

    public static VlanId of(int value) {
        return new VlanId(value);
    }

    public static VlanId parse(String text) {
        String t = text == null ? "" : text.trim();
        if (!t.matches("[0-9]{1,4}")) {
            throw DomainException.invalid("VLAN id %s is not a number: use %d..%d", quote(text), MIN, MAX);
        }
        return new VlanId(Integer.parseInt(t));
    }

    static String quote(String text) {
        return Quoted.of(text);
    }

    @Override
    public int compareTo(VlanId o) {
        return Integer.compare(value, o.value);
    }

    @Override
    public String toString() {
        return Integer.toString(value);
    }
}
