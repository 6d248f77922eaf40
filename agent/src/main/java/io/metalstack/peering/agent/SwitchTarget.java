package io.metalstack.peering.agent;

import io.metalstack.peering.api.V1SessionState;
import io.metalstack.peering.frr.RenderedConfig;
import io.metalstack.peering.model.IpPrefix;
import io.metalstack.peering.model.plan.ExternalSession;

import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;

import static java.util.Objects.requireNonNull;

/**
 * The whole switch, as metal-core applies it: the OS side first (a peer VRF's VLAN, SVI and VXLAN map, an exit
 * port's address must exist before FRR refers to them), then FRR. A failure of either leaves the switch in its last
 * good state on both sides: an OS failure has changed nothing (the applier put back what it changed) and FRR is not
 * touched; an FRR failure has restored FRR's last good config, and the OS side is reverted to its last good state too.
 * The first apply after start and an apply when FRR's drift check is due apply the OS side even where it did not change
 * ({@link OsApplier#reapplyNext}), as they do FRR's (a full reload).
 */
final class SwitchTarget implements ApplyTarget {
    private final OsApplier os;
    private final ApplyTarget frr;
    /** An apply of both sides succeeded since start. */
    private boolean applied;

    SwitchTarget(OsApplier os, ApplyTarget frr) {
        this.os = requireNonNull(os, "os is null");
        this.frr = requireNonNull(frr, "frr is null");
    }

    @Override
    public synchronized void apply(RenderedConfig config) throws ApplyException {
        if (!applied || frr.driftCheckDue()) {
            os.reapplyNext();
        }
        try {
            os.apply(config);
        } catch (ApplyException e) {
            throw new ApplyException("the OS side failed, FRR untouched: " + e.getMessage(), e);
        }
        try {
            frr.apply(config);
        } catch (ApplyException frrFailure) {
            try {
                os.revert();
            } catch (ApplyException revertFailure) {
                throw new ApplyException(frrFailure.getMessage() + "; reverting the OS side failed too: " + revertFailure.getMessage(),
                        frrFailure);
            }
            throw new ApplyException(frrFailure.getMessage() + "; the OS side was reverted to its last good state", frrFailure);
        }
        applied = true;
    }

    @Override
    public Optional<SortedMap<String, SortedSet<IpPrefix>>> observe() {
        return frr.observe();
    }

    @Override
    public List<V1SessionState> sessions(List<ExternalSession> sessions) {
        return frr.sessions(sessions);
    }

    @Override
    public boolean driftCheckDue() {
        return frr.driftCheckDue();
    }

    @Override
    public String toString() {
        return os + ", then " + frr;
    }
}
