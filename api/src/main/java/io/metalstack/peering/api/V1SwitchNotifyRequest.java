package io.metalstack.peering.api;

import java.util.List;
import java.util.Map;

/**
 * {@code POST /v1/switch/{id}/notify}, metal-core's report after an apply: the intent {@code revision} it applied
 * (or tried to), how long it took, {@code error} (null or empty: success), the valid prefixes it observed per VRF
 * name ({@code Vrf42}/{@code vrf42}), the state of its external BGP sessions and the {@code warnings} its renderer
 * found in the intent (null or empty: none).
 */
public record V1SwitchNotifyRequest(Long revision, Long durationms, String error, Map<String, V1ObservedPrefixes> vrfs,
                                    List<V1SessionState> sessions, List<V1RenderWarning> warnings) {

    /** A report without render warnings. */
    public V1SwitchNotifyRequest(Long revision, Long durationms, String error, Map<String, V1ObservedPrefixes> vrfs,
                                 List<V1SessionState> sessions) {
        this(revision, durationms, error, vrfs, sessions, null);
    }
}
