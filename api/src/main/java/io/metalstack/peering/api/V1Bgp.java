package io.metalstack.peering.api;

/** The MEP's {@code bgp} block of an external peering. */
public record V1Bgp(Local local, Remote remote) {

    /** Our side: AS, address on the port, and the port as {@code Ethernet0@exit01}. */
    public record Local(Long as, String cidr, String port) {}

    /** The neighbour. */
    public record Remote(Long as, String cidr) {}
}
