package io.metalstack.peering.agent;

import io.metalstack.peering.api.IntentCodec;
import io.metalstack.peering.frr.FrrRenderer;
import io.metalstack.peering.frr.RenderedConfig;
import io.metalstack.peering.frr.SwitchLocal;
import io.metalstack.peering.frr.SyslogLevel;
import io.metalstack.peering.model.IpPrefix;
import io.metalstack.peering.model.Ipv4Address;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.metalstack.peering.agent.Intents.A;
import static io.metalstack.peering.agent.Intents.leaf;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lines the switch-local facts add, pushed by the FRR target into real daemons (zebra and bgpd with the SNMP
 * module, as on SONiC): a SONiC leaf with management routes, set-src-loopback and a log level applies cleanly, its
 * running config then differs from the file by nothing FRR's own differ counts, and changed facts are applied —
 * removed management routes and the source-address policy are deleted.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SwitchLocalApplyIT {
    private static final FrrRenderer RENDERER = new FrrRenderer();
    private static final SwitchLocal FULL = SwitchLocal.builder().logLevel(SyslogLevel.DEBUGGING)
            .managementGateway(Ipv4Address.parse("192.0.2.1"))
            .managementRoutes(List.of(IpPrefix.parse("10.100.0.0/16"), IpPrefix.parse("10.200.0.0/16")))
            .setSrcLoopback(true).build();
    private static LabLeaf leaf;
    private static FrrTarget target;

    @BeforeAll
    static void startLeaf() {
        leaf = LabLeaf.start("agent-local");
        leaf.addVrf("Vrf100", "Ethernet0", List.of("10.0.8.1/22"));
        target = leaf.target();
    }

    @AfterAll
    static void stopLeaf() {
        leaf.close();
    }

    private static RenderedConfig sonic(SwitchLocal local) {
        return RENDERER.render(IntentCodec.toModel(leaf("SONiC", A.vrf())), local);
    }

    private static List<String> remainingDelta() throws Exception {
        Path running = leaf.lab().dir().resolve("running.conf");
        Files.writeString(running, leaf.frr().show("show running-config no-header"));
        ReloadDelta.Delta d = new ReloadDelta("/usr/lib/frr/frr-reload.py").between(running, leaf.configFile());
        // what the agent would still push (deletions) or miss (additions) on the next apply of the same file
        List<String> all = new java.util.ArrayList<>(d.significantAdds());
        d.deletionsToPush().forEach(l -> all.add("delete " + l));
        return all;
    }

    @Test
    @Order(1)
    void sonicsGlobalLinesManagementRoutesAndSourcePolicyApplyCleanly() throws Exception {
        target.apply(sonic(FULL));
        // FRR shows its default syslog level, debugging, as a bare "log syslog"
        assertThat(leaf.runningConfig()).contains("agentx\n", "log syslog\n", "log facility local4\n", "password zebra\n",
                "enable password zebra\n", "debug bgp updates in\n", "debug zebra rib detailed\n",
                "ip route 0.0.0.0/0 192.0.2.1 nexthop-vrf mgmt\n", "ip route 10.200.0.0/16 192.0.2.1 nexthop-vrf mgmt\n",
                "route-map RM_SET_SRC permit 10\n set src 10.0.0.11\n", "ip protocol bgp route-map RM_SET_SRC\n");
        assertThat(remainingDelta()).as("what FRR's differ still sees between running config and file").isEmpty();
    }

    @Test
    @Order(2)
    void changedFactsAreAppliedAndWhatIsGoneIsDeleted() throws Exception {
        target.apply(sonic(SwitchLocal.builder().logLevel(SyslogLevel.WARNINGS).managementGateway(Ipv4Address.parse("192.0.2.1"))
                .managementRoutes(List.of(IpPrefix.parse("10.100.0.0/16"))).build()));
        // a management route the facts no longer name stays: the agent never deletes the management plane (an operator
        // removes it by hand), everything else that is gone is deleted
        assertThat(leaf.runningConfig()).contains("log syslog warnings\n", "ip route 10.100.0.0/16 192.0.2.1 nexthop-vrf mgmt\n",
                        "ip route 10.200.0.0/16 192.0.2.1 nexthop-vrf mgmt\n")
                .doesNotContain("RM_SET_SRC", "log syslog\n");
        assertThat(remainingDelta()).isEmpty();
    }

    /** Cumulus' vtysh-only user line is no "missing" line; on daemons of their own (VRF names differ by dialect). */
    @Test
    @Order(3)
    void cumulusWithItsVtyshUserLineAppliesToo() throws Exception {
        RenderedConfig cumulus = RENDERER.render(IntentCodec.toModel(leaf("Cumulus", A.vrf())), FULL);
        assertThat(cumulus.frrConf()).contains("username cumulus nopassword\n");
        LabLeaf cumulusLeaf = LabLeaf.start("agent-local-c");
        try {
            cumulusLeaf.addVrf("vrf100", "swp1", List.of("10.0.8.1/22"));
            cumulusLeaf.target().apply(cumulus);
            assertThat(cumulusLeaf.runningConfig()).contains("ip route 10.200.0.0/16 192.0.2.1 nexthop-vrf mgmt\n")
                    .doesNotContain("RM_SET_SRC", "agentx");
        } finally {
            cumulusLeaf.close();
        }
    }
}
