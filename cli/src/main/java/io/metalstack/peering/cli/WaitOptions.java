package io.metalstack.peering.cli;

import picocli.CommandLine.Option;

import java.time.Duration;

/** {@code --wait} and {@code --timeout}, shared (as a mixin) by the commands that change what switches carry. */
final class WaitOptions {
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    @Option(names = "--wait", description = "return only when every affected switch has applied the change "
            + "(a progress line on stderr); exit code 6 at the timeout, 7 when a switch failed")
    boolean wait;

    @Option(names = "--timeout", paramLabel = "DURATION",
            description = "with --wait: how long to wait, e.g. 500ms, 90s, 5m (default: 60s)")
    Duration timeout;

    /**
     * The waiter for {@code --wait}, else empty; checked before anything is changed, so a bad {@code --timeout} (or one
     * without {@code --wait}, which would do nothing) sends nothing.
     */
    java.util.Optional<Waiter> waiter(Session session) {
        if (!wait) {
            if (timeout != null) {
                throw CliException.usage("--timeout needs --wait: it bounds the wait");
            }
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new Waiter(timeout == null ? DEFAULT_TIMEOUT : timeout, session.env().err(), Waiter.Ticker.SYSTEM));
    }
}
