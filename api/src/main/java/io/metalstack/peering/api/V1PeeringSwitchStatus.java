package io.metalstack.peering.api;

import java.time.Instant;
import java.util.List;

/**
 * One affected switch's view of a peering: {@code phase} pending, active, degraded or failed; the revision it last
 * applied, its error, the expected prefixes it does not see and the ones it sees but should not (over the VRFs of
 * the peering on that switch), and when it last reported.
 */
public record V1PeeringSwitchStatus(String switchid, String phase, Long revision, String error, List<String> missing,
                                    List<String> unexpected, Instant lastsync) {}
