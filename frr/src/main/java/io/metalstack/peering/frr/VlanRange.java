package io.metalstack.peering.frr;

import io.metalstack.peering.model.DomainException;

import java.util.Comparator;

import static java.util.Objects.requireNonNull;

/**
 * A VLAN id or an inclusive range of them, as metal-core's additional bridge VIDs are written: {@code 201} or
 * {@code 201-256}. Printed the same way (ifupdown2's {@code bridge-vids} takes both forms).
 */
public record VlanRange(VlanId first, VlanId last) implements Comparable<VlanRange> {
    private static final Comparator<VlanRange> ORDER = Comparator.comparing(VlanRange::first).thenComparing(VlanRange::last);

    public VlanRange {
        requireNonNull(first, "first is null");
        requireNonNull(last, "last is null");
        if (last.compareTo(first) < 0) {
            throw DomainException.invalid("VLAN range %s-%s ends before it starts: write the lower id first", first, last);
        }
    }

    public static VlanRange of(int id) {
        return new VlanRange(VlanId.of(id), VlanId.of(id));
    }

    /** {@code N} or {@code N-M}, without blanks inside. */
    public static VlanRange parse(String text) {
        String t = text == null ? "" : text.trim();
        if (!t.matches("[0-9]{1,4}(-[0-9]{1,4})?")) {
            throw DomainException.invalid("VLAN range %s is invalid: use an id such as 201 or a range such as 201-256 (%d..%d)",
                    VlanId.quote(text), VlanId.MIN, VlanId.MAX);
        }
        int dash = t.indexOf('-');
        return dash < 0 ? new VlanRange(VlanId.parse(t), VlanId.parse(t))
                : new VlanRange(VlanId.parse(t.substring(0, dash)), VlanId.parse(t.substring(dash + 1)));
    }

    public boolean contains(VlanId id) {
        return first.compareTo(id) <= 0 && id.compareTo(last) <= 0;
    }

    public boolean overlaps(VlanRange o) {
        return first.compareTo(o.last) <= 0 && o.first.compareTo(last) <= 0;
    }

    /** Every id of the range, in order. */
    public java.util.List<VlanId> ids() {
        return java.util.stream.IntStream.rangeClosed(first.value(), last.value()).mapToObj(VlanId::of).toList();
    }

    @Override
    public int compareTo(VlanRange o) {
        return ORDER.compare(this, o);
    }

    @Override
    public String toString() {
        return first.equals(last) ? first.toString() : first + "-" + last;
    }
}
