package io.metalstack.peering.api;

import java.time.Instant;

/** A switch's last report: when, how long the apply took, the intent revision applied, and its error (null: success). */
public record V1SwitchSync(Instant time, Long durationms, Long revision, String error) {}
