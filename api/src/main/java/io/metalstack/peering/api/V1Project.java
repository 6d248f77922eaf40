package io.metalstack.peering.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A tenant's project. Label {@code auto-peer: "true"} turns on auto-peering: the server keeps a peering (origin
 * {@code auto}) between every two private networks of the project in one partition. {@code conditions} (read-only)
 * name the pairs it cannot peer and why (type {@code AutoPeering}); {@code quotas} (read-only, on a single project's GET)
 * what the project uses of each quota ({@code networks}), and its limit (label {@code quota.metal-stack.io/networks},
 * set by an admin, or the server's default).
 */
public record V1Project(String id, String name, String tenant, String description, Map<String, String> labels,
                        Instant created, Instant changed, List<V1Condition> conditions, Map<String, V1Quota> quotas) {

    public V1Project(String id, String name, String tenant, String description, Map<String, String> labels,
                     Instant created, Instant changed, List<V1Condition> conditions) {
        this(id, name, tenant, description, labels, created, changed, conditions, null);
    }

    public V1Project(String id, String name, String tenant, String description, Map<String, String> labels,
                     Instant created, Instant changed) {
        this(id, name, tenant, description, labels, created, changed, null, null);
    }
}
