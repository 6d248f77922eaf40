package io.metalstack.peering.api;

import java.util.List;
import java.util.Map;

/**
 * {@code POST /v1/network/allocate}: a child of the partition's super network. {@code addressfamilies} defaults to
 * the super network's families; {@code length} overrides its default child prefix length per family.
 */
public record V1NetworkAllocateRequest(String name, String description, String partitionid, String projectid,
                                       Boolean shared, List<String> addressfamilies, Map<String, Integer> length,
                                       Map<String, String> labels) {}
