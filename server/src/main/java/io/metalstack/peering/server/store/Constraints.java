package io.metalstack.peering.server.store;

import io.metalstack.peering.model.DomainException;

/** Turns a unique-constraint violation that slipped past the checks into a 409 that says what collided. */
public final class Constraints {

    private Constraints() {}

    static DomainException.Conflict conflict(String violation, Throwable cause) {
        String what;
        if (violation.contains("PEERINGS_PAIR_UNIQUE")) {
            what = "these two networks are already peered: one peering per pair of networks";
        } else if (violation.contains("PEERINGS_BGP_PORT_UNIQUE")) {
            what = "bgp.local.port: another external peering already uses this port: one session per port, use a free port";
        } else if (violation.contains("NETWORKS_VRF_UNIQUE")) {
            what = "the vrf is already used by another network: choose another vrf";
        } else if (violation.contains("TOKENS_HASH_UNIQUE")) {
            what = "this token secret is already issued";
        } else {
            what = "the object already exists: choose another id";
        }
        DomainException.Conflict c = new DomainException.Conflict(what);
        c.initCause(cause);
        return c;
    }
}
