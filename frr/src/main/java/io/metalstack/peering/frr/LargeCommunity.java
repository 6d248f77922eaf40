package io.metalstack.peering.frr;

/** A BGP large community (RFC 8092) {@code global:local1:local2}, each part 32 bits unsigned. */
record LargeCommunity(long global, long local1, long local2) implements Comparable<LargeCommunity> {
    private static final long MAX = 0xFFFF_FFFFL;

    LargeCommunity {
        for (long part : new long[] {global, local1, local2}) {
            if (part < 0 || part > MAX) {
                throw new IllegalArgumentException("large community part out of range: " + part);
            }
        }
    }

    @Override
    public int compareTo(LargeCommunity o) {
        int c = Long.compare(global, o.global);
        if (c == 0) {
            c = Long.compare(local1, o.local1);
        }
        return c != 0 ? c : Long.compare(local2, o.local2);
    }

    @Override
    public String toString() {
        return global + ":" + local1 + ":" + local2;
    }
}
