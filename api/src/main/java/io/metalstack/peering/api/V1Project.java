package io.metalstack.peering.api;

import java.time.Instant;
import java.util.Map;

/** A tenant's project; label {@code auto-peer: "true"} turns on auto-peering (later issue). */
public record V1Project(String id, String name, String tenant, String description, Map<String, String> labels,
                        Instant created, Instant changed) {}
