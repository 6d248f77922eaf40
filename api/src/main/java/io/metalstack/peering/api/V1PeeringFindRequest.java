package io.metalstack.peering.api;

/** {@code POST /v1/network/peering/find}: {@code networkid} matches either side. */
public record V1PeeringFindRequest(String projectid, String networkid, String partitionid, String peeringtype) {}
