package io.metalstack.peering.agent;

import io.metalstack.peering.api.ApiUnreachableException;
import io.metalstack.peering.api.V1SwitchIntent;
import io.metalstack.peering.api.V1SwitchIntentResponse;
import io.metalstack.peering.api.V1SwitchNotifyRequest;
import io.metalstack.peering.api.fixture.ExternalSessionBuilder;
import io.metalstack.peering.api.fixture.SessionStateBuilder;
import io.metalstack.peering.api.fixture.SwitchIntentBuilder;
import io.metalstack.peering.frr.FrrRenderer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import static io.metalstack.peering.agent.Intents.A;
import static io.metalstack.peering.agent.Intents.B;
import static io.metalstack.peering.agent.Intents.leaf;
import static io.metalstack.peering.agent.Intents.peered;
import static org.assertj.core.api.Assertions.assertThat;

class AgentTest {
    /** A scripted metal-api: each intent call takes the next answer (an intent at a revision, or unreachable). */
    private static final class ScriptedApi implements SwitchApi {
        final Deque<Object> answers = new ArrayDeque<>();
        final List<String> calls = new ArrayList<>();
        final List<V1SwitchNotifyRequest> reports = new ArrayList<>();
        boolean notifyDown;

        @Override
        public V1SwitchIntentResponse intent(Long after, Duration timeout) {
            calls.add("after=" + after + " timeout=" + timeout.toSeconds());
            Object next = answers.removeFirst();
            if (next instanceof RuntimeException e) {
                throw e;
            }
            return (V1SwitchIntentResponse) next;
        }

        @Override
        public void notify(V1SwitchNotifyRequest report) {
            if (notifyDown) {
                throw down();
            }
            reports.add(report);
        }

        ScriptedApi answer(long revision, V1SwitchIntent intent) {
            answers.add(SwitchIntentBuilder.answer(revision, intent));
            return this;
        }

        ScriptedApi down(int times) {
            for (int i = 0; i < times; i++) {
                answers.add(down());
            }
            return this;
        }

        private static ApiUnreachableException down() {
            return new ApiUnreachableException("connection refused", null);
        }
    }

    private final ScriptedApi api = new ScriptedApi();
    private final FakeTarget target = new FakeTarget();
    private final List<Duration> slept = new ArrayList<>();
    private final Agent.Settings settings = new Agent.Settings(Duration.ofSeconds(30), Duration.ofSeconds(10), Duration.ofSeconds(10),
            Duration.ofSeconds(2), new Backoff(Duration.ofMillis(500), Duration.ofSeconds(4)), 3);
    private final Agent agent = new Agent("leaf01", api, new Reconciler(target, new FrrRenderer(), System::nanoTime, Duration.ZERO), settings, slept::add);

    @Test
    void aNewRevisionReadsTheTablesOnceForItsReportAndItsNextComparison() {
        api.answer(4, leaf(A.vrf()));
        List<String> reads = new ArrayList<>();
        target.onObserve = () -> reads.add("read after " + api.reports.size() + " report(s)");

        assertThat(agent.step()).isEqualTo(Agent.Step.RECONCILED);

        assertThat(reads).as("the report's read is the agent's next baseline: no second read before the report goes out")
                .containsExactly("read after 0 report(s)");
    }

    @Test
    void longPollsAfterTheLastRevisionAndReconcilesOnlyOnChange() {
        api.answer(4, leaf(A.vrf())).answer(4, leaf(A.vrf())).answer(9, peered(A, B, "same-project"));

        assertThat(agent.step()).isEqualTo(Agent.Step.RECONCILED);
        assertThat(agent.step()).isEqualTo(Agent.Step.UNCHANGED);
        assertThat(agent.step()).isEqualTo(Agent.Step.RECONCILED);

        assertThat(api.calls).as("the first call answers at once; then the long-poll is cut to the observe interval")
                .containsExactly("after=null timeout=30", "after=4 timeout=2", "after=4 timeout=2");
        assertThat(target.applied).hasSize(2);
        assertThat(api.reports).extracting(V1SwitchNotifyRequest::revision).containsExactly(4L, 9L);
        assertThat(slept).isEmpty();
    }

    @Test
    void aDueDriftCheckAppliesTheUnchangedIntentAgain() {
        api.answer(4, leaf(A.vrf())).answer(4, leaf(A.vrf())).answer(4, leaf(A.vrf()));
        agent.step();

        target.driftCheckDue = true;
        assertThat(agent.step()).isEqualTo(Agent.Step.RECONCILED);
        target.driftCheckDue = false;
        assertThat(agent.step()).isEqualTo(Agent.Step.UNCHANGED);

        assertThat(target.applied).hasSize(2);
        assertThat(target.applied.get(1)).isEqualTo(target.applied.get(0));
    }

    @Test
    void serverDownKeepsTheConfigBacksOffAndFallsBackToPolling() {
        api.answer(4, peered(A, B, "same-project")).down(5).answer(4, peered(A, B, "same-project"))
                .answer(4, peered(A, B, "same-project")).answer(4, peered(A, B, "same-project")).answer(4, peered(A, B, "same-project"));

        agent.step();
        for (int i = 0; i < 5; i++) {
            assertThat(agent.step()).isEqualTo(Agent.Step.FAILED);
        }
        assertThat(target.applied).as("nothing is applied or removed while metal-api is away").hasSize(1);
        assertThat(slept).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2),
                Duration.ofSeconds(4), Duration.ofSeconds(4));
        assertThat(agent.polling()).isTrue();

        slept.clear();
        agent.step();
        agent.step();
        agent.step();
        assertThat(api.calls.subList(1, 4)).as("long-polls before the fallback").allMatch(c -> c.equals("after=4 timeout=2"));
        assertThat(api.calls.subList(6, 9)).as("plain polls").allMatch(c -> c.equals("after=null timeout=0"));
        assertThat(slept).as("between polls; the third good poll goes straight back to long-polling")
                .containsExactly(Duration.ofSeconds(10), Duration.ofSeconds(10));
        assertThat(agent.polling()).as("long-polls again after as many good polls").isFalse();
        agent.step();
        assertThat(api.calls.get(9)).isEqualTo("after=4 timeout=2");
        assertThat(target.applied).hasSize(1);
    }

    @Test
    void aReportThatCouldNotBeSentIsResent() {
        api.answer(4, leaf(A.vrf())).answer(4, leaf(A.vrf()));
        api.notifyDown = true;
        agent.step();
        assertThat(api.reports).isEmpty();

        api.notifyDown = false;
        agent.step();
        assertThat(api.reports).extracting(V1SwitchNotifyRequest::revision).containsExactly(4L);
    }

    @Test
    void aChangedRouteTableIsReportedBetweenChanges() {
        api.answer(4, leaf(A.vrf())).answer(4, leaf(A.vrf())).answer(4, leaf(A.vrf()));
        target.route("vrf100", "10.0.8.0/22");
        agent.step();

        target.route("vrf100", "10.99.0.0/24");
        assertThat(agent.step()).isEqualTo(Agent.Step.OBSERVED);
        assertThat(agent.step()).isEqualTo(Agent.Step.UNCHANGED);

        assertThat(api.reports).hasSize(2);
        assertThat(api.reports.get(1).vrfs().get("vrf100").ipv4()).containsExactly("10.0.8.0/22", "10.99.0.0/24");
        assertThat(api.reports.get(1).revision()).isEqualTo(4L);
    }

    /** A session that goes down while no route changes (its neighbour announced nothing) is still reported. */
    @Test
    void aChangedSessionStateIsReportedBetweenChanges() {
        V1SwitchIntent exit = exitWithSession();
        api.answer(5, exit).answer(5, exit).answer(5, exit);
        target.sessionStates = List.of(SessionStateBuilder.of("p-ext", "Established").build());
        agent.step();
        assertThat(api.reports.get(0).sessions()).containsExactly(SessionStateBuilder.of("p-ext", "Established").build());

        target.sessionStates = List.of(SessionStateBuilder.of("p-ext", "Active").build());
        assertThat(agent.step()).isEqualTo(Agent.Step.OBSERVED);
        assertThat(agent.step()).isEqualTo(Agent.Step.UNCHANGED);
        assertThat(api.reports).hasSize(2);
        assertThat(api.reports.get(1).sessions()).containsExactly(SessionStateBuilder.of("p-ext", "Active").build());
    }

    private static V1SwitchIntent exitWithSession() {
        return SwitchIntentBuilder.from(leaf(Intents.INTERNET.vrf())).id("exit01").role("exit").bgp(4200000031L, "10.0.0.31")
                .unprovisioned(List.of())
                .external(List.of(ExternalSessionBuilder.of("p-ext", "swp41", 104009).link(65000L, "172.16.0.1/30", 65001L, "172.16.0.2/30")
                        .exportprefixes(List.of("185.1.2.0/24")).importprefixes(List.of("0.0.0.0/0")).maxprefixes(1000).build()))
                .build();
    }
}
