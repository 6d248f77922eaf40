package io.metalstack.peering.cli;

import io.metalstack.peering.cli.Waiter.Progress;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WaiterTest {
    /** Time moves only when the waiter sleeps. */
    static final class FakeTicker implements Waiter.Ticker {
        long now;
        int sleeps;

        @Override
        public long nanoTime() {
            return now;
        }

        @Override
        public void sleep(Duration d) {
            now += d.toNanos();
            sleeps++;
        }
    }

    private final StringWriter err = new StringWriter();
    private final FakeTicker ticker = new FakeTicker();

    private Waiter waiter(Duration timeout) {
        return new Waiter(timeout, new PrintWriter(err, true), ticker);
    }

    private static java.util.function.Supplier<Progress> script(Progress... steps) {
        Deque<Progress> left = new ArrayDeque<>(List.of(steps));
        return () -> left.size() > 1 ? left.removeFirst() : left.getFirst();
    }

    @Test
    void printsTheProgressLineOnlyWhenItChangesAndReturnsWhenDone() {
        waiter(Duration.ofSeconds(60)).await(script(new Progress.Waiting("waiting for peering a: 0/2 switches synced"),
                new Progress.Waiting("waiting for peering a: 0/2 switches synced"),
                new Progress.Waiting("waiting for peering a: 1/2 switches synced"),
                new Progress.Done()), "hint");
        assertThat(err.toString()).isEqualTo("waiting for peering a: 0/2 switches synced\nwaiting for peering a: 1/2 switches synced\n");
        assertThat(ticker.sleeps).isEqualTo(3);
    }

    @Test
    void doneAtOnceSleepsNeverAndPrintsNothing() {
        waiter(Duration.ofSeconds(1)).await(script(new Progress.Done()), "hint");
        assertThat(err.toString()).isEmpty();
        assertThat(ticker.sleeps).isZero();
    }

    @Test
    void timesOutWithExitSixAndTheLastLine() {
        assertThatThrownBy(() -> waiter(Duration.ofSeconds(2)).await(script(new Progress.Waiting("waiting for peering a: 1/2 switches synced")),
                "the peering was created"))
                .isInstanceOfSatisfying(CliException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.TIMED_OUT))
                .hasMessage("timed out after 2s waiting for peering a: 1/2 switches synced; the peering was created");
        assertThat(ticker.now).isEqualTo(Duration.ofSeconds(2).toNanos());
    }

    @Test
    void aFailureEndsTheWaitWithExitSeven() {
        assertThatThrownBy(() -> waiter(Duration.ofSeconds(60)).await(script(new Progress.Waiting("w"),
                new Progress.Failed("peering a is failed: switch leaf01 failed (error: vtysh said no)")), "see describe"))
                .isInstanceOfSatisfying(CliException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.NOT_APPLIED))
                .hasMessage("peering a is failed: switch leaf01 failed (error: vtysh said no); see describe");
    }

    @Test
    void aTimeoutThatIsNotPositiveIsAUsageError() {
        assertThatThrownBy(() -> waiter(Duration.ZERO))
                .isInstanceOfSatisfying(CliException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE))
                .hasMessageContaining("--timeout 0s is not positive");
    }

    @Test
    void severalChangesAreDoneWhenAllAreAndFailWhenOneFails() {
        Progress done = new Progress.Done();
        assertThat(Progress.all(List.of(done, done))).isEqualTo(done);
        assertThat(Progress.all(List.of(new Progress.Waiting("a"), done, new Progress.Waiting("b")))).isEqualTo(new Progress.Waiting("a; b"));
        assertThat(Progress.all(List.of(new Progress.Waiting("a"), new Progress.Failed("x")))).isEqualTo(new Progress.Failed("x"));
        assertThat(Progress.all(List.of())).isEqualTo(done);
    }
}
