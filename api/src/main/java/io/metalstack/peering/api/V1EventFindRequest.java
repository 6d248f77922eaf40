package io.metalstack.peering.api;

import java.time.Instant;

/**
 * {@code POST /v1/event/find}: every field sent must match; {@code from} (inclusive) and {@code to} (exclusive) bound
 * the event's time. {@code objectkind}: peering, network, project, partition, switch, machine or token.
 */
public record V1EventFindRequest(String objectkind, String objectid, String actor, String action, Instant from, Instant to) {}
