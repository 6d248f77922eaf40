package io.metalstack.peering.server;

import io.metalstack.peering.api.ApiPage;
import io.metalstack.peering.api.MetalApiClient;
import io.metalstack.peering.api.V1Network;
import io.metalstack.peering.api.V1Peering;
import io.metalstack.peering.api.V1TokenCreateRequest;
import io.metalstack.peering.api.fixture.AllocateRequest;
import io.metalstack.peering.api.fixture.FindRequest;
import io.metalstack.peering.api.fixture.PeeringRequest;
import io.metalstack.peering.api.fixture.ProjectRequest;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/** Lists and finds page: {@code limit} and {@code continue}, the {@code X-Continue} header, visibility per page. */
abstract class PagingContract extends MetalApiContract {

    PagingContract(MetalApiFixture api) {
        super(api);
    }

    /** Two projects of their own (in ber: the tests in fra use its prefixes up), whose peerings interleave in id order (the admin chooses the ids). */
    private record Two(MetalApiClient a, MetalApiClient b, String projectA, String projectB, List<String> ofA, List<String> ofB) {}

    private Two twoProjectsWithInterleavedPeerings() {
        String pa = name("pa"), pb = name("pb");
        admin().projects().create(ProjectRequest.of(pa, "ta").name(pa).build());
        admin().projects().create(ProjectRequest.of(pb, "tb").name(pb).build());
        MetalApiClient a = api.client(admin().createToken(new V1TokenCreateRequest("owner", pa, pa)).secret());
        MetalApiClient b = api.client(admin().createToken(new V1TokenCreateRequest("owner", pb, pb)).secret());
        List<V1Network> netsA = new ArrayList<>(), netsB = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            netsA.add(a.allocateNetwork(AllocateRequest.of(name("net"), "ber", pa).build()));
            netsB.add(b.allocateNetwork(AllocateRequest.of(name("net"), "ber", pb).build()));
        }
        String prefix = name("pg");
        List<String> ofA = new ArrayList<>(), ofB = new ArrayList<>();
        int[][] pairs = {{0, 1}, {0, 2}, {1, 2}};
        for (int i = 0; i < pairs.length; i++) {
            // ids in the order a, b, a, b, a, b: what one project sees is spread over the table
            String idA = prefix + "-" + (2 * i), idB = prefix + "-" + (2 * i + 1);
            admin().peerings().create(PeeringRequest.local(netsA.get(pairs[i][0]).id(), netsA.get(pairs[i][1]).id()).id(idA).name(idA).build());
            admin().peerings().create(PeeringRequest.local(netsB.get(pairs[i][0]).id(), netsB.get(pairs[i][1]).id()).id(idB).name(idB).build());
            ofA.add(idA);
            ofB.add(idB);
        }
        return new Two(a, b, pa, pb, ofA, ofB);
    }

    /** Follows pages of {@code k} from the first; checks every page but the last is full. */
    private static <T> List<List<T>> pages(int k, Function<String, ApiPage<T>> page) {
        List<List<T>> out = new ArrayList<>();
        String token = null;
        do {
            ApiPage<T> p = page.apply(token);
            assertThat(p.items()).hasSizeLessThanOrEqualTo(k);
            if (p.next().isPresent()) {
                assertThat(p.items()).as("a page with a next one is full").hasSize(k);
            }
            out.add(p.items());
            token = p.next().orElse(null);
        } while (token != null);
        return out;
    }

    private static List<String> ids(List<List<V1Peering>> pages) {
        return pages.stream().flatMap(List::stream).map(V1Peering::id).toList();
    }

    @Test
    void pagingThroughAllPeeringsYieldsEachOnceInTheOrderOfTheList() {
        twoProjectsWithInterleavedPeerings();
        List<String> all = admin().peerings().list().stream().map(V1Peering::id).toList();
        assertThat(all).doesNotHaveDuplicates().hasSizeGreaterThanOrEqualTo(6);
        for (int k : new int[] {1, 4, all.size(), all.size() + 1}) {
            List<List<V1Peering>> pages = pages(k, token -> admin().peerings().page(k, token));
            assertThat(ids(pages)).as("pages of %d", k).isEqualTo(all);
            assertThat(pages).hasSize(Math.max(1, (all.size() + k - 1) / k));
        }
    }

    @Test
    void aTenantPagesThroughExactlyWhatItSeesWithFullPages() {
        Two t = twoProjectsWithInterleavedPeerings();
        // a sees only its three, although b's lie between them in id order: pages of 2 are [a0, a1], [a2]
        List<List<V1Peering>> pagesA = pages(2, token -> t.a().peerings().page(2, token));
        assertThat(pagesA).hasSize(2);
        assertThat(ids(pagesA)).containsExactlyElementsOf(t.ofA());
        assertThat(ids(pages(1, token -> t.b().peerings().page(1, token)))).containsExactlyElementsOf(t.ofB());
        // the client's list() follows pages and answers the same
        assertThat(t.a().peerings().list()).extracting(V1Peering::id).containsExactlyElementsOf(t.ofA());
        // networks: what a sees (its own and the global ones), page by page, equals its list
        List<String> nets = t.a().networks().list().stream().map(V1Network::id).toList();
        assertThat(pages(3, token -> t.a().networks().page(3, token)).stream().flatMap(List::stream).map(V1Network::id).toList())
                .isEqualTo(nets);
        // an admin's find pages too, and its token belongs to that find
        BiFunction<Integer, String, ApiPage<V1Peering>> findB = (k, token) -> admin().peerings().findPage(FindRequest.peeringsOfProject(t.projectB()), k, token);
        assertThat(ids(pages(2, token -> findB.apply(2, token)))).containsExactlyElementsOf(t.ofB());
        String fromFind = findB.apply(1, null).next().orElseThrow();
        assertApiError(() -> admin().peerings().page(1, fromFind), 400, "continue \"" + fromFind + "\" is not a token of this list");
        assertApiError(() -> admin().peerings().findPage(FindRequest.peeringsOfProject(t.projectA()), 1, fromFind), 400,
                "is not a token of this list");
        // a page continues after its last item even when that item is gone meanwhile
        ApiPage<V1Peering> first = t.a().peerings().page(1, null);
        assertThat(first.items()).extracting(V1Peering::id).containsExactly(t.ofA().get(0));
        t.a().peerings().delete(t.ofA().get(0));
        ApiPage<V1Peering> second = t.a().peerings().page(5, first.next().orElseThrow());
        assertThat(second.items()).extracting(V1Peering::id).containsExactlyElementsOf(t.ofA().subList(1, 3));
        assertThat(second.next()).isEmpty();
    }

    @Test
    void aBadLimitOrContinueIsRefusedNamingTheValue() throws Exception {
        for (int bad : new int[] {0, -1, 1001}) {
            assertApiError(() -> admin().networks().page(bad, null), 400, "limit \"" + bad + "\" is not allowed",
                    "a whole number from 1 to 1000");
        }
        HttpResponse<String> text = get("/v1/network/peering?limit=ten");
        assertThat(text.statusCode()).isEqualTo(400);
        assertThat(text.body()).isEqualTo("{\"statuscode\":400,\"message\":\"limit \\\"ten\\\" is not allowed: send a whole number"
                + " from 1 to 1000, or no limit for all items\"}");
        String token = admin().networks().page(1, null).next().orElseThrow();
        String tampered = Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).replaceFirst(".$", "~").getBytes(StandardCharsets.UTF_8));
        for (String bad : List.of(tampered, "nonsense", "%%%", token + "x")) {
            HttpResponse<String> res = get("/v1/network?limit=1&continue=" + URLEncoder.encode(bad, StandardCharsets.UTF_8));
            assertThat(res.statusCode()).as(bad).isEqualTo(400);
            assertThat(res.body()).as(bad).startsWith("{\"statuscode\":400,\"message\":\"continue \\\"" + bad + "\\\" is not a token of this list:"
                    + " send the X-Continue header of the previous page of the same request");
        }
        // a token of one resource is refused by another
        assertApiError(() -> admin().projects().page(1, token), 400, "is not a token of this list");
        // without limit the answer is the whole list, as before pages, and carries no continue header
        HttpResponse<String> all = get("/v1/network");
        assertThat(all.statusCode()).isEqualTo(200);
        assertThat(all.headers().firstValue(MetalApiClient.CONTINUE_HEADER)).isEmpty();
        assertThat(get("/v1/network?limit=1").headers().firstValue(MetalApiClient.CONTINUE_HEADER)).isPresent();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(api.url() + path))
                .header("Authorization", "Bearer " + MetalApiFixture.ADMIN).build(), HttpResponse.BodyHandlers.ofString());
    }
}
