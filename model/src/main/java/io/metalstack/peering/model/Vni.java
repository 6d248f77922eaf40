package io.metalstack.peering.model;

/**
 * A VRF id, which is also the EVPN L3 VNI and VXLAN id. Tenant VRFs come from the pool
 * {@link #POOL_MIN}..{@link #POOL_MAX}; externals may use any id up to {@link #MAX} (e.g. 104009).
 */
public record Vni(int value) implements Comparable<Vni> {
    public static final int POOL_MIN = 1;
    public static final int POOL_MAX = 131072;
    public static final int MAX = 16777214;

    public Vni {
        if (value < 1 || value > MAX) {
            throw DomainException.invalid("vrf %d is out of range: use 1..%d", value, MAX);
        }
    }

    public static Vni of(int value) {
        return new Vni(value);
    }

    public static Vni parse(String text) {
        try {
            return new Vni(Integer.parseInt(text.trim()));
        } catch (NumberFormatException e) {
            throw DomainException.invalid("vrf \"%s\" is not a number: use 1..%d", text, MAX);
        }
    }

    /**
     * The VNI of a tenant VRF named as a switch reports it: {@code Vrf42} (SONiC), {@code vrf42} (Cumulus) or
     * {@code 42}; the inverse of {@link #sonicName} and {@link #cumulusName}.
     */
    public static Vni ofVrfName(String name) {
        String n = name == null ? "" : name.trim();
        String digits = n.regionMatches(true, 0, "vrf", 0, 3) ? n.substring(3) : n;
        if (digits.isEmpty() || !digits.chars().allMatch(Character::isDigit)) {
            throw DomainException.invalid("vrf name \"%s\" is not a tenant vrf: use Vrf<N> or vrf<N>", name);
        }
        return parse(digits);
    }

    /** FRR VRF name in Cumulus and firewall style: {@code vrf<N>}. */
    public String cumulusName() {
        return "vrf" + value;
    }

    /** FRR VRF name in SONiC style: {@code Vrf<N>}. */
    public String sonicName() {
        return "Vrf" + value;
    }

    @Override
    public int compareTo(Vni o) {
        return Integer.compare(value, o.value);
    }

    @Override
    public String toString() {
        return Integer.toString(value);
    }
}
