package io.metalstack.peering.server;

import io.metalstack.peering.api.fixture.PeeringRequest;
import io.metalstack.peering.api.MetalApiClient;
import io.metalstack.peering.api.V1Machine;
import io.metalstack.peering.api.V1MachineAllocation;
import io.metalstack.peering.api.V1MachineConnection;
import io.metalstack.peering.api.V1Network;
import io.metalstack.peering.api.V1NetworkAllocateRequest;
import io.metalstack.peering.api.V1Partition;
import io.metalstack.peering.api.V1Peering;
import io.metalstack.peering.api.V1PeeringSwitchStatus;
import io.metalstack.peering.api.V1Project;
import io.metalstack.peering.api.V1Switch;
import io.metalstack.peering.api.V1SwitchIntentResponse;
import io.metalstack.peering.api.V1SwitchNotifyRequest;
import io.metalstack.peering.api.V1SwitchPort;
import io.metalstack.peering.api.V1VrfIntent;
import io.metalstack.peering.model.rules.PeeringRules;
import io.metalstack.peering.server.http.MetalApiServer;
import io.metalstack.peering.server.store.Database;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two metal-api replicas on one PostgreSQL: a change made through one wakes an intent watcher on the other
 * (LISTEN/NOTIFY), and a report made to one shows in the other's peering status.
 */
class ReplicasIT {

    @RegisterExtension
    static final PostgresExtension POSTGRES = new PostgresExtension();

    private static final String ADMIN = "admin-secret-for-replicas";

    private record Replica(Database db, MetalApiServer server) implements AutoCloseable {
        static Replica start(String url) {
            Database db = new Database(url, null, null);
            MetalApiServer server = new MetalApiServer(db, new PeeringRules(50), Clock.systemUTC());
            server.installAdminToken(ADMIN);
            server.start("127.0.0.1", 0);
            return new Replica(db, server);
        }

        MetalApiClient client() {
            return new MetalApiClient(URI.create("http://127.0.0.1:" + server.port()), ADMIN);
        }

        @Override
        public void close() {
            server.close();
            db.close();
        }
    }

    @Test
    void aPeeringCreatedThroughOneReplicaWakesAWatcherOnTheOther() throws Exception {
        String url = POSTGRES.newDatabaseUrl();
        ExecutorService pool = Executors.newCachedThreadPool();
        try (Replica a = Replica.start(url); Replica b = Replica.start(url)) {
            MetalApiClient viaA = a.client(), viaB = b.client();
            viaA.partitions().create(new V1Partition("fra", null, null, null, null, null));
            viaA.projects().create(new V1Project("p1", null, "t1", null, null, null, null));
            viaA.networks().create(new V1Network("super", "super", null, "fra", null, null, "super", List.of("10.0.0.0/16"), null, null,
                    Map.of("IPv4", 22), null, null, null, null, null));
            for (String leaf : List.of("leaf01", "leaf02")) {
                viaA.switches().create(new V1Switch(leaf, "fra", "r1", "room1", "leaf", "SONiC", leaf.equals("leaf01") ? 4200000011L : 4200000012L,
                        leaf.equals("leaf01") ? "10.255.0.11" : "10.255.0.12",
                        List.of(new V1SwitchPort("Ethernet0", false, null), new V1SwitchPort("Ethernet120", true, null)), null, null));
            }
            V1Network n1 = viaA.allocateNetwork(new V1NetworkAllocateRequest("n1", null, "fra", "p1", false, null, null, null));
            V1Network n2 = viaA.allocateNetwork(new V1NetworkAllocateRequest("n2", null, "fra", "p1", false, null, null, null));
            int i = 0;
            for (V1Network n : List.of(n1, n2)) {
                String m = "m" + (++i);
                viaA.machines().create(new V1Machine(m, m, "fra", "machine", List.of(new V1MachineConnection("leaf0" + i, "Ethernet0")), null, null, null));
                viaA.allocateMachine(m, new V1MachineAllocation("p1", List.of(n.id())));
            }
            // replica b learns a's changes: the intent it serves has leaf01's machine VRF
            long before = waitForVrfs(viaB, "leaf01", 1);
            Future<V1SwitchIntentResponse> watch = pool.submit(() -> viaB.switchIntent("leaf01", before, Duration.ofSeconds(100)));
            while (b.server().watchers().waiting() < 1) {
                Thread.sleep(10);
            }
            V1Peering p = viaA.peerings().create(PeeringRequest.local(n1.id(), n2.id()).name("n1-n2").build());
            V1SwitchIntentResponse woken = watch.get();
            assertThat(woken.revision()).isGreaterThan(before).isEqualTo(p.status().revision());
            assertThat(woken.intent().vrfs()).extracting(V1VrfIntent::networkid).containsExactlyInAnyOrder(n1.id(), n2.id());
            assertThat(viaA.switchIntent("leaf01", null, null)).isEqualTo(woken);

            // reports are shared as well: one to each replica, the status on both is active
            viaA.notifySwitch("leaf01", new V1SwitchNotifyRequest(woken.revision(), 1L, null, null, null));
            viaB.notifySwitch("leaf02", new V1SwitchNotifyRequest(woken.revision(), 1L, null, null, null));
            assertThat(viaA.peerings().get(p.id()).status().phase()).isEqualTo("active");
            assertThat(viaB.peerings().get(p.id()).status().switches()).extracting(V1PeeringSwitchStatus::phase)
                    .containsExactly("active", "active");
        } finally {
            pool.shutdownNow();
        }
    }

    /** Issue 13: a token revoked through one replica is refused by the other at once (neither caches it). */
    @Test
    void aRevokedTokenIsRefusedAtOnceByEveryReplica() {
        String url = POSTGRES.newDatabaseUrl();
        try (Replica a = Replica.start(url); Replica b = Replica.start(url)) {
            a.client().projects().create(new V1Project("p1", null, "t1", null, null, null, null));
            io.metalstack.peering.api.V1Token t = a.client().createToken(new io.metalstack.peering.api.V1TokenCreateRequest("viewer", "p1", "r"));
            MetalApiClient viaB = new MetalApiClient(URI.create("http://127.0.0.1:" + b.server().port()), t.secret());
            assertThat(viaB.projects().get("p1").id()).isEqualTo("p1");
            a.client().revokeToken(t.id());
            MetalApiContract.assertApiError(() -> viaB.projects().get("p1"), 401, "unknown or revoked");
        }
    }

    /** Long-polls {@code leaf} on a replica until its intent has {@code vrfs} VRFs; returns that revision. */
    private static long waitForVrfs(MetalApiClient client, String leaf, int vrfs) {
        V1SwitchIntentResponse r = client.switchIntent(leaf, null, null);
        while (r.intent().vrfs().size() != vrfs) {
            r = client.switchIntent(leaf, r.revision(), Duration.ofSeconds(5));
        }
        return r.revision();
    }
}
