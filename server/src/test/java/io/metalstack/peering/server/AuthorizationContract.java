package io.metalstack.peering.server;

import io.metalstack.peering.api.V1Network;
import io.metalstack.peering.api.V1Peering;
import io.metalstack.peering.api.V1Project;
import io.metalstack.peering.api.V1TokenCreateRequest;
import io.metalstack.peering.api.fixture.AllocateRequest;
import io.metalstack.peering.api.fixture.FindRequest;
import io.metalstack.peering.api.fixture.PartitionRequest;
import io.metalstack.peering.api.fixture.PeeringRequest;
import io.metalstack.peering.api.fixture.ProjectRequest;
import io.metalstack.peering.server.http.MetalApiServer;
import io.metalstack.peering.server.http.Route;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Tokens and roles: who may read and write what, and what another project sees (404, not 403). */
abstract class AuthorizationContract extends MetalApiContract {

    AuthorizationContract(MetalApiFixture api) {
        super(api);
    }

    @Test
    void everyRouteButHealthAndOpenApiRejectsAMissingToken() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        List<String> checked = new ArrayList<>();
        for (Route r : api.routes()) {
            String path = r.path().replace("{id}", "x");
            HttpRequest req = HttpRequest.newBuilder(URI.create(api.url() + path))
                    .method(r.method().name(), HttpRequest.BodyPublishers.ofString("{}")).build();
            HttpResponse<String> res = http.send(req, HttpResponse.BodyHandlers.ofString());
            if (r.authenticated()) {
                assertThat(res.statusCode()).as(r.method() + " " + r.path()).isEqualTo(401);
                assertThat(res.body()).isEqualTo("{\"statuscode\":401,\"message\":\"missing bearer token: send the header Authorization: Bearer <token>\"}");
                checked.add(r.method() + " " + r.path());
            } else {
                assertThat(r.path()).isIn("/healthz", MetalApiServer.OPENAPI_PATH);
                assertThat(res.statusCode()).isEqualTo(200);
            }
        }
        assertThat(checked).hasSizeGreaterThan(40);
        assertApiError(() -> api.client("not-a-token").partitions().list(), 401, "the bearer token is unknown");
    }

    @Test
    void viewerReadsButCannotWrite() {
        V1Network a = net("p1"), b = net("p1");
        assertThat(as("viewer1").networks().get(a.id()).id()).isEqualTo(a.id());
        assertApiError(() -> as("viewer1").peerings().create(peering(a.id(), b.id())), 403,
                "creating a peering of", "needs the owner or editor role of project p1 (or admin); this token has role viewer of project p1");
        assertApiError(() -> as("viewer1").allocateNetwork(AllocateRequest.of("x", "fra", "p1").build()), 403,
                "needs the owner or editor role of project p1");
    }

    @Test
    void onlyTheOwnerUpdatesItsProject() {
        V1Project p1 = as("owner1").projects().get("p1");
        V1Project renamed = ProjectRequest.update(p1).description("described by the owner").created(null).build();
        assertApiError(() -> as("editor1").projects().update(renamed), 403,
                "updating project p1 needs its owner role (or admin); this token has role editor of project p1");
        assertThat(as("owner1").projects().update(renamed).description()).isEqualTo("described by the owner");
        assertApiError(() -> as("owner1").projects().create(ProjectRequest.of("p9", null).build()), 403,
                "creating a project needs the admin role");
    }

    @Test
    void anotherProjectsObjectsAnswer404() {
        V1Network a = net("p1"), b = net("p1");
        V1Peering p = as("owner1").peerings().create(peering(a.id(), b.id()));
        assertApiError(() -> as("owner2").networks().get(a.id()), 404, "network " + a.id() + " not found");
        assertApiError(() -> as("owner2").peerings().get(p.id()), 404, "peering " + p.id() + " not found");
        assertApiError(() -> as("owner2").peerings().delete(p.id()), 404, "peering " + p.id() + " not found");
        assertApiError(() -> as("owner2").projects().get("p1"), 404, "project p1 not found");
        assertApiError(() -> as("owner2").freeNetwork(a.id()), 404, "network " + a.id() + " not found");
        assertThat(as("owner2").peerings().list()).extracting(V1Peering::id).doesNotContain(p.id());
        assertThat(as("owner2").networks().list()).extracting(V1Network::id).doesNotContain(a.id()).contains("internet", "super-fra");
        assertThat(as("owner2").projects().list()).extracting(V1Project::id).containsExactly("p2");
    }

    @Test
    void sharedNetworkOwnerListsAndDeletesPeeringsIntoIt() {
        V1Network storage = allocate("owner2", "p2", "fra", true);
        V1Network mine = net("p1");
        V1Peering p = as("editor1").peerings().create(peering(mine.id(), storage.id()));
        assertThat(as("owner2").findPeerings(FindRequest.peeringsOf(storage.id())))
                .extracting(V1Peering::id).containsExactly(p.id());
        // p2 may not rename p1's peering, but may delete it
        V1Peering renamed = PeeringRequest.update(p).name("x").build();
        assertApiError(() -> as("owner2").peerings().update(renamed), 403, "needs the owner or editor role of project p1");
        assertThat(as("editor2").peerings().delete(p.id()).id()).isEqualTo(p.id());
        assertApiError(() -> as("owner1").peerings().get(p.id()), 404);
    }

    @Test
    void infraReadsSwitchesTenantsDoNotAndOnlyAdminsIssueTokens() {
        assertThat(as("infra").switches().list()).isNotNull();
        assertApiError(() -> as("owner1").switches().list(), 403, "reading switches needs the admin or infra role; this token has role owner of project p1");
        assertApiError(() -> as("infra").peerings().create(peering("internet", "corp")), 403, "this token has role infra");
        assertApiError(() -> as("owner1").createToken(new V1TokenCreateRequest("admin", null, "escalate")), 403,
                "issuing a token needs the admin role; this token has role owner of project p1");
        assertApiError(() -> as("infra").partitions().create(PartitionRequest.of("x").build()), 403,
                "creating a partition needs the admin role; this token has role infra");
        assertApiError(() -> admin().createToken(new V1TokenCreateRequest("viewer", null, "no project")), 400, "role viewer needs a projectid");
        String fresh = admin().createToken(new V1TokenCreateRequest("viewer", "p2", "fresh")).secret();
        assertThat(api.client(fresh).projects().list()).extracting(V1Project::id).containsExactly("p2");
    }
}
