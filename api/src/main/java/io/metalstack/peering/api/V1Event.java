package io.metalstack.peering.api;

import java.time.Instant;
import java.util.List;

/**
 * One event of the audit timeline ({@code POST /v1/event/find}, {@code GET /v1/network/peering/{id}/events}): at
 * {@code time} the token {@code actor} of role {@code actorrole} did {@code action} to {@code objectkind}/{@code objectid};
 * {@code brief} is the change in brief (never a secret); {@code projectids}: the projects whose members read it.
 * {@code id} orders the timeline, oldest first.
 */
public record V1Event(String id, Instant time, String actor, String actorrole, String action, String objectkind, String objectid,
                      List<String> projectids, String brief) {}
