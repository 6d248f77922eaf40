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

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
    private static final HttpClient HTTP = HttpClient.newHttpClient();

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
        return name(prefix, Integer.MAX_VALUE);
    }

    /** A switch id no other test uses: as {@link #name}, the test's name cut so the id stays a host name (63 characters). */
    String switchName(String prefix) {
        return name(prefix, 63);
    }

    private String name(String prefix, int max) {
        String count = "-" + named.incrementAndGet();
        String full = prefix + "-" + test;
        return full.substring(0, Math.min(full.length(), max - count.length())) + count;
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

    /** A child network of {@code project} in fra, allocated by an admin. */
    V1Network allocatedByAdmin(String project, boolean shared) {
        return admin().allocateNetwork(AllocateRequest.of(name("net"), "fra", project).shared(shared).build());
    }

    /** A private network of {@code project} (p1 or p2) in fra. */
    V1Network net(String project) {
        return allocate(project.equals("p1") ? "owner1" : "owner2", project, "fra", false);
    }

    V1Peering peering(String n1, String n2) {
        return PeeringRequest.local(n1, n2).name(name("pe")).build();
    }

    /** The intent the server has for switch {@code sw} now. */
    V1SwitchIntent intentOf(String sw) {
        return admin().switchIntent(sw, null, null).intent();
    }

    /** A peerable external network of {@code prefixes} in VRF {@code vrf}: every test gives its own VRFs. */
    V1Network external(String id, int vrf, boolean nat, String... prefixes) {
        return admin().networks().create(NetworkRequest.external(id, vrf).prefixes(prefixes).nat(nat).peerable().build());
    }

    /** An exit switch in fra with {@code ports}; {@code n} (1..99, its own per test) sets its AS and router id. */
    String exitSwitch(int n, String... ports) {
        String id = switchName("exit");
        admin().switches().create(SwitchRequest.of(id, "fra", "exit", "SONiC").place("r1", "room1").bgp(4200000100L + n, "10.255.0." + (100 + n))
                .ports(ports).build());
        return id;
    }

    /** Sends raw HTTP: {@code body} (JSON) and {@code token} null for none. */
    HttpResponse<String> send(String method, String path, String body, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(api.url() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The machines this test allocated: {@link #giveBack} frees them. */
    private final List<String> machines = new ArrayList<>();

    /**
     * A Cumulus leaf in fra with a machine on each of {@code networks} (ports swp1, swp2, ...), allocated by the
     * network's project's owner; {@code asn} and {@code routerId} its own per test.
     */
    String leafWith(long asn, String routerId, V1Network... networks) {
        String leaf = switchName("leaf");
        List<String> ports = new ArrayList<>();
        for (int i = 1; i <= networks.length; i++) {
            ports.add("swp" + i);
        }
        admin().switches().create(SwitchRequest.of(leaf, "fra", "leaf", "Cumulus").place("r1", "room1").bgp(asn, routerId)
                .ports(ports.toArray(String[]::new)).uplinks("swp31").build());
        for (int i = 0; i < networks.length; i++) {
            String m = name("m");
            admin().machines().create(MachineRequest.machine(m, "fra").name(m).connectedTo(leaf, ports.get(i)).build());
            String project = networks[i].projectid();
            as(project.equals("p1") ? "owner1" : "owner2").allocateMachine(m, new V1MachineAllocation(project, List.of(networks[i].id())));
            machines.add(m);
        }
        return leaf;
    }

    /** The suite's networks share one super network: each test gives its address space back (peerings, machines, networks). */
    void giveBack(List<V1Peering> peerings, V1Network... networks) {
        peerings.forEach(p -> admin().peerings().delete(p.id()));
        machines.forEach(m -> admin().freeMachine(m));
        machines.clear();
        for (V1Network n : networks) {
            admin().freeNetwork(n.id());
        }
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
