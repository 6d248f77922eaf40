package io.metalstack.peering.server;

import io.metalstack.peering.api.ApiException;
import io.metalstack.peering.api.MetalApiClient;
import io.metalstack.peering.api.V1Bgp;
import io.metalstack.peering.api.V1Network;
import io.metalstack.peering.api.V1Peering;
import io.metalstack.peering.api.V1PeeringDryRun;
import io.metalstack.peering.api.fixture.PeeringRequest;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * {@code ?dryrun=true} on a peering's create, update and delete: the whole admission and plan on the would-be state,
 * nothing committed (the revision, the switches' intents and the peerings stay as they were), a refusal exactly as
 * the real call's, per changed switch the diff of its rendered files, no secret and no other project's prefix in it.
 */
abstract class DryRunContract extends MetalApiContract {

    DryRunContract(MetalApiFixture api) {
        super(api);
    }

    /** What a dry run must leave as it was: the revision, the intents of {@code switches}, the peerings. */
    private record Untouched(long revision, List<Long> intents, List<V1Peering> peerings) {}

    private Untouched untouched(String... switches) {
        List<Long> intents = new ArrayList<>();
        for (String s : switches) {
            intents.add(admin().switchIntent(s, null, null).revision());
        }
        return new Untouched(admin().health().revision(), intents, admin().peerings().list());
    }

    /** The dry run answers what the real call answers: the same status and the same message. */
    private static void sameRefusal(ThrowableAssert.ThrowingCallable real, ThrowableAssert.ThrowingCallable dry, int status) {
        ApiException r = catchThrowableOfType(ApiException.class, real);
        ApiException d = catchThrowableOfType(ApiException.class, dry);
        assertThat(r).as("the real call is refused").isNotNull();
        assertThat(d).as("the dry run is refused").isNotNull();
        assertThat(r.statuscode()).as(r.getMessage()).isEqualTo(status);
        assertThat(d.statuscode()).isEqualTo(r.statuscode());
        assertThat(d.getMessage()).isEqualTo(r.getMessage());
    }

    @Test
    void localCreateCommitsNothingAndShowsTheLeafsDiff() {
        V1Network a = net("p1"), b = net("p1");
        String leaf = leafWith(4200000041L, "10.255.0.41", a, b);
        Untouched before = untouched(leaf);

        V1PeeringDryRun dry = as("editor1").dryRunCreatePeering(PeeringRequest.local(a.id(), b.id()).name(name("pe")).build());

        assertThat(untouched(leaf)).isEqualTo(before);
        assertThat(dry.peering().network1()).isEqualTo(a.id());
        assertThat(dry.peering().projectid()).isEqualTo("p1");
        assertThat(dry.peering().status().phase()).isEqualTo("pending");
        assertThat(dry.peering().status().switches()).extracting(s -> s.switchid()).containsExactly(leaf);
        assertThat(dry.peering().id()).as("the server chooses the id when it creates the peering").isNull();
        assertThat(dry.switches()).singleElement().satisfies(s -> {
            assertThat(s.switchid()).isEqualTo(leaf);
            assertThat(s.diff()).startsWith("--- a/etc/frr/frr.conf\n+++ b/etc/frr/frr.conf\n@@ ")
                    .contains("+  import vrf vrf" + b.vrf() + "\n", "+  import vrf vrf" + a.vrf() + "\n");
        });

        // the real create changes exactly what the dry run showed
        String rendered = render(leaf);
        V1Peering real = as("editor1").peerings().create(PeeringRequest.local(a.id(), b.id()).name(name("pe")).build());
        assertThat(admin().health().revision()).isGreaterThan(before.revision());
        assertThat(io.metalstack.peering.frr.RenderedDiff.unified(files(rendered), files(render(leaf))))
                .isEqualTo(dry.switches().get(0).diff());

        // the delete's dry run shows the reverse, and the peering stays
        V1PeeringDryRun gone = as("editor1").dryRunDeletePeering(real.id());
        assertThat(gone.peering().status().phase()).isEqualTo("deleted");
        assertThat(gone.switches()).singleElement().satisfies(s -> assertThat(s.diff())
                .contains("-  import vrf vrf" + b.vrf() + "\n").doesNotContain("+  import vrf"));
        assertThat(as("editor1").peerings().get(real.id()).enabled()).isTrue();

        // an update's dry run: disabling would withdraw it from the leaf, and it stays enabled
        V1PeeringDryRun off = as("editor1").dryRunUpdatePeering(PeeringRequest.update(real).name(real.name()).enabled(false).build());
        assertThat(off.peering().enabled()).isFalse();
        assertThat(off.switches()).singleElement().satisfies(s -> assertThat(s.diff()).isEqualTo(gone.switches().get(0).diff()));
        assertThat(as("editor1").peerings().get(real.id()).enabled()).isTrue();
        giveBack(List.of(real), a, b);
    }

    /** {@code switch describe --config}'s files of a leaf, as one text. */
    private String render(String leaf) {
        return admin().renderSwitch(leaf, "cumulus").files().get("frr.conf");
    }

    private static java.util.SortedMap<String, String> files(String frr) {
        return new java.util.TreeMap<>(java.util.Map.of("frr.conf", frr));
    }

    @Test
    void refusedExactlyAsTheRealCall() {
        V1Network a = net("p1"), theirs = net("p2"), b = net("p1");
        Untouched before = untouched();
        MetalApiClient editor = as("editor1");
        // another project's private network (422), the same network twice (422), an external peering by a tenant (403)
        sameRefusal(() -> admin().peerings().create(peering(a.id(), theirs.id())),
                () -> admin().dryRunCreatePeering(peering(a.id(), theirs.id())), 422);
        sameRefusal(() -> editor.peerings().create(peering(a.id(), a.id())), () -> editor.dryRunCreatePeering(peering(a.id(), a.id())), 422);
        V1Bgp bgp = new V1Bgp(new V1Bgp.Local(65000L, "172.16.0.1", "Ethernet0@nowhere"), new V1Bgp.Remote(65001L, "172.16.0.2"));
        sameRefusal(() -> editor.peerings().create(PeeringRequest.external(a.id(), null, bgp).build()),
                () -> editor.dryRunCreatePeering(PeeringRequest.external(a.id(), null, bgp).build()), 403);
        // a viewer may not (403); the pair already peered (409)
        sameRefusal(() -> as("viewer1").peerings().create(peering(a.id(), b.id())),
                () -> as("viewer1").dryRunCreatePeering(peering(a.id(), b.id())), 403);
        V1Peering p = editor.peerings().create(peering(a.id(), b.id()));
        Untouched peered = untouched();
        sameRefusal(() -> editor.peerings().create(peering(b.id(), a.id())), () -> editor.dryRunCreatePeering(peering(b.id(), a.id())), 409);
        // delete and update: a viewer (403), another project (404), a stale update (409)
        sameRefusal(() -> as("viewer1").peerings().delete(p.id()), () -> as("viewer1").dryRunDeletePeering(p.id()), 403);
        sameRefusal(() -> as("editor2").peerings().delete(p.id()), () -> as("editor2").dryRunDeletePeering(p.id()), 404);
        V1Peering stale = PeeringRequest.update(p).name("x").at(p.changed().minusSeconds(5)).build();
        sameRefusal(() -> editor.peerings().update(stale), () -> editor.dryRunUpdatePeering(stale), 409);
        assertThat(untouched().revision()).isEqualTo(peered.revision());
        assertThat(peered.revision()).isEqualTo(before.revision() + 1);
        giveBack(List.of(p), a, b);
        as("owner2").freeNetwork(theirs.id());
    }

    @Test
    void aBadDryrunValueIsA400NamingIt() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(api.url() + "/v1/network/peering/x?dryrun=yes"))
                .header("Authorization", "Bearer " + MetalApiFixture.ADMIN).DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).isEqualTo("{\"statuscode\":400,\"message\":\"dryrun \\\"yes\\\" is not allowed: send dryrun=true, or"
                + " dryrun=false or none for a real write\"}");
    }

    /** The exit switch's session lines, with the password masked: never its value. */
    @Test
    void externalShowsTheSessionWithoutItsPassword() {
        String exit = exitSwitch(41, "Ethernet0");
        Untouched before = untouched(exit);
        String secret = "dryRunSecret42";
        V1Bgp bgp = new V1Bgp(new V1Bgp.Local(65000L, "172.16.0.1", "Ethernet0@" + exit), new V1Bgp.Remote(65001L, "172.16.0.2"),
                1000, false, secret, null, List.of(), List.of());
        V1PeeringDryRun dry = admin().dryRunCreatePeering(PeeringRequest.external("internet", null, bgp).name(name("ext")).build());
        assertThat(untouched(exit)).isEqualTo(before);
        assertThat(dry.peering().bgp().haspassword()).isTrue();
        assertThat(dry.switches()).singleElement().satisfies(s -> {
            assertThat(s.switchid()).isEqualTo(exit);
            assertThat(s.diff()).contains("+ neighbor 172.16.0.2 remote-as 65001\n", "+ neighbor 172.16.0.2 password <hidden>\n")
                    .doesNotContain(secret);
        });
        // refused as the real call: the port is taken
        V1Peering real = admin().peerings().create(PeeringRequest.external("internet", null, bgp).name(name("ext")).build());
        sameRefusal(() -> admin().peerings().create(PeeringRequest.external("internet", null, bgp).build()),
                () -> admin().dryRunCreatePeering(PeeringRequest.external("internet", null, bgp).build()), 409);
        assertThat(admin().dryRunDeletePeering(real.id()).switches()).singleElement()
                .satisfies(s -> assertThat(s.diff()).contains("- neighbor 172.16.0.2 password <hidden>\n").doesNotContain(secret));
        admin().peerings().delete(real.id());
    }

    /**
     * A tenant's diff shows switch config only where it may see it: on a leaf that also carries another project's
     * networks, its shared network's import of the other project's network is a context line; its prefixes are hidden.
     */
    @Test
    void aTenantSeesNoOtherProjectsPrefixes() {
        V1Network a = net("p1");
        V1Network storage = allocate("owner2", "p2", "fra", true), theirs = net("p2");
        String leaf = leafWith(4200000042L, "10.255.0.42", a, storage, theirs);
        V1Peering inner = as("owner2").peerings().create(peering(storage.id(), theirs.id()));
        Supplier<V1Peering> request = () -> PeeringRequest.local(a.id(), storage.id()).name(name("pe")).build();

        String adminDiff = admin().dryRunCreatePeering(request.get()).switches().get(0).diff();
        String tenantDiff = as("editor1").dryRunCreatePeering(request.get()).switches().get(0).diff();

        assertThat(adminDiff).as("the other project's network is context of this change").contains(theirs.prefixes().get(0));
        for (String prefix : theirs.prefixes()) {
            assertThat(tenantDiff).doesNotContain(prefix);
        }
        assertThat(tenantDiff).contains("<hidden>");
        // what it may see stays: its own and the shared network's prefixes
        assertThat(tenantDiff).contains(a.prefixes().get(0), storage.prefixes().get(0));
        assertThat(tenantDiff.lines().count()).isEqualTo(adminDiff.lines().count());
        giveBack(List.of(inner), a, storage, theirs);
    }
}
