package io.metalstack.peering.api;

import java.util.List;
import java.util.Map;

/**
 * A peering's status: {@code phase} (pending, active, degraded, failed), the address families exchanged, the
 * left-out families with the reason, a message, the revision at which it was last written, the status on every
 * affected switch, conditions such as {@code leak} or {@code NoSwitch}, and an external peering's BGP sessions.
 */
public record V1PeeringStatus(String phase, List<String> families, Map<String, String> omitted, String message,
                              Long revision, List<V1PeeringSwitchStatus> switches, List<V1Condition> conditions,
                              List<V1PeeringSession> sessions) {

    public V1PeeringStatus(String phase, List<String> families, Map<String, String> omitted, String message,
                           Long revision, List<V1PeeringSwitchStatus> switches, List<V1Condition> conditions) {
        this(phase, families, omitted, message, revision, switches, conditions, null);
    }

    public V1PeeringStatus(String phase, List<String> families, Map<String, String> omitted, String message) {
        this(phase, families, omitted, message, null, null, null, null);
    }
}
