package io.metalstack.peering.frr;

import io.metalstack.peering.model.SwitchOs;
import io.metalstack.peering.model.Vni;

import java.util.EnumSet;

/** What differs between the two switch operating systems' FRR configs. */
enum Dialect {
    SONIC, CUMULUS;

    static Dialect of(SwitchOs os) {
        return switch (os) {
            case SONIC -> SONIC;
            case CUMULUS -> CUMULUS;
        };
    }

    private SwitchOs os() {
        return switch (this) {
            case SONIC -> SwitchOs.SONIC;
            case CUMULUS -> SwitchOs.CUMULUS;
        };
    }

    FrrName vrfName(Vni vni) {
        return FrrName.of(os().vrfName(vni));
    }

    /**
     * The lines before the VRFs, as metal-core's template of this OS has them. SONiC runs its FRR daemons with the
     * SNMP module ({@code agentx}), logs to facility local4 and debugs zebra too; Cumulus has the integrated config
     * and lets user cumulus into vtysh without a password.
     */
    FrrConfig.Globals globals(SyslogLevel level) {
        EnumSet<FrrConfig.Debug> bgpDebugs = EnumSet.of(FrrConfig.Debug.BGP_NHT, FrrConfig.Debug.BGP_UPDATE_GROUPS,
                FrrConfig.Debug.BGP_UPDATES_IN, FrrConfig.Debug.BGP_UPDATES_OUT, FrrConfig.Debug.BGP_ZEBRA);
        return switch (this) {
            case SONIC -> new FrrConfig.Globals(level, true, true, false, EnumSet.allOf(FrrConfig.Debug.class), true, false);
            case CUMULUS -> new FrrConfig.Globals(level, false, false, true, bgpDebugs, false, true);
        };
    }

    /** Whether {@link SwitchLocal#setSrcLoopback()} is rendered: metal-core's SONiC template has it, its Cumulus one not. */
    boolean setsSourceAddress() {
        return switch (this) {
            case SONIC -> true;
            case CUMULUS -> false;
        };
    }

    /** The route-map that keeps the management interface out of BGP (SONiC) or lets only loopbacks in (Cumulus). */
    FrrName redistributeConnectedMap() {
        return FrrName.of(switch (this) {
            case SONIC -> "DENY_MGMT";
            case CUMULUS -> "LOOPBACKS";
        });
    }
}
