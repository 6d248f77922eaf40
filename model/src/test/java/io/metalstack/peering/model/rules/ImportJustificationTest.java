package io.metalstack.peering.model.rules;

import io.metalstack.peering.model.NetworkType;
import io.metalstack.peering.model.ProjectId;
import io.metalstack.peering.model.rules.ImportJustification.Facts;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ImportJustificationTest {

    private static final Optional<ProjectId> P1 = Optional.of(ProjectId.parse("p1"));
    private static final Optional<ProjectId> P2 = Optional.of(ProjectId.parse("p2"));
    private static final Facts CHILD_P1 = new Facts(P1, NetworkType.CHILD, false);
    private static final Facts OTHER_CHILD_P1 = new Facts(P1, NetworkType.CHILD, false);
    private static final Facts CHILD_P2 = new Facts(P2, NetworkType.CHILD, false);
    private static final Facts SHARED_P2 = new Facts(P2, NetworkType.CHILD_SHARED, false);
    private static final Facts INTERNET = new Facts(Optional.empty(), NetworkType.EXTERNAL, true);
    private static final Facts UNMARKED_EXTERNAL = new Facts(Optional.empty(), NetworkType.EXTERNAL, false);

    @Test
    void everyAllowedPairHasExactlyTheReasonThePlannerGivesIt() {
        assertThat(ImportJustification.reason(CHILD_P1, OTHER_CHILD_P1)).contains(ImportReason.SAME_PROJECT);
        assertThat(ImportJustification.reason(CHILD_P1, SHARED_P2)).contains(ImportReason.SHARED);
        assertThat(ImportJustification.reason(SHARED_P2, CHILD_P1)).contains(ImportReason.SHARED);
        assertThat(ImportJustification.reason(CHILD_P1, INTERNET)).contains(ImportReason.EXTERNAL);
        assertThat(ImportJustification.reason(INTERNET, SHARED_P2)).contains(ImportReason.EXTERNAL);
    }

    @Test
    void nothingElseCrossesAProjectBoundary() {
        assertThat(ImportJustification.reason(CHILD_P1, CHILD_P2)).isEmpty();
        assertThat(ImportJustification.reason(CHILD_P1, UNMARKED_EXTERNAL)).isEmpty();
        Facts noProject = new Facts(Optional.empty(), NetworkType.CHILD, false);
        assertThat(ImportJustification.reason(noProject, noProject)).isEmpty();
    }

    @Test
    void aClaimedReasonThatTheFactsDoNotBearIsNamed() {
        assertThat(ImportJustification.mismatch(ImportReason.SAME_PROJECT, CHILD_P1, CHILD_P2)).contains("the networks belong to different projects");
        assertThat(ImportJustification.mismatch(ImportReason.SAME_PROJECT, new Facts(P1, NetworkType.EXTERNAL, true), CHILD_P1))
                .contains("same-project imports are between private networks only");
        assertThat(ImportJustification.mismatch(ImportReason.SHARED, CHILD_P1, CHILD_P2)).contains("neither network is shared");
        assertThat(ImportJustification.mismatch(ImportReason.SHARED, CHILD_P1, INTERNET)).contains("shared imports are between private networks only");
        assertThat(ImportJustification.mismatch(ImportReason.EXTERNAL, CHILD_P1, SHARED_P2)).contains("neither network is external");
        assertThat(ImportJustification.mismatch(ImportReason.EXTERNAL, CHILD_P1, INTERNET)).isEmpty();
    }
}
