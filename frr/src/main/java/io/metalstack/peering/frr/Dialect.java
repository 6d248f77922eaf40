package io.metalstack.peering.frr;

import io.metalstack.peering.model.SwitchOs;
import io.metalstack.peering.model.Vni;

/** What differs between the two switch operating systems' FRR configs. */
enum Dialect {
    SONIC, CUMULUS;

    static Dialect of(SwitchOs os) {
        return switch (os) {
            case SONIC -> SONIC;
            case CUMULUS -> CUMULUS;
        };
    }

    FrrName vrfName(Vni vni) {
        return FrrName.of(switch (this) {
            case SONIC -> vni.sonicName();
            case CUMULUS -> vni.cumulusName();
        });
    }

    /** The route-map that keeps the management interface out of BGP (SONiC) or lets only loopbacks in (Cumulus). */
    FrrName redistributeConnectedMap() {
        return FrrName.of(switch (this) {
            case SONIC -> "DENY_MGMT";
            case CUMULUS -> "LOOPBACKS";
        });
    }
}
