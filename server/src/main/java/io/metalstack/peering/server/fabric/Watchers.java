package io.metalstack.peering.server.fabric;

import io.metalstack.peering.model.SwitchId;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToLongFunction;

/**
 * The long-polls of switch agents. A watch holds no thread while it waits: it is a future, completed when a change
 * of its switch is published (only the watchers of the switches whose intent changed are looked at) or by a timer at
 * its timeout, and answered on a small pool of its own, never on the thread that published. Open watches are capped
 * per token and in total, so that one token cannot hold the server's connections and memory ({@link TooMany}: 429).
 */
public final class Watchers implements AutoCloseable {

    /** Open watches of one token: an infra token may serve many agents (one per switch), so this is generous. */
    public static final int MAX_PER_TOKEN = 512;
    static final int MAX_TOTAL = 2048;

    private final int maxPerToken;
    private final int maxTotal;
    private final Map<SwitchId, Set<Watch>> bySwitch = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> byToken = new ConcurrentHashMap<>();
    private final AtomicInteger waiting = new AtomicInteger();
    private final AtomicInteger wakeups = new AtomicInteger();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(daemon("metal-api-watch-timer"));
    private final ExecutorService answers = Executors.newFixedThreadPool(4, daemon("metal-api-watch"));

    Watchers() {
        this(MAX_PER_TOKEN, MAX_TOTAL);
    }

    Watchers(int maxPerToken, int maxTotal) {
        this.maxPerToken = maxPerToken;
        this.maxTotal = maxTotal;
    }

    /** Too many open watches for a token or in total: HTTP 429. */
    public static final class TooMany extends RuntimeException {
        TooMany(String message) {
            super(message);
        }
    }

    private static final class Watch {
        final SwitchId id;
        final long after;
        final String token;
        final ToLongFunction<SwitchId> revision;
        final CompletableFuture<Long> done = new CompletableFuture<>();
        volatile ScheduledFuture<?> timeout;

        Watch(SwitchId id, long after, String token, ToLongFunction<SwitchId> revision) {
            this.id = id;
            this.after = after;
            this.token = token;
            this.revision = revision;
        }
    }

    /**
     * The switch's revision once it exceeds {@code after}, or when {@code timeoutMillis} pass. Completes at once when it
     * already does; else counts against the caps of {@code token} and of the server until it completes.
     */
    public CompletableFuture<Long> watch(SwitchId id, long after, long timeoutMillis, String token, ToLongFunction<SwitchId> revision) {
        long now = revision.applyAsLong(id);
        if (now > after || timeoutMillis <= 0) {
            return CompletableFuture.completedFuture(now);
        }
        admit(token);
        Watch w = new Watch(id, after, token, revision);
        bySwitch.computeIfAbsent(id, k -> ConcurrentHashMap.newKeySet()).add(w);
        w.timeout = timer.schedule(() -> finish(w), timeoutMillis, TimeUnit.MILLISECONDS);
        // a change published between the first look and the registration
        if (revision.applyAsLong(id) > after) {
            finish(w);
        }
        return w.done.thenApplyAsync(r -> r, answers);
    }

    private void admit(String token) {
        AtomicInteger mine = byToken.computeIfAbsent(token, k -> new AtomicInteger());
        if (mine.incrementAndGet() > maxPerToken) {
            mine.decrementAndGet();
            throw new TooMany(String.format("this token has %d open watches, the most one token may hold: wait for one to answer "
                    + "(each answers by its timeout at the latest) or use a token per agent", maxPerToken));
        }
        if (waiting.incrementAndGet() > maxTotal) {
            waiting.decrementAndGet();
            mine.decrementAndGet();
            throw new TooMany(String.format("the server has %d open watches, the most it holds: retry later", maxTotal));
        }
    }

    /** Answers a watch once: from a publish, its timer or its registration, whichever comes first. */
    private void finish(Watch w) {
        Set<Watch> of = bySwitch.get(w.id);
        if (of == null || !of.remove(w)) {
            return;
        }
        ScheduledFuture<?> t = w.timeout;
        if (t != null) {
            t.cancel(false);
        }
        waiting.decrementAndGet();
        byToken.computeIfPresent(w.token, (k, n) -> n.decrementAndGet() <= 0 ? null : n);
        w.done.complete(w.revision.applyAsLong(w.id));
    }

    /** Wakes the watchers of these switches whose revision now exceeds theirs (called after it is visible). */
    void publish(Collection<SwitchId> changed) {
        for (SwitchId id : changed) {
            Set<Watch> of = bySwitch.get(id);
            if (of == null || of.isEmpty()) {
                continue;
            }
            wakeups.incrementAndGet();
            for (Watch w : of) {
                if (w.revision.applyAsLong(id) > w.after) {
                    finish(w);
                }
            }
        }
    }

    /** Long-polls waiting right now. */
    public int waiting() {
        return waiting.get();
    }

    /** How many times a switch's watchers were woken by a change. */
    public int wakeups() {
        return wakeups.get();
    }

    @Override
    public void close() {
        timer.shutdownNow();
        answers.shutdownNow();
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
