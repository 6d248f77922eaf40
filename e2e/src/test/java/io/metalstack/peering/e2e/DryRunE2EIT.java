package io.metalstack.peering.e2e;

import io.metalstack.peering.agent.LabLeaf;
import io.metalstack.peering.agent.Main;
import io.metalstack.peering.api.MetalApiClient;
import io.metalstack.peering.api.V1Network;
import io.metalstack.peering.api.V1Peering;
import io.metalstack.peering.api.V1PeeringDryRun;
import io.metalstack.peering.api.V1Switch;
import io.metalstack.peering.api.fixture.PeeringRequest;
import io.metalstack.peering.frr.FrrRenderer;
import io.metalstack.peering.frr.RenderedDiff;
import io.metalstack.peering.frr.lab.Poll;
import io.metalstack.peering.server.launch.EmbeddedMetalApi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A dry run predicts what the switch's agent then applies, byte for byte: metal-api (embedded, H2), one SONiC leaf
 * whose agent (metal-core, default switch-local facts) drives real FRR in the lab, machines of privnet1 and privnet2
 * on it. The {@code frr.conf} the agent wrote before and after the real create (and delete), diffed as the server
 * diffs, is the dry run's {@code frr.conf} diff. Both VRFs are on the leaf already, so the prediction
 * patches {@code frr.conf} alone (the lab applies FRR only, {@code --os-side skip}).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DryRunE2EIT {
    private static final String ADMIN = "e2e-dry-run-admin-token";
    private static final Duration CONVERGE = Duration.ofSeconds(40);
    private static final String LEAF = "leaf01";

    private static EmbeddedMetalApi api;
    private static MetalApiClient admin;
    private static V1Network net1, net2;
    private static LabLeaf leaf;
    private static Main.Running agent;

    @BeforeAll
    static void startEverything() throws IOException {
        Path data = Files.createTempDirectory("e2e-dry-run-");
        api = EmbeddedMetalApi.start(EmbeddedMetalApi.h2Url(data), ADMIN, 50);
        admin = new MetalApiClient(api.url(), ADMIN);
        Fabric fabric = new Fabric(admin).base();
        fabric.leaf(LEAF, "SONiC", 4200000011L, "10.0.0.11", List.of("Ethernet0", "Ethernet1"), "Ethernet120");
        net1 = fabric.network("privnet1");
        net2 = fabric.network("privnet2");
        fabric.machine("m1", LEAF, "Ethernet0", net1);
        fabric.machine("m2", LEAF, "Ethernet1", net2);
        leaf = LabLeaf.start("e2e-dry-leaf01");
        leaf.addVrf("Vrf" + net1.vrf(), "Ethernet0", List.of(Fabric.host(net1)));
        leaf.addVrf("Vrf" + net2.vrf(), "Ethernet1", List.of(Fabric.host(net2)));
        List<String> args = new ArrayList<>(List.of("--switch", LEAF, "--api-url", api.url().toString(), "--token", fabric.infraToken(),
                "--observe-interval", "1s", "--retry-interval", "2s", "--backoff-max", "2s"));
        args.addAll(leaf.agentArgs());
        agent = Main.start(args.toArray(String[]::new));
        synced(0);
    }

    @AfterAll
    static void stopEverything() {
        if (agent != null) {
            agent.close();
        }
        if (api != null) {
            api.close();
        }
        if (leaf != null) {
            leaf.close();
        }
    }

    /** Waits until the leaf applied its intent of at least {@code revision}, without error. */
    private static void synced(long revision) {
        V1Switch s = Poll.until(CONVERGE, () -> admin.switches().get(LEAF), x -> x.revision() >= revision && x.lastsync() != null
                && x.lastsync().revision() >= x.revision() && x.lastsync().error() == null);
        assertThat(s.lastsync()).as("sync of %s at revision %d", LEAF, revision).isNotNull();
        assertThat(s.lastsync().revision()).isGreaterThanOrEqualTo(revision);
        assertThat(s.lastsync().error()).isNull();
    }

    private static String applied() throws IOException {
        return Files.readString(leaf.configFile());
    }

    /** The agent's frr.conf before and after, diffed as the server diffs rendered files. */
    private static String appliedDiff(String before, String after) {
        SortedMap<String, String> a = new TreeMap<>(), b = new TreeMap<>();
        a.put(FrrRenderer.FRR_CONF, before);
        b.put(FrrRenderer.FRR_CONF, after);
        return RenderedDiff.unified(a, b);
    }

    /** The part of a switch's predicted diff that patches {@code file}. */
    private static String part(V1PeeringDryRun dry, String file) {
        assertThat(dry.switches()).extracting(V1PeeringDryRun.SwitchDiff::switchid).containsExactly(LEAF);
        String diff = dry.switches().get(0).diff();
        String header = "--- a/" + RenderedDiff.path(file) + "\n";
        int start = diff.indexOf(header);
        assertThat(start).as("the prediction patches %s:%n%s", file, diff).isGreaterThanOrEqualTo(0);
        int end = diff.indexOf("\n--- a/", start + header.length());
        return end < 0 ? diff.substring(start) : diff.substring(start, end + 1);
    }

    @Test
    @Order(1)
    void theCreatesPredictedDiffIsWhatTheAgentApplies() throws IOException {
        String before = applied();
        V1PeeringDryRun dry = admin.dryRunCreatePeering(PeeringRequest.local(net1.id(), net2.id()).build());
        // both VRFs are on the leaf already: the peering changes frr.conf alone, not the OS side
        assertThat(dry.switches().get(0).diff()).startsWith("--- a/etc/frr/frr.conf\n").doesNotContain("config_db.json");
        V1Peering real = admin.peerings().create(PeeringRequest.local(net1.id(), net2.id()).build());
        synced(real.status().revision());
        String after = applied();
        assertThat(after).isNotEqualTo(before).contains("import vrf Vrf" + net2.vrf());
        assertThat(appliedDiff(before, after)).isEqualTo(part(dry, FrrRenderer.FRR_CONF));
    }

    @Test
    @Order(2)
    void theDeletesPredictedDiffIsWhatTheAgentApplies() throws IOException {
        V1Peering p = admin.peerings().list().get(0);
        String before = applied();
        V1PeeringDryRun dry = admin.dryRunDeletePeering(p.id());
        V1Peering deleted = admin.peerings().delete(p.id());
        synced(deleted.status().revision());
        String after = applied();
        assertThat(after).doesNotContain("import vrf Vrf" + net2.vrf());
        assertThat(appliedDiff(before, after)).isEqualTo(part(dry, FrrRenderer.FRR_CONF));
    }
}
