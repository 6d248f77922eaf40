package io.metalstack.peering.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A tenant's project. Label {@code auto-peer: "true"} turns on auto-peering: the server keeps a peering (origin
 * {@code auto}) between every two private networks of the project in one partition. {@code conditions} (read-only)
 * name the pairs it cannot peer and why (type {@code AutoPeering}).
 */
public record V1Project(String id, String name, String tenant, String description, Map<String, String> labels,
                        Instant created, Instant changed, List<V1Condition> conditions) {

    public V1Project(String id, String name, String tenant, String description, Map<String, String> labels,
                     Instant created, Instant changed) {
        this(id, name, tenant, description, labels, created, changed, null);
    }
}
