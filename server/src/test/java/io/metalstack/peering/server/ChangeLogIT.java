package io.metalstack.peering.server;

import io.metalstack.peering.api.MetalApiClient;
import io.metalstack.peering.api.V1MachineAllocation;
import io.metalstack.peering.api.V1Network;
import io.metalstack.peering.api.V1Peering;
import io.metalstack.peering.api.fixture.AllocateRequest;
import io.metalstack.peering.api.fixture.MachineRequest;
import io.metalstack.peering.api.fixture.NetworkRequest;
import io.metalstack.peering.api.fixture.PartitionRequest;
import io.metalstack.peering.api.fixture.PeeringRequest;
import io.metalstack.peering.api.fixture.ProjectRequest;
import io.metalstack.peering.api.fixture.SwitchRequest;
import io.metalstack.peering.model.PeeringId;
import io.metalstack.peering.model.SwitchId;
import io.metalstack.peering.model.rules.PeeringRules;
import io.metalstack.peering.server.fabric.Fabric;
import io.metalstack.peering.server.http.MetalApiServer;
import io.metalstack.peering.server.store.Database;
import io.metalstack.peering.server.store.Stores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The change log is compacted (superseded entries at once, entries of deleted entities after the retention)
 * every {@link Fabric#COMPACT_EVERY} revisions, and a replica whose plan is behind the compaction horizon plans the
 * whole fabric again instead of replaying a log that no longer holds the deletions it missed.
 */
class ChangeLogIT {

    private static final String ADMIN = "admin-secret-for-change-log";

    @TempDir
    Path dir;

    @Test
    void theLogIsCompactedAndAReplicaBehindItResynchronizesFromTheFullState() throws Exception {
        String url = Database.h2Url(dir);
        Database db = new Database(url, null, null);
        MetalApiServer server = new MetalApiServer(db, new PeeringRules(50), Clock.systemUTC());
        server.installAdminToken(ADMIN);
        server.start("127.0.0.1", 0);
        Database replicaDb = null;
        try {
            MetalApiClient admin = new MetalApiClient(URI.create("http://127.0.0.1:" + server.port()), ADMIN);
            admin.partitions().create(PartitionRequest.of("fra").build());
            admin.projects().create(ProjectRequest.of("p1", "t1").build());
            admin.networks().create(NetworkRequest.superNetwork("super", "fra", "10.0.0.0/16").childLengths(Map.of("IPv4", 24)).build());
            admin.switches().create(SwitchRequest.of("leaf01", "fra", "leaf", "SONiC").place("r1", "room1").bgp(4200000011L, "10.255.0.11")
                    .ports("Ethernet0", "Ethernet4").uplinks("Ethernet120").build());
            V1Network n1 = admin.allocateNetwork(AllocateRequest.of("n1", "fra", "p1").build());
            V1Network n2 = admin.allocateNetwork(AllocateRequest.of("n2", "fra", "p1").build());
            admin.machines().create(MachineRequest.machine("m1", "fra").connectedTo("leaf01", "Ethernet0").build());
            admin.allocateMachine("m1", new V1MachineAllocation("p1", List.of(n1.id())));
            V1Peering p = admin.peerings().create(PeeringRequest.local(n1.id(), n2.id()).id("p-1-2").build());

            // a second replica on the same database: it planned the peering, then misses the delete
            replicaDb = new Database(url, null, null);
            Fabric replica = new Fabric(replicaDb);
            assertThat(replica.state().peering(PeeringId.parse(p.id()))).isPresent();
            admin.peerings().delete(p.id());
            // the delete's entry is dropped with the retention (here: all of it)
            long now = admin.health().revision();
            db.write(s -> s.switchState().compact(now));
            List<Stores.Change> log = db.read(s -> s.switchState().changesSince(0));
            assertThat(log).noneMatch(c -> c.id().equals(p.id()));
            long horizon = db.read(s -> s.switchState().horizon());
            assertThat(horizon).isEqualTo(now);
            replica.sync();
            assertThat(replica.state().peering(PeeringId.parse(p.id()))).isEmpty();
            assertThat(replica.state().plan().intent(SwitchId.parse("leaf01")).orElseThrow().vrfs())
                    .allSatisfy(v -> assertThat(v.imports()).isEmpty());
            assertThat(replica.state().seen()).isEqualTo(now);

            // the server compacts by itself: a machine allocated and freed over and over leaves few entries
            admin.machines().create(MachineRequest.machine("m2", "fra").connectedTo("leaf01", "Ethernet4").build());
            int cycles = (int) Fabric.COMPACT_EVERY / 2 + 20;
            for (int i = 0; i < cycles; i++) {
                admin.allocateMachine("m2", new V1MachineAllocation("p1", List.of(n2.id())));
                admin.freeMachine("m2");
            }
            long m2Entries = db.read(s -> s.switchState().changesSince(0)).stream().filter(c -> c.id().equals("m2")).count();
            assertThat(m2Entries).as("entries of m2 after %d writes of it", 2 * cycles + 1).isLessThan(Fabric.COMPACT_EVERY / 2);
            // peerings keep the revision of their last write
            V1Peering q = admin.peerings().create(PeeringRequest.local(n1.id(), n2.id()).id("p-1-2b").build());
            for (int i = 0; i < 3; i++) {
                V1Peering cur = admin.peerings().get(q.id());
                admin.peerings().update(PeeringRequest.update(cur).name("r" + i).build());
            }
            assertThat(admin.peerings().get(q.id()).status().revision()).isEqualTo(q.status().revision());
        } finally {
            server.close();
            if (replicaDb != null) {
                replicaDb.close();
            }
            db.close();
        }
    }
}
