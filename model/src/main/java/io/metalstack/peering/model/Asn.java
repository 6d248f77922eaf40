package io.metalstack.peering.model;

/** A 4-byte BGP AS number: 1..4294967294, never the AS_TRANS 23456. */
public record Asn(long value) implements Comparable<Asn> {
    public static final long MAX = 4294967294L;
    public static final long AS_TRANS = 23456L;

    public Asn {
        if (value < 1 || value > MAX) {
            throw DomainException.invalid("AS number %d is out of range: use 1..%d", value, MAX);
        }
        if (value == AS_TRANS) {
            throw DomainException.invalid("AS number %d is AS_TRANS (RFC 6793) and cannot be used: pick another AS number", value);
        }
    }

    public static Asn of(long value) {
        return new Asn(value);
    }

    public static Asn parse(String text) {
        try {
            return new Asn(Long.parseLong(text.trim()));
        } catch (NumberFormatException e) {
            throw DomainException.invalid("AS number \"%s\" is not a number: use 1..%d", text, MAX);
        }
    }

    /** True for the private ranges of RFC 6996 (64512..65534 and 4200000000..4294967294). */
    public boolean isPrivate() {
        return (value >= 64512 && value <= 65534) || (value >= 4200000000L && value <= MAX);
    }

    @Override
    public int compareTo(Asn o) {
        return Long.compare(value, o.value);
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
