package io.metalstack.peering.server;

import io.metalstack.peering.api.ApiPage;
import io.metalstack.peering.api.V1Bgp;
import io.metalstack.peering.api.V1Event;
import io.metalstack.peering.api.V1EventFindRequest;
import io.metalstack.peering.api.V1Network;
import io.metalstack.peering.api.V1Peering;
import io.metalstack.peering.api.V1Project;
import io.metalstack.peering.api.V1Token;
import io.metalstack.peering.api.V1TokenCreateRequest;
import io.metalstack.peering.api.fixture.BgpRequest;
import io.metalstack.peering.api.fixture.NetworkRequest;
import io.metalstack.peering.api.fixture.PartitionRequest;
import io.metalstack.peering.api.fixture.PeeringRequest;
import io.metalstack.peering.api.fixture.ProjectRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit timeline: every write records one event in its own transaction (actor id and role, never a secret; a dry
 * run none), a project reads only the events naming it, pages, filters, and the retention.
 */
abstract class EventContract extends MetalApiContract {

    EventContract(MetalApiFixture api) {
        super(api);
    }

    @AfterEach
    void resetClock() {
        api.clock().reset();
    }

    private static V1EventFindRequest of(String kind, String id) {
        return new V1EventFindRequest(kind, id, null, null, null, null);
    }

    private List<V1Event> eventsOf(String kind, String id) {
        return admin().events().find(of(kind, id));
    }

    /** The id of the fixture's token {@code name} (its description). */
    private String tokenId(String name) {
        return admin().tokens().stream().filter(t -> name.equals(t.description())).map(V1Token::id).findFirst().orElseThrow();
    }

    private static void assertOne(List<V1Event> events, String action, String actor, String role) {
        assertThat(events).as("events %s", events).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo(action);
            assertThat(e.actor()).isEqualTo(actor);
            assertThat(e.actorrole()).isEqualTo(role);
            assertThat(e.time()).isNotNull();
        });
    }

    @Test
    void everyWriteRecordsOneEventWithItsActorAndNoSecret() throws Exception {
        // partition, project: admin
        String partition = name("pa");
        admin().partitions().create(PartitionRequest.of(partition).name("first").build());
        assertOne(eventsOf("partition", partition), "create", "admin", "admin");
        admin().partitions().delete(partition);
        assertThat(eventsOf("partition", partition)).extracting(V1Event::action).containsExactly("create", "delete");
        String project = name("pr");
        V1Project pr = admin().projects().create(ProjectRequest.of(project, "t9").name("before").build());
        admin().projects().update(ProjectRequest.update(pr).name("after").build());
        assertThat(eventsOf("project", project)).extracting(V1Event::action, V1Event::brief)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("create", eventsOf("project", project).get(0).brief()),
                        org.assertj.core.groups.Tuple.tuple("update", "name: before → after"));
        // a token: its event never holds the secret
        V1Token issued = admin().createToken(new V1TokenCreateRequest("viewer", project, name("tok")));
        assertOne(eventsOf("token", issued.id()), "create", "admin", "admin");
        admin().revokeToken(issued.id());
        admin().projects().delete(project);

        // networks: allocated by a project owner, updated, freed
        String owner1 = tokenId("owner1");
        V1Network n = net("p1");
        assertOne(eventsOf("network", n.id()), "allocate", owner1, "owner");
        as("owner1").networks().update(NetworkRequest.update(n).description("docs").build());
        V1Network other = net("p1");

        // peerings: create, update, disable, delete (a manual one by an owner)
        V1Peering p = as("owner1").peerings().create(peering(n.id(), other.id()));
        assertOne(as("owner1").peeringEvents(p.id()), "create", owner1, "owner");
        V1Peering renamed = as("owner1").peerings().update(PeeringRequest.update(p).name("renamed").build());
        as("owner1").peerings().update(PeeringRequest.update(renamed).name("renamed").enabled(false).build());
        as("owner1").peerings().delete(p.id());
        List<V1Event> ofPeering = as("owner1").peeringEvents(p.id());
        assertThat(ofPeering).extracting(V1Event::action).containsExactly("create", "update", "disable", "delete");
        assertThat(ofPeering.get(1).brief()).isEqualTo("name: " + p.name() + " → renamed");
        assertThat(ofPeering.get(2).brief()).isEqualTo("enabled: true → false");
        assertThat(ofPeering).allSatisfy(e -> assertThat(e.projectids()).containsExactly("p1"));
        assertThat(ofPeering.stream().map(V1Event::id).mapToLong(Long::parseLong)).isSorted();

        // an external peering with a BGP password, by an admin: the password never shows
        String exit = exitSwitch(61, "Ethernet0");
        assertOne(eventsOf("switch", exit), "create", "admin", "admin");
        V1Bgp bgp = BgpRequest.session(65000L, "2001:db8:61::1", "Ethernet0@" + exit, 65001L, "2001:db8:61::2").password("pw-in-no-event").build();
        V1Peering ext = admin().peerings().create(PeeringRequest.external("internet", n.id(), bgp).build());
        admin().peerings().update(PeeringRequest.update(ext).bgp(BgpRequest.session(65000L, "2001:db8:61::1", "Ethernet0@" + exit, 65001L,
                "2001:db8:61::2").password("pw-in-no-event").build()).name("isp").build());
        admin().peerings().delete(ext.id());
        assertThat(admin().peeringEvents(ext.id())).extracting(V1Event::action).containsExactly("create", "update", "delete");
        admin().switches().delete(exit);

        admin().freeNetwork(n.id());
        admin().freeNetwork(other.id());
        assertThat(eventsOf("network", n.id())).extracting(V1Event::action, V1Event::actor)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("allocate", owner1), org.assertj.core.groups.Tuple.tuple("update", owner1),
                        org.assertj.core.groups.Tuple.tuple("free", "admin"));

        // no secret anywhere in the timeline: neither a token's nor a BGP password
        HttpResponse<String> all = send("POST", "/v1/event/find", "{}", MetalApiFixture.ADMIN);
        assertThat(all.statusCode()).isEqualTo(200);
        assertThat(all.body()).contains(owner1, issued.id()).doesNotContain("pw-in-no-event", issued.secret(), api.secret("owner1"),
                MetalApiFixture.ADMIN, "secrethash", "secretHash");
    }

    @Test
    void aDryRunOrARefusedWriteRecordsNothing() throws Exception {
        V1Network a = net("p1"), b = net("p1");
        String editor = tokenId("editor1");
        Instant from = Instant.now().minusSeconds(1);
        V1EventFindRequest byEditor = new V1EventFindRequest(null, null, editor, null, from, null);
        HttpResponse<String> dry = send("PUT", "/v1/network/peering?dryrun=true", "{\"network1\": \"" + a.id() + "\", \"network2\": \"" + b.id()
                + "\", \"peeringtype\": \"local\"}", api.secret("editor1"));
        assertThat(dry.statusCode()).as(dry.body()).isEqualTo(200);
        // refused (the same network twice): rolled back, no event
        assertApiError(() -> as("editor1").peerings().create(peering(a.id(), a.id())), 422, "cannot peer with itself");
        assertThat(admin().events().find(byEditor)).isEmpty();
        V1Peering p = as("editor1").peerings().create(peering(a.id(), b.id()));
        HttpResponse<String> dryDelete = send("DELETE", "/v1/network/peering/" + p.id() + "?dryrun=true", null, api.secret("editor1"));
        assertThat(dryDelete.statusCode()).isEqualTo(200);
        assertThat(admin().events().find(byEditor)).extracting(V1Event::action).containsExactly("create");
        giveBack(List.of(p), a, b);
    }

    @Test
    void aProjectReadsOnlyTheEventsNamingItEvenOfADeletedPeering() {
        V1Network a = net("p1"), b = net("p1");
        V1Peering p = as("owner1").peerings().create(peering(a.id(), b.id()));
        as("owner1").peerings().delete(p.id());
        // p1 still reads the timeline of its deleted peering
        assertThat(as("viewer1").peeringEvents(p.id())).extracting(V1Event::action).containsExactly("create", "delete");
        // p2 does not, by id nor by find; nor the events of p1's networks
        assertApiError(() -> as("owner2").peeringEvents(p.id()), 404, "peering " + p.id() + " not found");
        assertThat(as("owner2").events().find(of("peering", p.id()))).isEmpty();
        assertThat(as("owner2").events().find(of("network", a.id()))).isEmpty();
        assertThat(as("owner2").events().find(new V1EventFindRequest(null, null, null, null, null, null)))
                .allSatisfy(e -> assertThat(e.projectids()).contains("p2"));
        // a peering that never was: 404 too
        assertApiError(() -> as("owner1").peeringEvents("00000000-0000-0000-0000-000000000000"), 404, "not found");
        // infra reads all, as admin
        assertThat(as("infra").peeringEvents(p.id())).hasSize(2);
        giveBack(List.of(), a, b);
    }

    @Test
    void pagesFollowTheTimelineOldestFirst() throws Exception {
        V1Network a = net("p1"), b = net("p1");
        V1Peering p = as("owner1").peerings().create(peering(a.id(), b.id()));
        for (int i = 0; i < 4; i++) {
            p = as("owner1").peerings().update(PeeringRequest.update(p).name("n" + i).build());
        }
        List<V1Event> whole = as("owner1").peeringEvents(p.id());
        assertThat(whole).hasSize(5);
        List<V1Event> paged = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            ApiPage<V1Event> page = as("owner1").peeringEventsPage(p.id(), 2, token);
            paged.addAll(page.items());
            token = page.next().orElse(null);
            pages++;
        } while (token != null);
        assertThat(pages).isEqualTo(3);
        assertThat(paged).isEqualTo(whole);
        // a find pages the same way; its token serves only its own request
        V1EventFindRequest find = of("peering", p.id());
        ApiPage<V1Event> first = as("owner1").events().findPage(find, 3, null);
        assertThat(first.items()).isEqualTo(whole.subList(0, 3));
        assertThat(as("owner1").events().findPage(find, 3, first.next().orElseThrow()).items()).isEqualTo(whole.subList(3, 5));
        HttpResponse<String> foreign = send("GET", "/v1/network/peering/" + p.id() + "/events?limit=2&continue=" + first.next().orElseThrow(), null,
                api.secret("owner1"));
        assertThat(foreign.statusCode()).isEqualTo(400);
        assertThat(foreign.body()).contains("is not a token of this list");
        giveBack(List.of(p), a, b);
    }

    @Test
    void findFiltersByActorActionAndTime() {
        V1Network a = net("p1"), b = net("p1");
        Instant before = Instant.now().minusSeconds(1);
        V1Peering p = as("editor1").peerings().create(peering(a.id(), b.id()));
        as("owner1").peerings().update(PeeringRequest.update(p).name("x").build());
        String editor = tokenId("editor1"), owner = tokenId("owner1");
        assertThat(admin().events().find(new V1EventFindRequest("peering", p.id(), editor, null, null, null)))
                .extracting(V1Event::action).containsExactly("create");
        assertThat(admin().events().find(new V1EventFindRequest(null, p.id(), owner, "update", null, null))).hasSize(1);
        assertThat(admin().events().find(new V1EventFindRequest(null, p.id(), null, "delete", null, null))).isEmpty();
        Instant after = Instant.now().plusSeconds(1);
        assertThat(admin().events().find(new V1EventFindRequest(null, p.id(), null, null, before, after))).hasSize(2);
        assertThat(admin().events().find(new V1EventFindRequest(null, p.id(), null, null, after, null))).isEmpty();
        assertThat(admin().events().find(new V1EventFindRequest(null, p.id(), null, null, null, before))).isEmpty();
        giveBack(List.of(p), a, b);
    }

    @Test
    void badFiltersAreRefusedNamingTheValue() throws Exception {
        String token = MetalApiFixture.ADMIN;
        assertBad(send("POST", "/v1/event/find", "{\"objectkind\": \"bogus\"}", token), "objectkind \\\"bogus\\\" is unknown: use one of machine,");
        assertBad(send("POST", "/v1/event/find", "{\"action\": \"explode\"}", token), "action \\\"explode\\\" is unknown");
        assertBad(send("POST", "/v1/event/find", "{\"color\": \"red\"}", token), "find field \\\"color\\\" is unknown: use action, actor,");
        assertBad(send("POST", "/v1/event/find", "{\"from\": \"yesterday\"}", token), "yesterday");
        assertBad(send("POST", "/v1/event/find", "{\"from\": \"2026-02-01T00:00:00Z\", \"to\": \"2026-01-01T00:00:00Z\"}", token),
                "from 2026-02-01T00:00:00Z is not before to 2026-01-01T00:00:00Z");
        assertBad(send("POST", "/v1/event/find?limit=0", "{}", token), "limit \\\"0\\\" is not allowed");
        assertThat(send("POST", "/v1/event/find", "{}", null).statusCode()).isEqualTo(401);
        assertThat(send("GET", "/openapi.json", null, null).body()).contains("\"/v1/event/find\"", "\"/v1/network/peering/{id}/events\"",
                "\"V1Event\"", "\"V1EventFindRequest\"");
        assertThat(send("GET", "/v1/network/peering/x/events", null, null).statusCode()).isEqualTo(401);
    }

    private static void assertBad(HttpResponse<String> r, String part) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(r.body()).contains("\"statuscode\":400").contains(part);
    }

    @Test
    void eventsOlderThanTheRetentionArePrunedByLaterWrites() {
        V1Network a = net("p1");
        assertThat(eventsOf("network", a.id())).hasSize(1);
        api.clock().advance(Duration.ofDays(91));
        // a write at most once a minute prunes a bounded batch, oldest first: a few writes take every older event
        for (int i = 0; i < 100 && !eventsOf("network", a.id()).isEmpty(); i++) {
            api.clock().advance(Duration.ofMinutes(2));
            admin().projects().update(ProjectRequest.update(admin().projects().get("p2")).labels(Map.of("round", Integer.toString(i))).build());
        }
        assertThat(eventsOf("network", a.id())).isEmpty();
        // the newer ones stay
        assertThat(eventsOf("project", "p2")).isNotEmpty();
        admin().projects().update(ProjectRequest.update(admin().projects().get("p2")).labels(Map.of()).build());
        admin().freeNetwork(a.id());
    }
}
