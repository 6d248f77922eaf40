package io.metalstack.peering.server;

import io.metalstack.peering.api.MetalApiClient;
import io.metalstack.peering.api.V1MachineAllocation;
import io.metalstack.peering.api.V1Network;
import io.metalstack.peering.api.V1Peering;
import io.metalstack.peering.api.V1PeeringSwitchStatus;
import io.metalstack.peering.api.V1SwitchIntentResponse;
import io.metalstack.peering.api.V1TokenCreateRequest;
import io.metalstack.peering.api.V1VrfIntent;
import io.metalstack.peering.api.fixture.AllocateRequest;
import io.metalstack.peering.api.fixture.MachineRequest;
import io.metalstack.peering.api.fixture.NetworkRequest;
import io.metalstack.peering.api.fixture.NotifyRequest;
import io.metalstack.peering.api.fixture.PartitionRequest;
import io.metalstack.peering.api.fixture.PeeringRequest;
import io.metalstack.peering.api.fixture.ProjectRequest;
import io.metalstack.peering.api.fixture.SwitchRequest;
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
            viaA.partitions().create(PartitionRequest.of("fra").build());
            viaA.projects().create(ProjectRequest.of("p1", "t1").build());
            viaA.networks().create(NetworkRequest.superNetwork("super", "fra", "10.0.0.0/16").childLengths(Map.of("IPv4", 22)).build());
            for (String leaf : List.of("leaf01", "leaf02")) {
                viaA.switches().create(SwitchRequest.of(leaf, "fra", "leaf", "SONiC").place("r1", "room1")
                        .bgp(leaf.equals("leaf01") ? 4200000011L : 4200000012L, leaf.equals("leaf01") ? "10.255.0.11" : "10.255.0.12")
                        .ports("Ethernet0").uplinks("Ethernet120").build());
            }
            V1Network n1 = viaA.allocateNetwork(AllocateRequest.of("n1", "fra", "p1").build());
            V1Network n2 = viaA.allocateNetwork(AllocateRequest.of("n2", "fra", "p1").build());
            int i = 0;
            for (V1Network n : List.of(n1, n2)) {
                String m = "m" + (++i);
                viaA.machines().create(MachineRequest.machine(m, "fra").connectedTo("leaf0" + i, "Ethernet0").build());
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
            viaA.notifySwitch("leaf01", NotifyRequest.applied(woken.revision(), 1L).build());
            viaB.notifySwitch("leaf02", NotifyRequest.applied(woken.revision(), 1L).build());
            assertThat(viaA.peerings().get(p.id()).status().phase()).isEqualTo("active");
            assertThat(viaB.peerings().get(p.id()).status().switches()).extracting(V1PeeringSwitchStatus::phase)
                    .containsExactly("active", "active");
        } finally {
            pool.shutdownNow();
        }
    }

    /** A token revoked through one replica is refused by the other at once (neither caches it). */
    @Test
    void aRevokedTokenIsRefusedAtOnceByEveryReplica() {
        String url = POSTGRES.newDatabaseUrl();
        try (Replica a = Replica.start(url); Replica b = Replica.start(url)) {
            a.client().projects().create(ProjectRequest.of("p1", "t1").build());
            io.metalstack.peering.api.V1Token t = a.client().createToken(new V1TokenCreateRequest("viewer", "p1", "r"));
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
