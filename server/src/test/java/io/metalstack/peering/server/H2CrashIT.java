package io.metalstack.peering.server;

import java.util.Optional;

/** The crash test on the embedded default: the H2 file database in the server's data dir. */
class H2CrashIT extends CrashContract {

    @Override
    Optional<String> dbUrl() {
        return Optional.empty();
    }
}
