package io.metalstack.peering.agent;

import io.metalstack.peering.frr.RenderedConfig;

/**
 * The switch OS side of a rendered config (SONiC CONFIG_DB, Cumulus /etc/network/interfaces), applied before FRR.
 */
interface OsApplier {
    /**
     * Makes the OS side of {@code config} the running state. On failure it has put back what it changed (or
     * changed nothing) and throws {@link ApplyTarget.ApplyException} saying what failed.
     */
    void apply(RenderedConfig config) throws ApplyTarget.ApplyException;

    /** Puts back the OS side of the last config that applied successfully (after FRR failed to apply a newer one). */
    void revert() throws ApplyTarget.ApplyException;

    /**
     * The next {@link #apply} makes the running state what the config says even where the config equals the one applied
     * last (the agent's first apply, the drift check). Nothing to do for an applier that compares with the running state
     * on every apply anyway ({@link ConfigDbApplier} reads CONFIG_DB each time).
     */
    default void reapplyNext() {
    }
}
