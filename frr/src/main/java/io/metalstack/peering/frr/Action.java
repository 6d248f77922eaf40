package io.metalstack.peering.frr;

import java.util.Locale;

/** Permit or deny, in prefix-lists, community lists and route-map entries. */
enum Action {
    PERMIT, DENY;

    String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }
}
