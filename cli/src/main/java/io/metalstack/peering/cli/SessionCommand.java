package io.metalstack.peering.cli;

import static java.util.Objects.requireNonNull;

/** A command that does something: it gets the {@link Session} through its constructor (see {@code Metalctl.Factory}). */
abstract class SessionCommand implements Runnable {
    final Session session;

    SessionCommand(Session session) {
        this.session = requireNonNull(session, "session is null");
    }
}
