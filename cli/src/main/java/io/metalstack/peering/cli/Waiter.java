package io.metalstack.peering.cli;

import io.metalstack.peering.model.Durations;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/**
 * The loop behind {@code --wait}: polls until the change is done, prints a progress line to stderr whenever it
 * changes, and ends with {@link ExitCode#NOT_APPLIED} when a switch failed, {@link ExitCode#TIMED_OUT} at the timeout.
 */
final class Waiter {
    /** How often the server is asked: often enough that a change a switch applied shows within a fraction of a second. */
    static final Duration INTERVAL = Duration.ofMillis(200);

    /** What one poll found. */
    sealed interface Progress {
        /** Still waiting; {@code line} says for what (the progress line). */
        record Waiting(String line) implements Progress {
            public Waiting {
                requireNonNull(line, "line is null");
            }
        }

        /** Applied everywhere. */
        record Done() implements Progress {}

        /** A switch failed to apply the change, or the result is wrong (degraded): waiting longer would not help. */
        record Failed(String message) implements Progress {
            public Failed {
                requireNonNull(message, "message is null");
            }
        }

        /** Several changes at once: failed if one failed, done when all are, else the waiting lines joined. */
        static Progress all(List<Progress> parts) {
            List<String> waiting = new ArrayList<>();
            for (Progress p : parts) {
                if (p instanceof Failed) {
                    return p;
                }
                if (p instanceof Waiting w) {
                    waiting.add(w.line());
                }
            }
            return waiting.isEmpty() ? new Done() : new Waiting(String.join("; ", waiting));
        }
    }

    /** Time as the waiter sees it; tests pass a fake one. */
    interface Ticker {
        long nanoTime();

        void sleep(Duration d) throws InterruptedException;

        Ticker SYSTEM = new Ticker() {
            @Override
            public long nanoTime() {
                return System.nanoTime();
            }

            @Override
            public void sleep(Duration d) throws InterruptedException {
                Thread.sleep(d.toMillis());
            }
        };
    }

    private final Duration timeout;
    private final PrintWriter err;
    private final Ticker ticker;

    Waiter(Duration timeout, PrintWriter err, Ticker ticker) {
        this.timeout = requireNonNull(timeout, "timeout is null");
        this.err = requireNonNull(err, "err is null");
        this.ticker = requireNonNull(ticker, "ticker is null");
        if (timeout.isNegative() || timeout.isZero()) {
            throw CliException.usage("--timeout %s is not positive: use e.g. 60s or 5m", Durations.format(timeout));
        }
    }

    /**
     * Polls {@code poll} until it is done. {@code hint} ends the failure and timeout messages (what to look at next).
     *
     * @throws CliException {@link ExitCode#NOT_APPLIED} on a failure, {@link ExitCode#TIMED_OUT} at the timeout
     */
    void await(Supplier<Progress> poll, String hint) {
        long start = ticker.nanoTime();
        String shown = null;
        while (true) {
            Progress p = poll.get();
            if (p instanceof Progress.Done) {
                return;
            }
            if (p instanceof Progress.Failed f) {
                throw new CliException(ExitCode.NOT_APPLIED, f.message() + "; " + hint);
            }
            String line = ((Progress.Waiting) p).line();
            if (!Objects.equals(shown, line)) {
                err.println(line);
                err.flush();
                shown = line;
            }
            if (ticker.nanoTime() - start >= timeout.toNanos()) {
                throw new CliException(ExitCode.TIMED_OUT, "timed out after " + Durations.format(timeout) + " " + shown
                        + "; " + hint);
            }
            try {
                ticker.sleep(INTERVAL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CliException(ExitCode.TIMED_OUT, "interrupted " + shown + "; " + hint, e);
            }
        }
    }
}
