package io.metalstack.peering.api;

import java.time.Instant;
import java.util.Map;

/** A partition (site). {@code created}/{@code changed} are set by the server; send {@code changed} back on update. */
public record V1Partition(String id, String name, String description, Map<String, String> labels,
                          Instant created, Instant changed) {}
