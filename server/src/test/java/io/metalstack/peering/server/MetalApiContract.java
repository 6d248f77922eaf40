package io.metalstack.peering.server;

import io.metalstack.peering.api.ApiException;
import io.metalstack.peering.api.MetalApiClient;
import io.metalstack.peering.api.V1MachineAllocation;
import io.metalstack.peering.api.V1Network;
import io.metalstack.peering.api.V1Peering;
import io.metalstack.peering.api.V1SwitchIntent;
import io.metalstack.peering.api.fixture.AllocateRequest;
import io.metalstack.peering.api.fixture.MachineRequest;
import io.metalstack.peering.api.fixture.NetworkRequest;
import io.metalstack.peering.api.fixture.PeeringRequest;
import io.metalstack.peering.api.fixture.SwitchRequest;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * What the contracts of the metal-api suite ({@link MetalApiSuite}) share: the started server with its fixture, and
 * the objects a test makes. Each test names its objects after itself ({@link #name}), so the tests of a suite run share
 * one server without seeing each other's objects by accident.
 */
abstract class MetalApiContract {

    static final int QUOTA = MetalApiFixture.QUOTA;

    final MetalApiFixture api;
    private String test;
    /** Counts this test's names; peerings are named from several threads at once. */
    private final AtomicInteger named = new AtomicInteger();

    MetalApiContract(MetalApiFixture api) {
        this.api = api;
    }

    @BeforeEach
    void nameAfter(TestInfo info) {
        test = info.getTestMethod().orElseThrow().getName();
    }

    /** A name no other test uses: {@code prefix}, this test's name and a number counted in this test. */
    String name(String prefix) {
        return prefix + "-" + test + "-" + named.incrementAndGet();
    }

    MetalApiClient admin() {
        return api.admin();
    }

    MetalApiClient as(String name) {
        return api.as(name);
    }

    /** A child network of project {@code project} in {@code partition}, allocated by that project's owner. */
    V1Network allocate(String owner, String project, String partition, boolean shared, String... families) {
        return as(owner).allocateNetwork(AllocateRequest.of(name("net"), partition, project).shared(shared).families(families).build());
    }

    /** A private network of {@code project} (p1 or p2) in fra. */
    V1Network net(String project) {
        return allocate(project.equals("p1") ? "owner1" : "owner2", project, "fra", false);
    }

    V1Peering peering(String n1, String n2) {
        return PeeringRequest.local(n1, n2).name(name("pe")).build();
    }

    /** The machines {@link #leafWith} made in this test. */
    private final List<String> machines = new java.util.ArrayList<>();

    /** A leaf with a machine of network a on swp1 and one of network b on swp2, both of p1. */
    String leafWith(V1Network a, V1Network b, long asn, String routerId) {
        String leaf = name("leaf");
        admin().switches().create(SwitchRequest.of(leaf, "fra", "leaf", "Cumulus").place("r1", "room1").bgp(asn, routerId)
                .ports("swp1", "swp2").uplinks("swp31").build());
        String m1 = name("m"), m2 = name("m");
        admin().machines().create(MachineRequest.machine(m1, "fra").name("m1").connectedTo(leaf, "swp1").build());
        admin().machines().create(MachineRequest.machine(m2, "fra").name("m2").connectedTo(leaf, "swp2").build());
        as("owner1").allocateMachine(m1, new V1MachineAllocation("p1", List.of(a.id())));
        as("owner1").allocateMachine(m2, new V1MachineAllocation("p1", List.of(b.id())));
        machines.addAll(List.of(m1, m2));
        return leaf;
    }

    /** The suite's networks share one super network: each test gives its address space back. */
    void giveBack(List<V1Peering> peerings, V1Network... networks) {
        peerings.forEach(p -> admin().peerings().delete(p.id()));
        machines.forEach(m -> admin().freeMachine(m));
        machines.clear();
        for (V1Network n : networks) {
            admin().freeNetwork(n.id());
        }
    }

    V1SwitchIntent intent(String sw) {
        return admin().switchIntent(sw, null, null).intent();
    }

    /** A peerable external network of {@code prefixes} in VRF {@code vrf}: every test gives its own VRFs. */
    V1Network external(String id, int vrf, boolean nat, String... prefixes) {
        return admin().networks().create(NetworkRequest.external(id, vrf).prefixes(prefixes).nat(nat).peerable().build());
    }

    /** An exit switch in fra with {@code ports}; {@code n} (1..99, its own per test) sets its AS and router id. */
    String exitSwitch(int n, String... ports) {
        String id = name("exit");
        admin().switches().create(SwitchRequest.of(id, "fra", "exit", "SONiC").place("r1", "room1").bgp(4200000100L + n, "10.255.0." + (100 + n))
                .ports(ports).build());
        return id;
    }

    static void assertApiError(ThrowableAssert.ThrowingCallable call, int status, String... messageParts) {
        ApiException e = catchThrowableOfType(ApiException.class, call);
        assertThat(e).as("expected HTTP %d", status).isNotNull();
        assertThat(e.statuscode()).as(e.getMessage()).isEqualTo(status);
        for (String part : messageParts) {
            assertThat(e.getMessage()).contains(part);
        }
    }

    /** Runs {@code n} calls at once; each outcome is the result or the thrown exception. */
    static List<Object> race(int n, IntFunction<Object> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Object>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int k = i;
                futures.add(pool.submit(() -> {
                    go.await();
                    try {
                        return call.apply(k);
                    } catch (ApiException e) {
                        return e;
                    }
                }));
            }
            go.countDown();
            List<Object> outcomes = new ArrayList<>();
            for (Future<Object> f : futures) {
                outcomes.add(f.get());
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }
}
