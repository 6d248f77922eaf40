package io.metalstack.peering.server.service;

import io.metalstack.peering.model.Approval;
import io.metalstack.peering.model.DomainException;
import io.metalstack.peering.model.Network;
import io.metalstack.peering.model.Peering;
import io.metalstack.peering.model.PeeringApproval;
import io.metalstack.peering.model.PeeringNetworks;
import io.metalstack.peering.model.ProjectId;
import io.metalstack.peering.model.status.Phase;
import io.metalstack.peering.server.auth.Principal;

import java.util.Optional;

/**
 * An owner's decision on a peering into its shared network ({@link PeeringApproval}): who may take it (an owner or
 * editor of the shared network's project, or an admin; never the requesting project alone) and from which state
 * (awaiting approval, not expired).
 */
public enum ApprovalDecision {
    APPROVE("approving", "approved", Approval.APPROVED),
    REJECT("rejecting", "rejected", Approval.REJECTED);

    private final String doing;
    private final String done;
    private final Approval result;

    ApprovalDecision(String doing, String done, Approval result) {
        this.doing = doing;
        this.done = done;
        this.result = result;
    }

    /** The approval the peering has after the decision. */
    Approval result() {
        return result;
    }

    /**
     * 403 unless {@code who} may decide on {@code p}; 409 naming the phase unless {@code p} (as it stands now: an expired
     * one reads as expired) awaits approval.
     */
    void check(Principal who, Peering p, Optional<PeeringNetworks> networks) {
        String subject = "peering " + p.id();
        if (p.approval() == Approval.NONE) {
            throw new DomainException.Conflict(String.format("%s needs no approval: it peers into no shared network of another project"
                    + " labelled %s=%s when it was created", subject, PeeringApproval.LABEL, PeeringApproval.REQUIRED));
        }
        Optional<Network> shared = networks.flatMap(n -> PeeringApproval.sharedNetwork(p, n));
        Optional<ProjectId> owner = shared.flatMap(Network::project);
        String whose = shared.map(n -> "project " + owner.map(Object::toString).orElse("(none)") + ", owner of shared " + n.describe())
                .orElse("the owner of its shared network");
        if (!who.admin() && who.member(p.project()) && !who.member(owner)) {
            throw new DomainException.Forbidden(String.format("%s %s: project %s requested it and may not decide on its own request;"
                    + " an owner or editor of %s (or an admin) does", doing, subject, p.project().map(Object::toString).orElse("(none)"), whose));
        }
        who.requireWrite(owner, doing + " " + subject + " (it awaits the approval of " + whose + ")");
        if (p.approval() != Approval.AWAITING) {
            String phase = Phase.withheld(p).map(Phase::label).orElse(p.approval().wire());
            throw new DomainException.Conflict(String.format("%s cannot be %s: it is %s, and only a peering in phase %s can be%s", subject,
                    done, phase, Phase.AWAITING_APPROVAL.label(), p.approval() == Approval.APPROVED ? "" : "; delete it and create it again to ask anew"));
        }
    }
}
