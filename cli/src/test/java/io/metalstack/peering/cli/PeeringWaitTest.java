package io.metalstack.peering.cli;

import io.metalstack.peering.api.V1Condition;
import io.metalstack.peering.api.V1Peering;
import io.metalstack.peering.api.V1PeeringStatus;
import io.metalstack.peering.api.V1PeeringSwitchStatus;
import io.metalstack.peering.api.V1Switch;
import io.metalstack.peering.api.V1SwitchSync;
import io.metalstack.peering.api.fixture.PeeringRequest;
import io.metalstack.peering.api.fixture.SwitchRequest;
import io.metalstack.peering.cli.Waiter.Progress;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PeeringWaitTest {
    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    private static V1Peering peering(V1PeeringStatus status) {
        return PeeringRequest.stored("p-1", "tenant-a", "fra", "a", "b").name("a-to-b").status(status).at(T).build();
    }

    private static V1PeeringSwitchStatus sw(String id, String phase, String error, List<String> missing, List<String> unexpected) {
        return new V1PeeringSwitchStatus(id, phase, 7L, error, missing, unexpected, T);
    }

    private static V1PeeringStatus status(String phase, List<V1PeeringSwitchStatus> switches, List<V1Condition> conditions) {
        return new V1PeeringStatus(phase, List.of("IPv4"), Map.of(), "msg", 7L, switches, conditions);
    }

    @Test
    void pendingCountsTheSwitchesThatAreActive() {
        assertThat(PeeringWait.created(peering(status("pending", List.of(sw("leaf01", "active", null, List.of(), List.of()),
                sw("leaf02", "pending", null, List.of(), List.of())), List.of()))))
                .isEqualTo(new Progress.Waiting("waiting for peering a-to-b: 1/2 switches synced"));
        assertThat(PeeringWait.created(peering(null))).isEqualTo(new Progress.Waiting("waiting for peering a-to-b: no status yet"));
        assertThat(PeeringWait.created(peering(status("pending", List.of(), List.of()))))
                .isEqualTo(new Progress.Waiting("waiting for peering a-to-b: pending (msg)"));
    }

    @Test
    void activeIsDone() {
        assertThat(PeeringWait.created(peering(status("active", List.of(sw("leaf01", "active", null, List.of(), List.of())), List.of()))))
                .isEqualTo(new Progress.Done());
    }

    @Test
    void failedAndDegradedSayWhichSwitchAndWhy() {
        assertThat(PeeringWait.created(peering(status("failed", List.of(sw("leaf02", "failed", "vtysh: line 3: unknown command", List.of(), List.of()),
                sw("leaf01", "active", null, List.of(), List.of())), List.of()))))
                .isEqualTo(new Progress.Failed("peering a-to-b (p-1) is failed: switch leaf02 failed (error: vtysh: line 3: unknown command)"));
        assertThat(PeeringWait.created(peering(status("degraded", List.of(sw("leaf01", "degraded", null, List.of("10.0.0.0/22"),
                List.of("192.0.2.0/24"))), List.of(new V1Condition("leak", "Vrf42 has 192.0.2.0/24"))))))
                .isEqualTo(new Progress.Failed("peering a-to-b (p-1) is degraded: switch leaf01 degraded (missing 10.0.0.0/22; "
                        + "unexpected 192.0.2.0/24); condition leak: Vrf42 has 192.0.2.0/24"));
    }

    private static V1Switch switchAt(String id, Long intent, V1SwitchSync sync) {
        return SwitchRequest.of(id, "fra", "leaf", "SONiC").place("r1", "z1").bgp(4200000011L, "10.0.0.1").created(T).changed(T)
                .revision(intent).lastsync(sync).conditions(List.of()).build();
    }

    @Test
    void deleteWaitsForEveryCarrierToApplyItsTargetRevision() {
        Map<String, Long> targets = Map.of("leaf01", 10L, "leaf02", 11L);
        assertThat(PeeringWait.deleted(targets, List.of(switchAt("leaf01", 10L, new V1SwitchSync(T, 5L, 10L, null)),
                switchAt("leaf02", 11L, new V1SwitchSync(T, 5L, 9L, null))), "peering a-to-b"))
                .isEqualTo(new Progress.Waiting("waiting for the delete of peering a-to-b: 1/2 switches synced"));
        assertThat(PeeringWait.deleted(targets, List.of(switchAt("leaf01", 12L, new V1SwitchSync(T, 5L, 12L, null)),
                switchAt("leaf02", 11L, new V1SwitchSync(T, 5L, 11L, ""))), "peering a-to-b"))
                .isEqualTo(new Progress.Done());
        // a switch that was removed meanwhile carries nothing any more; no sync yet is not synced
        assertThat(PeeringWait.deleted(targets, List.of(switchAt("leaf02", 11L, null)), "peering a-to-b"))
                .isEqualTo(new Progress.Waiting("waiting for the delete of peering a-to-b: 1/2 switches synced"));
        assertThat(PeeringWait.deleted(Map.of(), List.of(), "peering a-to-b")).isEqualTo(new Progress.Done());
    }

    @Test
    void deleteFailsWhenACarrierFailedToApply() {
        assertThat(PeeringWait.deleted(Map.of("leaf01", 10L), List.of(switchAt("leaf01", 10L, new V1SwitchSync(T, 5L, 10L, "frr-reload failed"))),
                "peering a-to-b"))
                .isEqualTo(new Progress.Failed("switch leaf01 failed to apply revision 10 (the delete of peering a-to-b): frr-reload failed"));
    }

    @Test
    void carriersAreTheSwitchesTheStatusLists() {
        assertThat(PeeringWait.carriers(List.of(peering(status("active", List.of(sw("leaf02", "active", null, null, null),
                sw("leaf01", "active", null, null, null)), null)), peering(null)))).containsExactly("leaf01", "leaf02");
        assertThat(PeeringWait.names(List.of(peering(null)))).isEqualTo("peering a-to-b");
    }
}
