package io.metalstack.peering.agent;

import io.metalstack.peering.api.IntentCodec;
import io.metalstack.peering.api.V1SwitchIntent;
import io.metalstack.peering.frr.FrrRenderer;
import io.metalstack.peering.frr.RenderedConfig;
import io.metalstack.peering.frr.lab.StrictLoad;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.metalstack.peering.agent.Intents.A;
import static io.metalstack.peering.agent.Intents.B;
import static io.metalstack.peering.agent.Intents.SHARED;
import static io.metalstack.peering.agent.Intents.leaf;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The agent never cuts the switch's management plane (real FRR, netns VRF backend). The leaf starts with a running
 * config like the one metal-core leaves on a switch: the management default route and two additional management
 * routes through the {@code mgmt} VRF. The agent — configured without any management facts, so its rendered file has
 * none of those lines and a plain reload would delete them — applies an intent with two peerings (A–B, A–S), then one
 * without A–B. After every {@code vtysh -f} load of both applies the three routes must still be in the running config.
 */
class ManagementRouteIT {
    private static final List<String> MANAGEMENT_ROUTES = List.of(
            "ip route 0.0.0.0/0 192.168.101.1 nexthop-vrf mgmt",
            "ip route 10.100.0.0/16 192.168.101.1 nexthop-vrf mgmt",
            "ip route 10.200.0.0/16 192.168.101.1 nexthop-vrf mgmt");
    private static final FrrRenderer RENDERER = new FrrRenderer();
    private static LabLeaf leaf;
    private static final List<String> steps = new ArrayList<>();
    private static final List<String> violations = new ArrayList<>();

    @BeforeAll
    static void startLeafWithItsManagementRoutes() {
        leaf = LabLeaf.start("agent-mgmt");
        leaf.addVrf("mgmt", "eth0", List.of("192.168.101.12/24"));
        leaf.addVrf("vrf100", "swp1", List.of("10.0.8.1/22", "2001:db8:8::1/64"));
        leaf.addVrf("vrf200", "swp2", List.of("10.0.16.1/22", "2001:db8:16::1/64"));
        leaf.addVrf("vrf400", "swp4", List.of("10.0.32.1/22"));
        List<String> problems = StrictLoad.problems(leaf.frr().loadText("metal-core.conf",
                "frr defaults datacenter\nhostname leaf01\n" + String.join("\n", MANAGEMENT_ROUTES) + "\n"));
        assertThat(problems).as("loading the management routes").isEmpty();
        assertThat(leaf.runningConfig()).as("the switch as metal-core left it").contains(MANAGEMENT_ROUTES);
    }

    @AfterAll
    static void stopLeaf() {
        leaf.close();
    }

    private static RenderedConfig render(V1SwitchIntent intent) {
        return RENDERER.render(IntentCodec.toModel(intent));
    }

    private static void checkManagement(String step) {
        steps.add(step);
        String running = leaf.runningConfig();
        for (String route : MANAGEMENT_ROUTES) {
            if (!running.contains(route)) {
                violations.add(step + " (load " + steps.size() + "): " + route + " is gone");
            }
        }
    }

    @Test
    void applyingAndRemovingPeeringsKeepsTheManagementRoutes() throws Exception {
        String twoPeerings = render(leaf(A.vrf(B.asImport("same-project"), SHARED.asImport("shared")),
                B.vrf(A.asImport("same-project")), SHARED.vrf(A.asImport("shared")))).frrConf();
        // not vacuous: FRR's own delta between the switch and the rendered file deletes the management routes
        Path running = Files.createTempFile("running", ".conf");
        Path wanted = Files.createTempFile("wanted", ".conf");
        try {
            Files.writeString(running, new Vtysh("vtysh", leaf.socketDir()).runningConfig());
            Files.writeString(wanted, twoPeerings);
            ReloadDelta.Delta delta = new ReloadDelta("/usr/lib/frr/frr-reload.py").between(running, wanted);
            // (frr-reload lists the removal of a static route among its "Lines To Add", negated)
            assertThat(delta.add()).as("what a plain reload would push").anyMatch(l -> l.startsWith("no ip route 0.0.0.0/0")
                    && l.contains("nexthop-vrf mgmt"));
            assertThat(delta.deletionsToPush()).as("what the agent deletes").noneMatch(l -> l.contains("nexthop-vrf mgmt"));
        } finally {
            Files.deleteIfExists(running);
            Files.deleteIfExists(wanted);
        }

        FrrTarget target = new FrrTarget(leaf.configFile(), new Vtysh("vtysh", leaf.socketDir()),
                new ReloadDelta("/usr/lib/frr/frr-reload.py"), Duration.ZERO, System::nanoTime, ManagementRouteIT::checkManagement);
        target.apply(render(leaf(A.vrf(B.asImport("same-project"), SHARED.asImport("shared")),
                B.vrf(A.asImport("same-project")), SHARED.vrf(A.asImport("shared")))));
        assertThat(leaf.runningConfig()).contains("import vrf vrf200", "import vrf vrf400");
        target.apply(render(leaf(A.vrf(SHARED.asImport("shared")), B.vrf(), SHARED.vrf(A.asImport("shared")))));

        assertThat(steps).as("loads of both applies").contains("policies", "config", "deletions");
        assertThat(violations).as("management routes lost after a load (%s)", steps).isEmpty();
        assertThat(leaf.runningConfig()).contains(MANAGEMENT_ROUTES).doesNotContain("import vrf vrf200");
    }
}
