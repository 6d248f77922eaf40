package io.metalstack.peering.api;

import java.time.Instant;
import java.util.List;

/**
 * A switch's last report: when, how long the apply took, the intent revision applied, its error (null: success) and
 * the warnings its renderer found in the intent (null: none).
 */
public record V1SwitchSync(Instant time, Long durationms, Long revision, String error, List<V1RenderWarning> warnings) {

    /** A report without render warnings. */
    public V1SwitchSync(Instant time, Long durationms, Long revision, String error) {
        this(time, durationms, revision, error, null);
    }
}
