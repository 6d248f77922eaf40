package io.metalstack.peering.server;

import io.metalstack.peering.api.MetalApiClient;
import io.metalstack.peering.api.V1Switch;
import io.metalstack.peering.api.V1TokenCreateRequest;
import io.metalstack.peering.api.fixture.PartitionRequest;
import io.metalstack.peering.api.fixture.ProjectRequest;
import io.metalstack.peering.api.fixture.SwitchRequest;
import io.metalstack.peering.model.rules.PeeringRules;
import io.metalstack.peering.server.fabric.Watchers;
import io.metalstack.peering.server.http.MetalApiServer;
import io.metalstack.peering.server.store.Database;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One infra token opening 1,200 intent long-polls (more than the request threads the server had
 * before) holds no request thread and no more than its cap: beyond {@link Watchers#MAX_PER_TOKEN} it gets 429 at once;
 * another token may still watch; {@code /healthz} and a tenant's reads answer within a second meanwhile; a change
 * answers every held long-poll.
 */
class LongPollCapsIT {

    private static final String ADMIN = "admin-secret-for-long-polls";

    @TempDir
    Path dir;

    @Test
    void longPollsOfOneTokenStallNothingAndAreCapped() throws Exception {
        Database db = new Database(Database.h2Url(dir), null, null);
        MetalApiServer server = new MetalApiServer(db, new PeeringRules(50), Clock.systemUTC());
        server.installAdminToken(ADMIN);
        server.start("127.0.0.1", 0);
        URI base = URI.create("http://127.0.0.1:" + server.port());
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        try {
            MetalApiClient admin = new MetalApiClient(base, ADMIN);
            admin.partitions().create(PartitionRequest.of("fra").build());
            admin.projects().create(ProjectRequest.of("p1", "t1").build());
            admin.switches().create(SwitchRequest.of("leaf01", "fra", "leaf", "SONiC").place("r1", "room1").bgp(4200000011L, "10.255.0.11")
                    .ports("Ethernet0").uplinks("Ethernet120").build());
            String infra = admin.createToken(new V1TokenCreateRequest("infra", null, "agents")).secret();
            String infra2 = admin.createToken(new V1TokenCreateRequest("infra", null, "another agent")).secret();
            String viewer = admin.createToken(new V1TokenCreateRequest("viewer", "p1", "tenant")).secret();
            long revision = admin.switchIntent("leaf01", null, null).revision();

            int opened = 1200;
            List<CompletableFuture<HttpResponse<String>>> polls = new ArrayList<>();
            for (int i = 0; i < opened; i++) {
                polls.add(http.sendAsync(HttpRequest.newBuilder(base.resolve("/v1/switch/leaf01/intent?after=" + revision + "&timeout=8"))
                        .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + infra).build(), HttpResponse.BodyHandlers.ofString()));
            }
            // every long-poll reached the server: held (up to the cap) or refused
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (server.watchers().waiting() + polls.stream().filter(CompletableFuture::isDone).count() < opened
                    && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            // the API answers as if they were not there
            MetalApiClient tenant = new MetalApiClient(base, viewer);
            for (int i = 0; i < 20; i++) {
                long t0 = System.nanoTime();
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(base.resolve("/healthz")).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(health.statusCode()).isEqualTo(200);
                assertThat(tenant.projects().get("p1").id()).isEqualTo("p1");
                assertThat(Duration.ofNanos(System.nanoTime() - t0)).as("healthz and a tenant read").isLessThan(Duration.ofSeconds(1));
            }
            assertThat(server.watchers().waiting()).isEqualTo(Watchers.MAX_PER_TOKEN);
            List<HttpResponse<String>> refused = polls.stream().filter(CompletableFuture::isDone).map(CompletableFuture::join).toList();
            assertThat(refused).hasSize(opened - Watchers.MAX_PER_TOKEN).allSatisfy(r -> {
                assertThat(r.statusCode()).isEqualTo(429);
                assertThat(r.body()).startsWith("{\"statuscode\":429,\"message\":\"this token has " + Watchers.MAX_PER_TOKEN + " open watches");
            });
            // another token still watches, and a change answers it at once
            CompletableFuture<HttpResponse<String>> other = http.sendAsync(HttpRequest.newBuilder(
                    base.resolve("/v1/switch/leaf01/intent?after=" + revision + "&timeout=30")).header("Authorization", "Bearer " + infra2).build(),
                    HttpResponse.BodyHandlers.ofString());
            while (server.watchers().waiting() < Watchers.MAX_PER_TOKEN + 1) {
                Thread.sleep(10);
            }
            V1Switch sw = admin.switches().get("leaf01");
            admin.switches().update(SwitchRequest.update(sw).bgp(4200000099L, sw.routerid()).build());
            HttpResponse<String> woken = other.get(10, TimeUnit.SECONDS);
            assertThat(woken.statusCode()).isEqualTo(200);
            assertThat(woken.body()).contains("4200000099");
            // the held ones were woken by the change as well; none is left open
            for (CompletableFuture<HttpResponse<String>> p : polls) {
                assertThat(p.get(30, TimeUnit.SECONDS).statusCode()).isIn(200, 429);
            }
            assertThat(polls.stream().map(CompletableFuture::join).filter(r -> r.statusCode() == 200).count()).isEqualTo(Watchers.MAX_PER_TOKEN);
            assertThat(server.watchers().waiting()).isZero();
        } finally {
            server.close();
            db.close();
        }
    }
}
