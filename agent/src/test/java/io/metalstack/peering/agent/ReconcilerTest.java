package io.metalstack.peering.agent;

import io.metalstack.peering.api.IntentCodec;
import io.metalstack.peering.api.V1ObservedPrefixes;
import io.metalstack.peering.api.V1RenderWarning;
import io.metalstack.peering.api.V1SwitchIntent;
import io.metalstack.peering.api.V1SwitchNotifyRequest;
import io.metalstack.peering.api.fixture.VrfIntentBuilder;
import io.metalstack.peering.frr.FrrRenderer;
import io.metalstack.peering.model.status.Warning;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static io.metalstack.peering.agent.Intents.A;
import static io.metalstack.peering.agent.Intents.B;
import static io.metalstack.peering.agent.Intents.OTHER;
import static io.metalstack.peering.agent.Intents.leaf;
import static io.metalstack.peering.agent.Intents.peered;
import static org.assertj.core.api.Assertions.assertThat;

class ReconcilerTest {
    private final FakeTarget target = new FakeTarget();
    private final AtomicLong clock = new AtomicLong();
    private final Reconciler reconciler = new Reconciler(target, new FrrRenderer(), () -> clock.addAndGet(7_000_000), Duration.ZERO);

    @Test
    void appliesTheRenderedConfigAndReportsWhatTheSwitchShows() {
        target.route("vrf100", "10.0.8.0/22", "10.0.16.0/22", "2001:db8:8::/64");

        V1SwitchNotifyRequest report = reconciler.reconcile(5, peered(A, B, "same-project"));

        assertThat(target.applied).singleElement().satisfies(c -> assertThat(c.frrConf()).contains("import vrf vrf200"));
        assertThat(report.revision()).isEqualTo(5);
        assertThat(report.error()).isNull();
        assertThat(report.durationms()).isEqualTo(7);
        assertThat(report.vrfs()).containsEntry("vrf100",
                new V1ObservedPrefixes(java.util.List.of("10.0.8.0/22", "10.0.16.0/22"), java.util.List.of("2001:db8:8::/64")));
    }

    @Test
    void theReportCarriesTheRenderersWarnings() {
        V1SwitchIntent familyless = leaf(VrfIntentBuilder.of(A.vni(), A.id()).facts(A.project(), A.type()).vlan(1100).families(List.of()).build());
        List<Warning> given = new FrrRenderer().render(IntentCodec.toModel(familyless)).warnings();
        assertThat(given).as("the renderer warns of a VRF without an address family").isNotEmpty();

        V1SwitchNotifyRequest report = reconciler.reconcile(5, familyless);

        assertThat(report.error()).isNull();
        assertThat(report.warnings()).containsExactlyElementsOf(given.stream().map(w -> new V1RenderWarning(w.subject(), w.message())).toList());
        assertThat(reconciler.report(5, 0, null).warnings()).as("a later report of the same intent").isEqualTo(report.warnings());
        assertThat(reconciler.reconcile(6, leaf(A.vrf())).warnings()).as("an intent without warnings").isNull();
    }

    @Test
    void sameRenderedBytesAreNotAppliedAgainButStillReported() {
        reconciler.reconcile(5, peered(A, B, "same-project"));
        V1SwitchNotifyRequest again = reconciler.reconcile(6, peered(A, B, "same-project"));

        assertThat(target.applied).hasSize(1);
        assertThat(reconciler.applies()).isEqualTo(1);
        assertThat(again.revision()).isEqualTo(6);
        assertThat(again.error()).isNull();

        reconciler.reconcile(7, leaf(A.vrf(), B.vrf()));
        assertThat(target.applied).hasSize(2);
    }

    @Test
    void aCrossProjectImportIsRefusedAndNothingApplied() {
        reconciler.reconcile(5, leaf(A.vrf()));

        V1SwitchNotifyRequest report = reconciler.reconcile(6, peered(A, OTHER, "same-project"));

        assertThat(target.applied).hasSize(1);
        assertThat(report.error()).startsWith("refused the intent, nothing applied").contains("vrf100", "vrf300");
        assertThat(report.revision()).isEqualTo(6);
    }

    @Test
    void anInvalidIntentIsRefused() {
        V1SwitchNotifyRequest report = reconciler.reconcile(3, leaf("OS/2", A.vrf()));
        assertThat(target.applied).isEmpty();
        assertThat(report.error()).startsWith("refused an invalid intent").contains("OS/2");
    }

    @Test
    void aFailedApplyIsReportedAndRetriedWithTheSameBytes() {
        target.failWith = "FRR rejected the config at apply: % boom; the last good config was restored";
        V1SwitchNotifyRequest failed = reconciler.reconcile(8, peered(A, B, "same-project"));
        assertThat(failed.error()).contains("% boom");

        target.failWith = null;
        V1SwitchNotifyRequest retried = reconciler.reconcile(8, peered(A, B, "same-project"));
        assertThat(retried.error()).isNull();
        assertThat(target.applied).hasSize(1);
    }

    @Test
    void convergedOnlyWhenEveryVrfShowsItsOwnAndImportedPrefixes() {
        var intent = io.metalstack.peering.api.IntentCodec.toModel(peered(A, B, "same-project"));
        var seen = new java.util.TreeMap<String, java.util.SortedSet<io.metalstack.peering.model.IpPrefix>>();
        target.route("vrf100", "10.0.8.0/22", "2001:db8:8::/64", "10.0.16.0/22");
        target.route("vrf200", "10.0.16.0/24", "2001:db8:16::/64", "10.0.8.0/22", "2001:db8:8::/64");
        seen.putAll(target.observe().orElseThrow());
        assertThat(Reconciler.converged(intent, seen)).as("vrf100 lacks B's IPv6 prefix").isFalse();

        target.route("vrf100", "2001:db8:16::/64");
        seen.putAll(target.observe().orElseThrow());
        assertThat(Reconciler.converged(intent, seen)).as("a /24 inside the expected /22 counts").isTrue();
    }

    @Test
    void aConvergedApplyIsReportedFromTheReadThatShowedItConverged() {
        target.route("vrf100", "10.0.8.0/22", "2001:db8:8::/64", "10.0.16.0/22", "2001:db8:16::/64");
        target.route("vrf200", "10.0.16.0/24", "2001:db8:16::/64", "10.0.8.0/22", "2001:db8:8::/64");
        java.util.concurrent.atomic.AtomicInteger reads = new java.util.concurrent.atomic.AtomicInteger();
        target.onObserve = reads::incrementAndGet;
        Reconciler settling = new Reconciler(target, new FrrRenderer(), () -> clock.addAndGet(7_000_000), Duration.ofSeconds(10));

        V1SwitchNotifyRequest report = settling.reconcile(5, peered(A, B, "same-project"));

        assertThat(report.error()).isNull();
        assertThat(report.vrfs()).containsEntry("vrf100",
                new V1ObservedPrefixes(java.util.List.of("10.0.8.0/22", "10.0.16.0/22"), java.util.List.of("2001:db8:8::/64", "2001:db8:16::/64")));
        assertThat(reads).as("one read of the tables: the convergence check's, not a second one for the report").hasValue(1);
    }
}
