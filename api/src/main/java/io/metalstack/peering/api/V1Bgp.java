package io.metalstack.peering.api;

import java.util.List;

/**
 * The MEP's {@code bgp} block of an external peering, plus what BGP operators expect beyond the MEP:
 * {@code maxprefixes} (FRR {@code maximum-prefix}, default 1000), {@code bfd}, an MD5 {@code password} (write-only: a
 * response never carries it and shows {@code haspassword} instead), and prefix filters ({@code importprefixes}
 * accepted in addition to the defaults, {@code exportprefixes} the only ones announced when given).
 */
public record V1Bgp(Local local, Remote remote, Integer maxprefixes, Boolean bfd, String password, Boolean haspassword,
                    List<String> importprefixes, List<String> exportprefixes) {

    /** The MEP's block alone. */
    public V1Bgp(Local local, Remote remote) {
        this(local, remote, null, null, null, null, null, null);
    }

    /** Our side: AS, address on the port, and the port as {@code Ethernet0@exit01}. */
    public record Local(Long as, String cidr, String port) {}

    /** The neighbour. */
    public record Remote(Long as, String cidr) {}
}
