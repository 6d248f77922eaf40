package io.metalstack.peering.agent;

import io.metalstack.peering.api.ApiException;
import io.metalstack.peering.api.ApiUnreachableException;
import io.metalstack.peering.api.V1SessionState;
import io.metalstack.peering.api.V1SwitchIntentResponse;
import io.metalstack.peering.api.V1SwitchNotifyRequest;
import io.metalstack.peering.model.IpPrefix;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;

import static java.util.Objects.requireNonNull;

/**
 * metal-core's reconcile loop for one switch. It watches the switch's intent by long-poll ({@code after=} the last
 * revision it saw), reconciles on every new revision and reports. When metal-api cannot be reached it keeps the last
 * good config in place and retries with capped exponential backoff; after {@link Settings#failuresBeforePolling}
 * failed long-polls in a row it falls back to plain polling every {@link Settings#pollInterval}, and tries
 * long-polling again after as many successful polls. A failed apply is retried every {@link Settings#retryInterval};
 * when the target's drift check is due ({@link ApplyTarget#driftCheckDue}) the last intent is reconciled again
 * although it did not change.
 * Between changes it re-reads the BGP tables and the external sessions' states every {@link Settings#observeInterval}
 * and reports when either changed, so that a leaked route or a session going down shows up at the server within seconds.
 */
final class Agent implements Runnable {
    private static final System.Logger LOG = System.getLogger(Agent.class.getName());

    /** The loop's timing. */
    record Settings(Duration longPoll, Duration pollInterval, Duration retryInterval, Duration observeInterval,
                    Backoff backoff, int failuresBeforePolling) {
        Settings {
            requireNonNull(longPoll, "longPoll is null");
            requireNonNull(pollInterval, "pollInterval is null");
            requireNonNull(retryInterval, "retryInterval is null");
            requireNonNull(observeInterval, "observeInterval is null");
            requireNonNull(backoff, "backoff is null");
            if (failuresBeforePolling < 1) {
                throw new IllegalArgumentException("failuresBeforePolling must be >= 1: " + failuresBeforePolling);
            }
        }

        static Settings defaults() {
            return new Settings(Duration.ofSeconds(30), Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(2),
                    new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30)), 3);
        }
    }

    /** What one turn of the loop did; for tests and logs. */
    enum Step { RECONCILED, OBSERVED, UNCHANGED, FAILED }

    private final String switchId;
    private final SwitchApi api;
    private final Reconciler reconciler;
    private final Settings settings;
    private final Sleeper sleeper;

    private Long revision;
    private boolean lastFailed;
    private long lastAttemptNanos;
    private V1SwitchNotifyRequest unsent;
    private Optional<SortedMap<String, SortedSet<IpPrefix>>> lastObserved = Optional.empty();
    private List<V1SessionState> lastSessions = List.of();
    private int failures;
    private boolean polling;
    private int pollsSinceFallback;
    private volatile boolean stopped;

    /** Sleeps; a seam so the loop's tests do not wait. */
    interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    Agent(String switchId, SwitchApi api, Reconciler reconciler, Settings settings, Sleeper sleeper) {
        this.switchId = requireNonNull(switchId, "switchId is null");
        this.api = requireNonNull(api, "api is null");
        this.reconciler = requireNonNull(reconciler, "reconciler is null");
        this.settings = requireNonNull(settings, "settings is null");
        this.sleeper = requireNonNull(sleeper, "sleeper is null");
    }

    @Override
    public void run() {
        while (!stopped && !Thread.currentThread().isInterrupted()) {
            try {
                step();
            } catch (RuntimeException e) {
                // a bug or an unexpected tool failure must not end the agent: the switch keeps its config, we retry
                LOG.log(System.Logger.Level.ERROR, "{0}: sync failed unexpectedly: {1}", switchId, e.toString());
                failures++;
                sleep(settings.backoff().delay(failures));
            }
        }
    }

    void stop() {
        stopped = true;
    }

    /** One turn: fetch (long-poll or poll), reconcile or observe, report, wait as the outcome demands. */
    Step step() {
        V1SwitchIntentResponse response;
        try {
            response = api.intent(polling ? null : revision, polling ? Duration.ZERO : waitFor());
        } catch (ApiUnreachableException | ApiException e) {
            failures++;
            if (!polling && failures >= settings.failuresBeforePolling()) {
                polling = true;
                pollsSinceFallback = 0;
                LOG.log(System.Logger.Level.WARNING, "{0}: long-poll failed {1} times, falling back to polling", switchId, failures);
            }
            LOG.log(System.Logger.Level.WARNING, "{0}: metal-api: {1}; keeping the running config, retry in {2}",
                    switchId, e.getMessage(), settings.backoff().delay(failures));
            sleep(settings.backoff().delay(failures));
            return Step.FAILED;
        }
        failures = 0;
        if (polling && ++pollsSinceFallback >= settings.failuresBeforePolling()) {
            polling = false;
        }
        Step step;
        boolean changed = revision == null || response.revision() != revision;
        boolean retryDue = lastFailed && System.nanoTime() - lastAttemptNanos >= settings.retryInterval().toNanos();
        boolean driftCheckDue = !lastFailed && reconciler.driftCheckDue();
        if (changed || retryDue || driftCheckDue) {
            revision = response.revision();
            lastAttemptNanos = System.nanoTime();
            V1SwitchNotifyRequest report = reconciler.reconcile(revision, response.intent());
            lastFailed = report.error() != null && !report.error().isEmpty();
            if (lastFailed) {
                LOG.log(System.Logger.Level.WARNING, "{0}: revision {1}: {2}", switchId, revision, report.error());
            }
            lastObserved = reconciler.reportedView(lastObserved); // what the report tells: no read of its own
            lastSessions = report.sessions() == null ? List.of() : report.sessions();
            unsent = report;
            step = Step.RECONCILED;
        } else {
            Optional<SortedMap<String, SortedSet<IpPrefix>>> now = observedNow();
            // a session going down (or up) may change no route at all: it is news of its own
            List<V1SessionState> sessionsNow = sessionsNow();
            if (!now.equals(lastObserved) || !sessionsNow.equals(lastSessions)) {
                lastObserved = now;
                lastSessions = sessionsNow;
                unsent = reconciler.report(revision, 0, lastFailed ? "the last apply failed; retrying" : null);
                step = Step.OBSERVED;
            } else {
                step = Step.UNCHANGED;
            }
        }
        send();
        if (polling) {
            sleep(settings.pollInterval());
        }
        return step;
    }

    /**
     * The long-poll's timeout: short enough to re-read the BGP tables in time, where the target can show them (a
     * directory target cannot: it waits the whole long-poll), and to retry a failed apply in time.
     */
    private Duration waitFor() {
        Duration d = settings.longPoll();
        if (lastObserved.isPresent() && settings.observeInterval().compareTo(d) < 0) {
            d = settings.observeInterval();
        }
        if (lastFailed && settings.retryInterval().compareTo(d) < 0) {
            d = settings.retryInterval();
        }
        return d;
    }

    private Optional<SortedMap<String, SortedSet<IpPrefix>>> observedNow() {
        try {
            return reconciler.observed();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "{0}: cannot read the BGP tables: {1}", switchId, e.getMessage());
            return lastObserved; // nothing new to tell
        }
    }

    private List<V1SessionState> sessionsNow() {
        try {
            return reconciler.sessions();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "{0}: cannot read the BGP session states: {1}", switchId, e.getMessage());
            return lastSessions; // nothing new to tell
        }
    }

    private void send() {
        if (unsent == null) {
            return;
        }
        try {
            api.notify(unsent);
            unsent = null;
        } catch (ApiUnreachableException | ApiException e) {
            LOG.log(System.Logger.Level.WARNING, "{0}: cannot report revision {1}: {2}; will resend", switchId, unsent.revision(), e.getMessage());
        }
    }

    private void sleep(Duration d) {
        if (d.isZero()) {
            return;
        }
        try {
            sleeper.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped = true;
        }
    }

    /** True while the loop polls instead of long-polling (after repeated failures). */
    boolean polling() {
        return polling;
    }

    Long revision() {
        return revision;
    }
}
