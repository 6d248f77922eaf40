package io.metalstack.peering.server;

import io.metalstack.peering.api.MetalApiClient;
import io.metalstack.peering.api.V1Condition;
import io.metalstack.peering.api.V1MachineAllocation;
import io.metalstack.peering.api.V1Network;
import io.metalstack.peering.api.V1Peering;
import io.metalstack.peering.api.V1VrfIntent;
import io.metalstack.peering.api.fixture.AllocateRequest;
import io.metalstack.peering.api.fixture.MachineRequest;
import io.metalstack.peering.api.fixture.NetworkRequest;
import io.metalstack.peering.api.fixture.PartitionRequest;
import io.metalstack.peering.api.fixture.PeeringRequest;
import io.metalstack.peering.api.fixture.ProjectRequest;
import io.metalstack.peering.api.fixture.SwitchRequest;
import io.metalstack.peering.model.Labels;
import io.metalstack.peering.model.NetworkId;
import io.metalstack.peering.model.PartitionId;
import io.metalstack.peering.model.Peering;
import io.metalstack.peering.model.PeeringApproval;
import io.metalstack.peering.model.PeeringId;
import io.metalstack.peering.model.PeeringOrigin;
import io.metalstack.peering.model.PeeringType;
import io.metalstack.peering.model.ProjectId;
import io.metalstack.peering.model.plan.VlanAllocator;
import io.metalstack.peering.model.rules.PeeringRules;
import io.metalstack.peering.server.service.Quotas;
import io.metalstack.peering.server.http.MetalApiServer;
import io.metalstack.peering.server.store.Database;
import io.metalstack.peering.server.wire.Wire;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.metalstack.peering.server.MetalApiContract.assertApiError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A write that would need more VLANs on a switch than it has is refused at admission (409 naming
 * the switch); a switch that still cannot be planned (here: a peering written past admission, as two concurrent writes
 * could) keeps its last intent and shows a {@code plan} condition, while every other switch progresses.
 */
class CapacityIT {

    private static final String ADMIN = "admin-secret-for-capacity";
    private static final int VLANS = VlanAllocator.MAX - VlanAllocator.MIN + 1;

    @TempDir
    Path dir;

    @Test
    void aSwitchOutOfVlansRefusesTheWriteAndAPlanFailureStaysOnItsSwitch() throws Exception {
        String url = Database.h2Url(dir);
        Database db = new Database(url, null, null);
        MetalApiServer server = start(db);
        try {
            MetalApiClient admin = inventory(server);
            V1Network a = allocate(admin, "a");
            machine(admin, "ma", "leaf01", "Ethernet0", a);
            V1Network b = allocate(admin, "b");
            machine(admin, "mb", "leaf02", "Ethernet0", b);
            fill(db, a);
            assertThat(admin.switchIntent("leaf01", null, null).intent().vrfs()).hasSize(VLANS);
            long leaf01Revision = admin.switchIntent("leaf01", null, null).revision();

            // one more: refused at admission, naming the switch and the limit
            V1Network last = allocate(admin, "one-too-many");
            assertApiError(() -> admin.peerings().create(peering(a.id(), last.id())), 409,
                    "switch leaf01 cannot carry this change", (VLANS + 1) + " VRFs need a VLAN", "only " + VLANS + " VLAN ids");
            assertThat(admin.peerings().list()).noneMatch(p -> last.id().equals(p.network2()) || last.id().equals(p.network1()));
            assertThat(admin.switchIntent("leaf01", null, null).revision()).isEqualTo(leaf01Revision);

            // the same peering written past admission (as two concurrent writes could): leaf01 keeps its last intent and
            // shows a plan condition, leaf02 still takes a new machine
            String sneaked = writePastAdmission(url, a.id(), last.id());
            V1Network c = allocate(admin, "c");
            machine(admin, "mc", "leaf02", "Ethernet4", c);
            assertThat(admin.switchIntent("leaf02", null, null).intent().vrfs()).extracting(V1VrfIntent::networkid).contains(b.id(), c.id());
            assertThat(admin.switches().get("leaf02").conditions()).isNull();
            assertThat(admin.switchIntent("leaf01", null, null).revision()).isEqualTo(leaf01Revision);
            assertThat(admin.switchIntent("leaf01", null, null).intent().vrfs()).hasSize(VLANS);
            assertThat(admin.switches().get("leaf01").conditions()).extracting(V1Condition::type, V1Condition::message)
                    .singleElement().satisfies(t -> {
                        assertThat(t.toList().get(0)).isEqualTo("plan");
                        assertThat((String) t.toList().get(1)).contains("planning this switch failed", (VLANS + 1) + " VRFs need a VLAN");
                    });
            // removing it plans leaf01 again
            admin.peerings().delete(sneaked);
            assertThat(admin.switches().get("leaf01").conditions()).isNull();
            assertThat(admin.switchIntent("leaf01", null, null).intent().vrfs()).hasSize(VLANS);
        } finally {
            server.close();
            db.close();
        }
    }

    /**
     * A peering awaiting its shared network owner's approval takes no VLAN, so it is admitted into a full switch;
     * approving it re-checks the capacity and answers the 409 its create would have.
     */
    @Test
    void approvingIntoAFullSwitchIsRefusedAsTheCreateWouldBe() throws Exception {
        Database db = new Database(Database.h2Url(dir), null, null);
        MetalApiServer server = start(db);
        try {
            MetalApiClient admin = inventory(server);
            V1Network a = allocate(admin, "a");
            machine(admin, "ma", "leaf01", "Ethernet0", a);
            fill(db, a);
            admin.projects().create(ProjectRequest.of("p2", "t2").build());
            V1Network storage = admin.allocateNetwork(AllocateRequest.of("storage", "fra", "p2").shared(true)
                    .labels(Map.of(PeeringApproval.LABEL, PeeringApproval.REQUIRED)).build());
            V1Peering p = admin.peerings().create(peering(a.id(), storage.id()));
            assertThat(p.status().phase()).isEqualTo("awaiting-approval");
            long leaf01Revision = admin.switchIntent("leaf01", null, null).revision();
            assertApiError(() -> admin.approvePeering(p.id()), 409,
                    "switch leaf01 cannot carry this change", (VLANS + 1) + " VRFs need a VLAN", "only " + VLANS + " VLAN ids");
            assertThat(admin.peerings().get(p.id()).approval()).isEqualTo("awaiting");
            assertThat(admin.switchIntent("leaf01", null, null).revision()).isEqualTo(leaf01Revision);
        } finally {
            server.close();
            db.close();
        }
    }

    private static MetalApiServer start(Database db) {
        MetalApiServer server = new MetalApiServer(db, new PeeringRules(2 * VLANS), Clock.systemUTC());
        server.installAdminToken(ADMIN);
        return server.start("127.0.0.1", 0);
    }

    /** Partition fra, project p1 (a thousand networks: an admin raised its quota), its super network and leaf01, leaf02. */
    private static MetalApiClient inventory(MetalApiServer server) {
        MetalApiClient admin = new MetalApiClient(URI.create("http://127.0.0.1:" + server.port()), ADMIN);
        admin.partitions().create(PartitionRequest.of("fra").build());
        admin.projects().create(ProjectRequest.of("p1", "t1").labels(Map.of(Quotas.NETWORKS_LABEL, Integer.toString(2 * VLANS))).build());
        admin.networks().create(NetworkRequest.superNetwork("super", "fra", "10.0.0.0/8").childLengths(Map.of("IPv4", 28)).build());
        for (String leaf : List.of("leaf01", "leaf02")) {
            admin.switches().create(SwitchRequest.of(leaf, "fra", "leaf", "SONiC").place("r1", "room1")
                    .bgp(leaf.equals("leaf01") ? 4200000011L : 4200000012L, leaf.equals("leaf01") ? "10.255.0.11" : "10.255.0.12")
                    .ports("Ethernet0", "Ethernet4").uplinks("Ethernet120").build());
        }
        return admin;
    }

    /** Fills leaf01's VLANs: {@code a} (on leaf01) gets VLANS - 1 peers. */
    private static void fill(Database db, V1Network a) {
        // a's peers fill leaf01's VLANs: a itself and VLANS - 1 peer VRFs (written in one transaction of the server's own
        // stores, through its admission, so that the test does not spend minutes on two thousand requests)
        Instant now = Instant.now();
        db.write(st -> {
            java.util.Set<Integer> used = st.networks().usedVrfs();
            int vrf = 10_000;
            for (int i = 1; i < VLANS; i++) {
                while (used.contains(vrf)) {
                    vrf++;
                }
                String id = "peer-" + i;
                String prefix = "10.200." + (i * 16 / 256) + "." + (i * 16 % 256) + "/28";
                st.networks().insert(Wire.network(NetworkRequest.of(id, "child").partition("fra").project("p1").parent("super").prefixes(prefix)
                        .vrf(vrf++).shared(false).build(), now, now));
                st.peerings().insert(new Peering(PeeringId.parse("fill-" + i), null, null, Optional.of(ProjectId.parse("p1")),
                        Optional.of(PartitionId.parse("fra")), NetworkId.parse(a.id()), NetworkId.parse(id), PeeringType.LOCAL,
                        Optional.empty(), PeeringOrigin.MANUAL, Labels.EMPTY, now, now));
            }
            st.bumpRevision();
            return null;
        });
    }

    private static V1Network allocate(MetalApiClient admin, String name) {
        return admin.allocateNetwork(AllocateRequest.of(name, "fra", "p1").build());
    }

    private static void machine(MetalApiClient admin, String id, String leaf, String port, V1Network n) {
        admin.machines().create(MachineRequest.machine(id, "fra").connectedTo(leaf, port).build());
        admin.allocateMachine(id, new V1MachineAllocation("p1", List.of(n.id())));
    }

    private static V1Peering peering(String n1, String n2) {
        return PeeringRequest.local(n1, n2).build();
    }

    /**
     * Inserts a peering with its change-log entry and revision, as a write that passed admission would: through a
     * second {@link Database} on the same file, which no fabric admits for.
     */
    private static String writePastAdmission(String url, String n1, String n2) {
        Instant now = Instant.now();
        Peering p = new Peering(PeeringId.parse("sneaked"), "sneaked", null, Optional.of(ProjectId.parse("p1")),
                Optional.of(PartitionId.parse("fra")), NetworkId.parse(n1), NetworkId.parse(n2), PeeringType.LOCAL, Optional.empty(),
                PeeringOrigin.MANUAL, Labels.EMPTY, now, now);
        try (Database past = new Database(url, null, null)) {
            past.write(st -> {
                st.peerings().insert(p);
                return st.bumpRevision();
            });
        }
        return "sneaked";
    }
}
