package io.metalstack.peering.api;

import java.util.List;

/** The valid prefixes of one VRF's BGP table, per address family, as {@code show bgp vrf X ipv4|ipv6 unicast json} lists them. */
public record V1ObservedPrefixes(List<String> ipv4, List<String> ipv6) {}
