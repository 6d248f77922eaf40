package io.metalstack.peering.model;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PeeringApprovalTest {

    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");
    private static final Optional<ProjectId> P1 = Optional.of(ProjectId.parse("p1")), P2 = Optional.of(ProjectId.parse("p2"));

    private static Network net(String id, NetworkType type, Optional<ProjectId> project, Map<String, String> labels) {
        return new Network(NetworkId.parse(id), id, "", Optional.of(PartitionId.parse("fra")), project, Optional.empty(), type,
                List.of(IpPrefix.parse("10.0.0.0/24")), List.of(), Optional.of(Vni.of(10)), Map.of(), false, Labels.of(labels), T, T);
    }

    private static final Map<String, String> REQUIRED = Map.of(PeeringApproval.LABEL, PeeringApproval.REQUIRED);
    private static final Network MINE = net("mine", NetworkType.CHILD, P1, Map.of());
    private static final Network LABELLED = net("storage", NetworkType.CHILD_SHARED, P2, REQUIRED);

    @Test
    void onlyALabelledSharedNetworkOfAnotherProjectAwaitsApproval() {
        assertThat(PeeringApproval.onCreate(P1, MINE, Optional.of(LABELLED))).isEqualTo(Approval.AWAITING);
        assertThat(PeeringApproval.onCreate(P1, LABELLED, Optional.of(MINE))).isEqualTo(Approval.AWAITING);
        // the owner's own project, an unlabelled shared network, another value, a private network with the label: none
        assertThat(PeeringApproval.onCreate(P2, net("own", NetworkType.CHILD, P2, Map.of()), Optional.of(LABELLED))).isEqualTo(Approval.NONE);
        assertThat(PeeringApproval.onCreate(P1, MINE, Optional.of(net("s", NetworkType.CHILD_SHARED, P2, Map.of())))).isEqualTo(Approval.NONE);
        assertThat(PeeringApproval.onCreate(P1, MINE, Optional.of(net("s", NetworkType.CHILD_SHARED, P2,
                Map.of(PeeringApproval.LABEL, "optional"))))).isEqualTo(Approval.NONE);
        assertThat(PeeringApproval.onCreate(P1, MINE, Optional.of(net("p", NetworkType.CHILD, P2, REQUIRED)))).isEqualTo(Approval.NONE);
        assertThat(PeeringApproval.onCreate(P1, MINE, Optional.empty())).isEqualTo(Approval.NONE);
    }

    @Test
    void anAwaitedApprovalExpiresItsTimeAfterTheRequestAndNothingElseDoes() {
        PeeringApproval approval = new PeeringApproval(Duration.ofDays(7));
        Peering p = new Peering(PeeringId.parse("x"), "", "", P1, Optional.empty(), MINE.id(), LABELLED.id(), PeeringType.LOCAL,
                Optional.empty(), PeeringOrigin.MANUAL, Labels.EMPTY, T, T).withApproval(Approval.AWAITING);
        Instant due = T.plus(Duration.ofDays(7));
        assertThat(approval.at(p, due.minusNanos(1000)).approval()).isEqualTo(Approval.AWAITING);
        assertThat(approval.at(p, due).approval()).isEqualTo(Approval.EXPIRED);
        assertThat(approval.at(p, due).planned()).isFalse();
        assertThat(approval.at(p.withApproval(Approval.APPROVED), due.plusSeconds(1)).approval()).isEqualTo(Approval.APPROVED);
        assertThat(approval.at(p.withApproval(Approval.REJECTED), due.plusSeconds(1)).approval()).isEqualTo(Approval.REJECTED);
        assertThat(approval.at(p.withApproval(Approval.NONE), due.plusSeconds(1)).planned()).isTrue();
        assertThatThrownBy(() -> new PeeringApproval(Duration.ZERO)).isInstanceOf(DomainException.Invalid.class).hasMessageContaining("0s");
    }
}
