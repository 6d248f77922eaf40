package io.metalstack.peering.model.rules;

import io.metalstack.peering.model.Network;
import io.metalstack.peering.model.NetworkType;
import io.metalstack.peering.model.ProjectId;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The project boundary of an import between two VRFs: it is justified by one of the {@link ImportReason}s or not at
 * all. Admission ({@link PeeringRules}) refuses a peering without a reason; the planner derives the reason from the
 * networks; the agent re-checks the reason an intent claims against the facts the intent carries. All three ask this
 * class, so they cannot disagree. (That the imported prefixes are the peer's
 * own, never what it imported itself, is the other half of the agent's re-check.)
 */
public final class ImportJustification {

    private ImportJustification() {}

    /**
     * What the rule reads of a network. {@code peerable}: an external network an admin marked peerable; an intent
     * carries only those, so the agent reads it from the type.
     */
    public record Facts(Optional<ProjectId> project, NetworkType type, boolean peerable) {
        public Facts {
            requireNonNull(project, "project is null");
            requireNonNull(type, "type is null");
        }

        public static Facts of(Network n) {
            return new Facts(n.project(), n.type(), n.peerable());
        }

        private boolean shared() {
            return type == NetworkType.CHILD_SHARED;
        }
    }

    /**
     * The reason {@code a} and {@code b} may import from each other: two private networks of one project; one of
     * them a peerable external network; two private networks of which one is shared. Empty: the import would cross
     * a project boundary without a reason.
     */
    public static Optional<ImportReason> reason(Facts a, Facts b) {
        for (ImportReason r : ImportReason.values()) {
            if (mismatch(r, a, b).isEmpty()) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    /** Why {@code claimed} does not justify an import between {@code a} and {@code b}; empty when it does. */
    public static Optional<String> mismatch(ImportReason claimed, Facts a, Facts b) {
        boolean bothPrivate = a.type().isPrivate() && b.type().isPrivate();
        return Optional.ofNullable(switch (claimed) {
            case SAME_PROJECT -> a.project().isEmpty() || !a.project().equals(b.project()) ? "the networks belong to different projects"
                    : !bothPrivate ? "same-project imports are between private networks only" : null;
            case SHARED -> !bothPrivate ? "shared imports are between private networks only"
                    : !a.shared() && !b.shared() ? "neither network is shared" : null;
            case EXTERNAL -> !a.peerable() && !b.peerable() ? "neither network is external" : null;
        });
    }
}
