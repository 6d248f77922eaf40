package io.metalstack.peering.vmlab;

import io.metalstack.peering.model.SwitchId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LabInputsTest {
    private static final SwitchId LEAF = new SwitchId("leaf01");
    private static final String INTERFACES = "auto swp1\niface swp1\n    mtu 9000\n";

    @Test
    void writesTopologyMachinesPingsAndPhases(@TempDir Path in) throws IOException {
        LabPhase one = LabPhase.of("one", Map.of(LEAF, "frr one\n"), Map.of(LEAF, INTERFACES), new TreeSet<>(List.of("leaf01 vrf1 10.0.0.1/32")));
        LabPhase two = LabPhase.of("two", Map.of(LEAF, "frr two\n"), Map.of(LEAF, INTERFACES), new TreeSet<>());
        List<PeeringScenario.Host> hosts = PeeringScenario.HOSTS.stream().filter(h -> h.leaf().equals(PeeringScenario.LEAF1)).toList();
        LabInputs.write(in, hosts, List.of(one, two));

        assertThat(Files.readAllLines(in.resolve("phases"))).containsExactly("one", "two");
        assertThat(Files.readString(in.resolve("phase/two/leaf01.frr.conf"))).isEqualTo("frr two\n");
        assertThat(Files.readAllLines(in.resolve("phase/one/expected"))).containsExactly("leaf01 vrf1 10.0.0.1/32");
        assertThat(Files.readAllLines(in.resolve("topology.batch")))
                .contains("netns add leaf01", "netns add a1", "link add swp1 netns leaf01 type veth peer name eth0 netns a1");
        assertThat(Files.readString(in.resolve("ns/leaf01.interfaces"))).isEqualTo(INTERFACES);
        assertThat(Files.readAllLines(in.resolve("ns/leaf01.ip")))
                .contains("addr add 10.1.1.1/32 peer 10.1.1.11/32 dev swp1").allMatch(l -> l.startsWith("addr add "));
        assertThat(Files.readAllLines(in.resolve("ns/a1.ip")))
                .containsExactly("link set lo up", "addr add 10.1.1.11/32 peer 10.1.1.1/32 dev eth0", "link set eth0 up",
                        "route add default via 10.1.1.1 dev eth0");
        assertThat(Files.readAllLines(in.resolve("pings"))).hasSize(hosts.size() * (hosts.size() - 1)).contains("a1 b1 10.1.2.11");
    }

    @Test
    void refusesPhasesThatChangeTheInterfacesBecauseTheyAreAppliedOnce(@TempDir Path in) {
        LabPhase one = LabPhase.of("one", Map.of(LEAF, "x"), Map.of(LEAF, INTERFACES), new TreeSet<>());
        LabPhase two = LabPhase.of("two", Map.of(LEAF, "x"), Map.of(LEAF, INTERFACES + "\nauto swp2\niface swp2\n"), new TreeSet<>());
        assertThatThrownBy(() -> LabInputs.write(in, List.of(), List.of(one, two)))
                .hasMessageContaining("phase two renders other interfaces files than phase one");
    }

    @Test
    void theScenarioOracleKeepsAAndCApartAndTheRogueAddressInsideB() {
        var a1 = host("a1");
        var c2 = host("c2");
        var b2 = host("b2");
        var r1 = host("r1");
        assertThat(PeeringScenario.reachable(a1, c2, PeeringScenario.PEERED)).isFalse();
        assertThat(PeeringScenario.reachable(a1, b2, PeeringScenario.PEERED)).isTrue();
        assertThat(PeeringScenario.reachable(a1, r1, PeeringScenario.PEERED)).isFalse();
        assertThat(PeeringScenario.reachable(b2, r1, PeeringScenario.PEERED)).isTrue();
        assertThat(PeeringScenario.expectedRoutes(PeeringScenario.PEERED))
                .contains("leaf02 vrf101 10.1.2.11/32", "leaf01 vrf102 10.99.0.11/32")
                .doesNotContain("leaf01 vrf101 10.1.3.11/32", "leaf01 vrf101 10.99.0.11/32");
    }

    private static PeeringScenario.Host host(String ns) {
        return PeeringScenario.HOSTS.stream().filter(h -> h.ns().equals(ns)).findFirst().orElseThrow();
    }
}
