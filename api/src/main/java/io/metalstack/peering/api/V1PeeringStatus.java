package io.metalstack.peering.api;

import java.util.List;
import java.util.Map;

/**
 * A peering's status: {@code phase} (pending, active, degraded, failed), the address families exchanged, the
 * left-out families with the reason, and a message.
 */
public record V1PeeringStatus(String phase, List<String> families, Map<String, String> omitted, String message) {}
