package io.metalstack.peering.api;

/** An external BGP session as the agent sees it: {@code state} as FRR names it (Established, Active, ...). */
public record V1SessionState(String peeringid, String state, Long prefixesreceived) {}
