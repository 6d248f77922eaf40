package io.metalstack.peering.server;

import io.metalstack.peering.api.V1Bgp;
import io.metalstack.peering.api.V1Peering;

import java.time.Instant;
import java.util.Map;

/**
 * A {@link V1Peering} to send, set by field name: of the record's fourteen positional fields a request sets a few, the
 * server the rest (project, partition, origin, status, created).
 */
final class PeeringRequest {
    private String id;
    private String name;
    private String description;
    private String network1;
    private String network2;
    private String peeringtype;
    private V1Bgp bgp;
    private Map<String, String> labels;
    private Instant changed;

    private PeeringRequest() {}

    /** A local peering of two networks. */
    static PeeringRequest local(String network1, String network2) {
        PeeringRequest r = new PeeringRequest();
        r.network1 = network1;
        r.network2 = network2;
        r.peeringtype = "local";
        return r;
    }

    /** An external peering whose session {@code bgp} sits in network1's VRF; network2 null is the one-network form. */
    static PeeringRequest external(String network1, String network2, V1Bgp bgp) {
        PeeringRequest r = local(network1, network2);
        r.peeringtype = "external";
        r.bgp = bgp;
        return r;
    }

    /** An update of {@code current}: its id and changed, nothing else. */
    static PeeringRequest update(V1Peering current) {
        PeeringRequest r = new PeeringRequest();
        r.id = current.id();
        r.changed = current.changed();
        return r;
    }

    PeeringRequest id(String value) {
        id = value;
        return this;
    }

    PeeringRequest name(String value) {
        name = value;
        return this;
    }

    PeeringRequest description(String value) {
        description = value;
        return this;
    }

    PeeringRequest network2(String value) {
        network2 = value;
        return this;
    }

    PeeringRequest bgp(V1Bgp value) {
        bgp = value;
        return this;
    }

    PeeringRequest labels(Map<String, String> value) {
        labels = value;
        return this;
    }

    V1Peering build() {
        return new V1Peering(id, name, description, null, null, network1, network2, peeringtype, bgp, labels, null, null, null, changed);
    }
}
