package io.metalstack.peering.api;

/** {@code GET /healthz}: "ok" and the current global revision. */
public record V1Health(String status, long revision) {}
