package io.metalstack.peering.api;

/**
 * {@code POST /v1/network/peering/find}: {@code networkid} matches either side; {@code awaitingapproval} true: only the
 * peerings awaiting the approval of the caller's project (an admin: all awaiting approval).
 */
public record V1PeeringFindRequest(String projectid, String networkid, String partitionid, String peeringtype, Boolean awaitingapproval) {

    public V1PeeringFindRequest(String projectid, String networkid, String partitionid, String peeringtype) {
        this(projectid, networkid, partitionid, peeringtype, null);
    }
}
