package io.metalstack.peering.model;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class AttachmentsTest {
    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    private static Machine machine(String id, String... portAtSwitch) {
        List<MachineConnection> connections = Arrays.stream(portAtSwitch).map(c -> c.split("@"))
                .map(c -> new MachineConnection(new SwitchId(c[1]), new PortName(c[0]))).toList();
        return new Machine(new MachineId(id), id, new PartitionId("p1"), MachineRole.MACHINE, connections, Optional.empty(), T, T);
    }

    @Test
    void aMachineIsOnEverySwitchOneOfItsConnectionsEndsAt() {
        Machine m1 = machine("m1", "Ethernet1@leaf01", "Ethernet1@leaf02");
        Machine m2 = machine("m2", "Ethernet2@leaf01");
        Attachments cables = Attachments.of(List.of(m1, m2));

        assertThat(cables.on(new SwitchId("leaf01"))).containsExactly(
                new Attachments.Attachment(new PortName("Ethernet1"), m1), new Attachments.Attachment(new PortName("Ethernet2"), m2));
        assertThat(cables.machinesOn(new SwitchId("leaf02"))).containsExactly(m1);
        assertThat(cables.machinesOn(new SwitchId("exit01"))).isEmpty();
    }

    @Test
    void aMachineWithTwoCablesToOneSwitchIsOnItOnce() {
        Machine m1 = machine("m1", "Ethernet1@leaf01", "Ethernet2@leaf01");

        assertThat(Attachments.of(List.of(m1)).machinesOn(new SwitchId("leaf01"))).containsExactly(m1);
        assertThat(Attachments.of(List.of(m1)).on(new SwitchId("leaf01"))).hasSize(2);
    }
}
