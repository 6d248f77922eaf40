package io.metalstack.peering.cli;

import picocli.CommandLine.Option;

import java.time.Duration;

/** {@code --wait} and {@code --timeout}, shared (as a mixin) by the commands that change what switches carry. */
final class WaitOptions {
    @Option(names = "--wait", description = "return only when every affected switch has applied the change "
            + "(a progress line on stderr); exit code 6 at the timeout, 7 when a switch failed")
    boolean wait;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "60s",
            description = "how long --wait waits: e.g. 500ms, 90s, 5m (default: ${DEFAULT-VALUE})")
    Duration timeout;

    /** The waiter; checked before anything is changed, so a bad {@code --timeout} sends nothing. */
    Waiter waiter(Session session) {
        return new Waiter(timeout, session.env().err(), Waiter.Ticker.SYSTEM);
    }
}
