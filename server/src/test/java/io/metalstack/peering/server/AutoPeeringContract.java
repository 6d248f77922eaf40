package io.metalstack.peering.server;

import io.metalstack.peering.api.ApiException;
import io.metalstack.peering.api.V1Condition;
import io.metalstack.peering.api.V1Network;
import io.metalstack.peering.api.V1Peering;
import io.metalstack.peering.api.V1Project;
import io.metalstack.peering.api.fixture.AllocateRequest;
import io.metalstack.peering.api.fixture.PeeringRequest;
import io.metalstack.peering.api.fixture.ProjectRequest;
import io.metalstack.peering.server.service.AutoPeering;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** Auto-peering: the server keeps a peering between every two private networks of a labelled project in one partition. */
abstract class AutoPeeringContract extends MetalApiContract {

    AutoPeeringContract(MetalApiFixture api) {
        super(api);
    }

    @Test
    void autoPeeringFollowsTheLabelAndTheNetworks() {
        String project = autoProject(false);
        V1Network a = allocateIn(project), b = allocateIn(project);
        assertThat(peeringsOf(project)).isEmpty();
        label(project, true);
        assertThat(peeringsOf(project)).singleElement().satisfies(p -> {
            assertThat(p.origin()).isEqualTo("auto");
            assertThat(java.util.Set.of(p.network1(), p.network2())).containsExactlyInAnyOrder(a.id(), b.id());
        });
        V1Network c = allocateIn(project);
        assertThat(peeringsOf(project)).hasSize(3).allMatch(p -> p.origin().equals("auto"));
        // a network in another partition is not paired
        admin().allocateNetwork(AllocateRequest.of(name("net"), "ber", project).build());
        assertThat(peeringsOf(project)).hasSize(3);
        // the free takes c's auto peerings along instead of being refused
        admin().freeNetwork(c.id());
        assertThat(peeringsOf(project)).hasSize(1);
        // a manual peering stays when the label goes
        V1Network d = allocateIn(project);
        assertThat(peeringsOf(project)).hasSize(3);
        label(project, false);
        assertThat(peeringsOf(project)).isEmpty();
        V1Peering manual = admin().peerings().create(peering(a.id(), d.id()));
        label(project, true);
        label(project, false);
        assertThat(peeringsOf(project)).extracting(V1Peering::id).containsExactly(manual.id());
        assertThat(admin().projects().get(project).conditions()).isNull();
    }

    @Test
    void aManualPeeringReplacesTheAutoOneOfItsPair() {
        String project = autoProject(true);
        V1Network a = allocateIn(project), b = allocateIn(project);
        V1Peering auto = peeringsOf(project).get(0);
        assertThat(auto.origin()).isEqualTo("auto");
        V1Peering manual = admin().peerings().create(PeeringRequest.local(b.id(), a.id()).name("mine").labels(Map.of("team", "x")).build());
        assertThat(peeringsOf(project)).singleElement().satisfies(p -> {
            assertThat(p.id()).isEqualTo(manual.id());
            assertThat(p.origin()).isEqualTo("manual");
            assertThat(p.name()).isEqualTo("mine");
        });
    }

    @Test
    void aPairTheRulesRefuseIsAConditionOfTheProjectAndNeverFailsTheAllocation() {
        String project = autoProject(false);
        V1Network a = allocateIn(project), b = allocateIn(project);
        // an external network whose prefix lies in b's: once a imports it, b cannot join a's vrf
        V1Network clash = external(name("auto-ov"), 400001, false,
                b.prefixes().get(0).replace("/22", "/24"));
        admin().peerings().create(peering(a.id(), clash.id()));
        label(project, true);
        assertThat(peeringsOf(project)).extracting(V1Peering::origin).containsExactly("manual");
        assertThat(admin().projects().get(project).conditions()).singleElement().satisfies(c -> {
            assertThat(c.type()).isEqualTo("AutoPeering");
            assertThat(c.message()).contains(a.id(), b.id(), "overlaps");
        });
        // a third network still allocates, and pairs with both
        V1Network c = allocateIn(project);
        assertThat(peeringsOf(project)).filteredOn(p -> p.origin().equals("auto")).hasSize(2)
                .allMatch(p -> c.id().equals(p.network1()) || c.id().equals(p.network2()));
    }

    /**
     * An allocation's auto-peering runs in a transaction of its own after the allocation committed,
     * so it never holds the partition's super network: another project's allocation does not wait for it.
     */
    @Test
    void anAllocationsAutoPeeringNeverBlocksAnotherProjectsAllocation() throws Exception {
        String project = autoProject(true);
        V1Network a = allocateIn(project);
        ExecutorService pool = Executors.newCachedThreadPool();
        try (java.sql.Connection holder = java.sql.DriverManager.getConnection(api.dbUrl())) {
            holder.setAutoCommit(false);
            try {
                // another transaction holds a's row: the auto-peering of the project's next allocation waits for it
                try (java.sql.Statement st = holder.createStatement()) {
                    st.executeQuery("SELECT id FROM networks WHERE id = '" + a.id() + "' FOR UPDATE").close();
                }
                String name = name("waits");
                Future<V1Network> waiting = pool.submit(() -> admin().allocateNetwork(AllocateRequest.of(name, "fra", project).build()));
                // the allocation itself committed; only its auto-peering waits
                long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
                while (admin().networks().list().stream().noneMatch(n -> name.equals(n.name())) && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                assertThat(admin().networks().list()).anyMatch(n -> name.equals(n.name()));
                assertThat(waiting.isDone()).isFalse();
                // another project allocates in the same partition at once
                Future<V1Network> other = pool.submit(() -> net("p2"));
                assertThat(other.get(5, java.util.concurrent.TimeUnit.SECONDS).projectid()).isEqualTo("p2");
            } finally {
                holder.commit();
            }
            pool.submit(() -> null).get();
        } finally {
            pool.shutdown();
            assertThat(pool.awaitTermination(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        }
        assertThat(peeringsOf(project)).singleElement().satisfies(p -> assertThat(p.origin()).isEqualTo("auto"));
    }

    /** A project's conditions are bounded: the first pairs left out in detail, the rest counted. */
    @Test
    void autoPeeringConditionsAreBoundedAndSummarized() {
        String project = autoProject(true);
        int networks = 12;
        List<V1Network> allocated = new ArrayList<>();
        for (int i = 0; i < networks; i++) {
            // small ones: the fixture's super network has room for 64 of the default /22
            allocated.add(admin().allocateNetwork(AllocateRequest.of(name("net"), "fra", project).length(Map.of("IPv4", 28)).build()));
        }
        // the peering quota (5 per network) leaves most of the 66 pairs out
        int unpeered = networks * (networks - 1) / 2 - peeringsOf(project).size();
        assertThat(unpeered).isGreaterThan(AutoPeering.MAX_CONDITIONS);
        List<V1Condition> conditions = admin().projects().get(project).conditions();
        assertThat(conditions).hasSize(AutoPeering.MAX_CONDITIONS + 1).allMatch(c -> c.type().equals("AutoPeering"));
        assertThat(conditions.subList(0, AutoPeering.MAX_CONDITIONS)).allSatisfy(c -> assertThat(c.message()).contains("quota"));
        assertThat(conditions.get(AutoPeering.MAX_CONDITIONS).message())
                .isEqualTo("auto-peering leaves out " + (unpeered - AutoPeering.MAX_CONDITIONS) + " more pairs of this project's networks");
        allocated.forEach(n -> admin().freeNetwork(n.id()));
    }

    /** Auto and manual creation of one pair at once: exactly one peering results, and it is the manual one. */
    @Test
    void autoAndManualCreationOfOnePairRace() throws Exception {
        for (int round = 0; round < 3; round++) {
            String project = autoProject(false);
            V1Network a = allocateIn(project), b = allocateIn(project);
            List<Object> outcomes = race(12, i -> {
                if (i % 4 == 0) {
                    label(project, true);
                    return "label";
                }
                return admin().peerings().create(peering(i % 2 == 0 ? a.id() : b.id(), i % 2 == 0 ? b.id() : a.id()));
            });
            assertThat(outcomes).filteredOn(o -> o instanceof V1Peering).hasSize(1);
            assertThat(outcomes).filteredOn(o -> o instanceof ApiException)
                    .allSatisfy(o -> assertThat(((ApiException) o).statuscode()).as("%s", o).isIn(409));
            assertThat(peeringsOf(project)).singleElement().satisfies(p -> assertThat(p.origin()).isEqualTo("manual"));
        }
    }

    private String autoProject(boolean on) {
        String id = name("auto");
        admin().projects().create(ProjectRequest.of(id, "t-auto").name(id).labels(on ? Map.of("auto-peer", "true") : null).build());
        return id;
    }

    private void label(String project, boolean on) {
        V1Project p = admin().projects().get(project);
        admin().projects().update(ProjectRequest.update(p).labels(on ? Map.of("auto-peer", "true") : Map.of()).build());
    }

    private V1Network allocateIn(String project) {
        return admin().allocateNetwork(AllocateRequest.of(name("net"), "fra", project).build());
    }

    private List<V1Peering> peeringsOf(String project) {
        return admin().peerings().list().stream().filter(p -> project.equals(p.projectid())).toList();
    }
}
