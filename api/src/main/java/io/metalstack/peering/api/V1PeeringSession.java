package io.metalstack.peering.api;

/** An external peering's BGP session as the exit switch's agent last reported it ({@code state} as FRR names it). */
public record V1PeeringSession(String switchid, String state, Long prefixesreceived) {}
