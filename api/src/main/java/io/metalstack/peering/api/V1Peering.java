package io.metalstack.peering.api;

import java.time.Instant;
import java.util.Map;

/**
 * A peering at {@code /v1/network/peering}. {@code network1}/{@code network2} are network ids; {@code peeringtype}
 * local or external; {@code origin} manual or auto, {@code status}, {@code projectid} and {@code partitionid}
 * are set by the server. {@code enabled}: false withdraws the peering from every switch and keeps it; absent on create
 * means true, absent on update keeps what is stored; always present in answers. {@code approval} (set by the server,
 * absent when none is needed): {@code awaiting}, {@code approved}, {@code rejected} or {@code expired}, the owner's
 * approval of a peering into a shared network labelled {@code network.metal-stack.io/peering-approval=required}.
 * {@code exchange}: what each side of a local peering lets the other reach ({@link V1PeeringExchange}); absent means all
 * prefixes of both sides, and on update keeps what is stored.
 */
public record V1Peering(String id, String name, String description, String projectid, String partitionid,
                        String network1, String network2, String peeringtype, V1Bgp bgp, Map<String, String> labels,
                        String origin, V1PeeringStatus status, Instant created, Instant changed, Boolean enabled,
                        String approval, V1PeeringExchange exchange) {

    /** A peering as a client sends it (the server sets {@code approval}), with an {@code exchange} block. */
    public V1Peering(String id, String name, String description, String projectid, String partitionid,
                     String network1, String network2, String peeringtype, V1Bgp bgp, Map<String, String> labels,
                     String origin, V1PeeringStatus status, Instant created, Instant changed, Boolean enabled, V1PeeringExchange exchange) {
        this(id, name, description, projectid, partitionid, network1, network2, peeringtype, bgp, labels, origin, status, created, changed, enabled,
                null, exchange);
    }

    /** A peering as a client sends it (the server sets {@code approval}) without {@code exchange}: all prefixes of both sides, or on update what is stored. */
    public V1Peering(String id, String name, String description, String projectid, String partitionid,
                     String network1, String network2, String peeringtype, V1Bgp bgp, Map<String, String> labels,
                     String origin, V1PeeringStatus status, Instant created, Instant changed, Boolean enabled) {
        this(id, name, description, projectid, partitionid, network1, network2, peeringtype, bgp, labels, origin, status, created, changed, enabled,
                null, null);
    }

    /** A peering without {@code enabled}: on create the server takes it as true, on update it keeps what is stored. */
    public V1Peering(String id, String name, String description, String projectid, String partitionid,
                     String network1, String network2, String peeringtype, V1Bgp bgp, Map<String, String> labels,
                     String origin, V1PeeringStatus status, Instant created, Instant changed) {
        this(id, name, description, projectid, partitionid, network1, network2, peeringtype, bgp, labels, origin, status, created, changed, null);
    }

    /** This peering with another {@code exchange} block, nothing else changed. */
    public V1Peering withExchange(V1PeeringExchange value) {
        return new V1Peering(id, name, description, projectid, partitionid, network1, network2, peeringtype, bgp, labels, origin, status,
                created, changed, enabled, approval, value);
    }
}
