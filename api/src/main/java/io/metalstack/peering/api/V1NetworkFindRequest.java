package io.metalstack.peering.api;

import java.util.Map;

/** {@code POST /v1/network/find}: every given field must match; labels must all be present with these values. */
public record V1NetworkFindRequest(String id, String name, String projectid, String partitionid, String networktype,
                                   Integer vrf, Map<String, String> labels) {}
