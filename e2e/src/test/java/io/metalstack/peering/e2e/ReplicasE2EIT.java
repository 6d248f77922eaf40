package io.metalstack.peering.e2e;

import io.metalstack.peering.agent.Main;
import io.metalstack.peering.api.MetalApiClient;
import io.metalstack.peering.api.V1Network;
import io.metalstack.peering.api.V1Peering;
import io.metalstack.peering.api.fixture.PeeringRequest;
import io.metalstack.peering.frr.lab.Poll;
import io.metalstack.peering.server.TestPostgres;
import io.metalstack.peering.server.launch.EmbeddedMetalApi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two metal-api replicas on one PostgreSQL: a peering created through replica A reaches the agent of leaf01, which
 * long-polls replica B. The agent's long-poll timeout is far longer than the test waits, so only a wake-up that
 * crosses the replicas (LISTEN/NOTIFY) can deliver the change in time. The agent writes into a directory.
 */
class ReplicasE2EIT {
    private static final String ADMIN = "e2e-replicas-admin";

    @Test
    void aChangeThroughOneReplicaReachesAnAgentWatchingTheOther(@TempDir Path dir) {
        try (TestPostgres pg = TestPostgres.start()) {
            String url = pg.newDatabaseUrl();
            try (EmbeddedMetalApi a = EmbeddedMetalApi.start(url, ADMIN, 50);
                 EmbeddedMetalApi b = EmbeddedMetalApi.start(url, ADMIN, 50)) {
                MetalApiClient viaA = new MetalApiClient(a.url(), ADMIN);
                Fabric fabric = new Fabric(viaA).base();
                fabric.leaf("leaf01", "Cumulus", 4200000011L, "10.0.0.11", List.of("swp1", "swp2"), "swp31");
                V1Network n1 = fabric.network("privnet1"), n2 = fabric.network("privnet2");
                fabric.machine("m1", "leaf01", "swp1", n1);
                fabric.machine("m2", "leaf01", "swp2", n2);
                Path frrConf = dir.resolve("leaf01").resolve("frr.conf");

                try (Main.Running agent = Main.start("--switch", "leaf01", "--api-url", b.url().toString(), "--token",
                        fabric.infraToken(), "--target", "dir", "--dir", dir.resolve("leaf01").toString(),
                        "--long-poll", "120s", "--observe-interval", "120s")) {
                    assertThat(Poll.until(Duration.ofSeconds(20), () -> read(frrConf), c -> c.contains("vrf vrf" + n1.vrf())))
                            .as("first sync through replica B").contains("vrf vrf" + n2.vrf()).doesNotContain("import vrf");
                    // the agent is now parked in a long-poll on B for up to 120 s
                    long t0 = System.nanoTime();
                    V1Peering p = viaA.peerings().create(PeeringRequest.local(n1.id(), n2.id()).name("p12").build());

                    String after = Poll.until(Duration.ofSeconds(20), () -> read(frrConf), c -> c.contains("import vrf vrf" + n2.vrf()));
                    System.out.printf("replicas: the change through A reached the agent on B after %d ms%n", (System.nanoTime() - t0) / 1_000_000);
                    assertThat(after).contains("import vrf vrf" + n2.vrf(), "import vrf vrf" + n1.vrf());
                    assertThat(Poll.until(Duration.ofSeconds(20), () -> new MetalApiClient(b.url(), ADMIN).peerings().get(p.id()),
                            x -> x.status().phase().equals("active")).status().phase()).isEqualTo("active");
                }
            }
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
