package io.metalstack.peering.agent;

import io.metalstack.peering.api.V1SessionState;
import io.metalstack.peering.frr.RenderedConfig;
import io.metalstack.peering.model.IpPrefix;
import io.metalstack.peering.model.plan.ExternalSession;

import java.util.List;
import java.util.Optional;

import java.util.SortedMap;
import java.util.SortedSet;

/**
 * Where the agent puts a rendered config: into running FRR daemons ({@link FrrTarget}) or into a directory
 * ({@link DirectoryTarget}, for the demo and machines without FRR).
 */
interface ApplyTarget {

    /**
     * Makes {@code config} the running config. On failure the target has restored the last config it applied
     * successfully (or left the previous state untouched) and throws {@link ApplyException} saying what failed.
     */
    void apply(RenderedConfig config) throws ApplyException;

    /**
     * The valid unicast prefixes per VRF name as the switch sees them now; empty (no observation, not "no routes")
     * where the target has no FRR to ask.
     */
    Optional<SortedMap<String, SortedSet<IpPrefix>>> observe();

    /** The state of the given external BGP sessions; empty where the target has no FRR. */
    List<V1SessionState> sessions(List<ExternalSession> sessions);

    /**
     * True when the target wants the config it applied last applied again, although nothing changed: a periodic full
     * reload that repairs changes made by hand ({@link FrrTarget}: {@code --drift-check}). False by default.
     */
    default boolean driftCheckDue() {
        return false;
    }

    /** A failed apply: validation, reload or verification. The message is reported to metal-api as the sync error. */
    final class ApplyException extends Exception {
        ApplyException(String message) {
            super(message);
        }

        ApplyException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
