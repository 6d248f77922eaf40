package io.metalstack.peering.server;

import io.metalstack.peering.api.Json;
import io.metalstack.peering.api.MetalApiClient;
import io.metalstack.peering.server.http.MetalApiServer;
import io.metalstack.peering.server.http.Route;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The HTTP surface: the error shape, the OpenAPI document, the revision in every response. */
abstract class HttpContract extends MetalApiContract {

    HttpContract(MetalApiFixture api) {
        super(api);
    }

    @Test
    void errorsForBadJsonAndUnknownRoutesHaveTheErrorShape() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> bad = http.send(HttpRequest.newBuilder(URI.create(api.url() + "/v1/network/peering"))
                .header("Authorization", "Bearer " + MetalApiFixture.ADMIN).PUT(HttpRequest.BodyPublishers.ofString("{nope")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).startsWith("{\"statuscode\":400,\"message\":\"request body is not valid JSON for V1Peering");
        assertApiError(() -> admin().peerings().find(Map.of("color", "red")), 400, "find field \"color\" is unknown");
        HttpResponse<String> unknown = http.send(HttpRequest.newBuilder(URI.create(api.url() + "/v1/nothing"))
                .header("Authorization", "Bearer " + MetalApiFixture.ADMIN).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).isEqualTo("{\"statuscode\":404,\"message\":\"no route GET /v1/nothing: see /openapi.json for the routes\"}");
        HttpResponse<String> method = http.send(HttpRequest.newBuilder(URI.create(api.url() + "/v1/partition"))
                .header("Authorization", "Bearer " + MetalApiFixture.ADMIN).method("PATCH", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(method.statusCode()).isEqualTo(405);
        assertThat(method.body()).contains("\"statuscode\":405");
    }

    @Test
    void openApiDocumentCoversEveryRoute() throws Exception {
        HttpResponse<String> res = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(api.url() + MetalApiServer.OPENAPI_PATH)).build(), HttpResponse.BodyHandlers.ofString());
        var doc = Json.mapper().readTree(res.body());
        for (Route r : api.routes()) {
            assertThat(doc.path("paths").path(r.path()).has(r.method().name().toLowerCase(Locale.ROOT)))
                    .as(r.method() + " " + r.path()).isTrue();
        }
        assertThat(doc.path("components").path("schemas").path("V1Peering").path("properties").has("peeringtype")).isTrue();
        // a dry run's answer is documented: PUT 201 the peering, 200 the dry run; POST/DELETE 200 one of the two
        var create = doc.path("paths").path("/v1/network/peering").path("put");
        assertThat(create.path("responses").path("200").path("content").path("application/json").path("schema").path("$ref").asText())
                .isEqualTo("#/components/schemas/V1PeeringDryRun");
        assertThat(create.path("parameters").findValuesAsText("name")).contains("dryrun");
        var delete = doc.path("paths").path("/v1/network/peering/{id}").path("delete");
        assertThat(delete.path("responses").path("200").path("content").path("application/json").path("schema").path("oneOf")
                .findValuesAsText("$ref")).containsExactly("#/components/schemas/V1Peering", "#/components/schemas/V1PeeringDryRun");
        assertThat(doc.path("components").path("schemas").path("V1PeeringDryRun").path("properties").has("switches")).isTrue();
    }

    @Test
    void revisionIncreasesWithEveryChangeAndIsInEveryResponse() throws Exception {
        long before = admin().health().revision();
        net("p1");
        long after = admin().health().revision();
        assertThat(after).isGreaterThan(before);
        HttpResponse<String> res = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(api.url() + "/v1/partition"))
                .header("Authorization", "Bearer " + MetalApiFixture.ADMIN).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(Long.parseLong(res.headers().firstValue(MetalApiClient.REVISION_HEADER).orElseThrow())).isGreaterThanOrEqualTo(after);
    }
}
