package io.metalstack.peering.agent;

import io.metalstack.peering.frr.FrrRenderer;
import io.metalstack.peering.frr.RenderedConfig;

import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/**
 * The OS side of the switch the agent runs on, chosen by what the intent's OS renders: SONiC's {@code config_db.json}
 * goes to CONFIG_DB ({@link ConfigDbApplier}), Cumulus' {@code interfaces} to ifupdown2 ({@link InterfacesApplier}).
 * Each applier is made on first use, so that a Cumulus switch never connects to redis and a SONiC one never runs
 * ifupdown2.
 */
final class OsSide implements OsApplier {
    private final Supplier<OsApplier> sonic;
    private final Supplier<OsApplier> cumulus;
    private OsApplier configDb;
    private OsApplier interfaces;
    /** The applier of the last successful apply: the one to revert. */
    private OsApplier last;
    /** {@link #reapplyNext} was called: tell the applier of the next apply. */
    private boolean reapply;

    OsSide(Supplier<OsApplier> sonic, Supplier<OsApplier> cumulus) {
        this.sonic = requireNonNull(sonic, "sonic is null");
        this.cumulus = requireNonNull(cumulus, "cumulus is null");
    }

    @Override
    public synchronized void apply(RenderedConfig config) throws ApplyTarget.ApplyException {
        OsApplier applier = applierFor(config);
        if (reapply) {
            applier.reapplyNext();
            reapply = false;
        }
        applier.apply(config);
        last = applier;
    }

    @Override
    public synchronized void reapplyNext() {
        reapply = true;
    }

    @Override
    public synchronized void revert() throws ApplyTarget.ApplyException {
        if (last != null) {
            last.revert();
        }
    }

    private OsApplier applierFor(RenderedConfig config) throws ApplyTarget.ApplyException {
        if (config.files().containsKey(FrrRenderer.CONFIG_DB)) {
            if (configDb == null) {
                configDb = sonic.get();
            }
            return configDb;
        }
        if (config.files().containsKey(FrrRenderer.INTERFACES)) {
            if (interfaces == null) {
                interfaces = cumulus.get();
            }
            return interfaces;
        }
        throw new ApplyTarget.ApplyException("the rendered config has no OS side (" + FrrRenderer.CONFIG_DB + " or "
                + FrrRenderer.INTERFACES + "): " + config.files().keySet());
    }

    @Override
    public String toString() {
        return "the switch OS (CONFIG_DB on SONiC, ifupdown2 on Cumulus)";
    }
}
