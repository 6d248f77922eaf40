package io.metalstack.peering.api;

import java.util.List;

/**
 * The answer of a peering write with {@code ?dryrun=true}, which commits nothing: the peering as it would be, and per
 * switch whose rendered files would change (sorted by switch id) the unified diff of those files.
 */
public record V1PeeringDryRun(V1Peering peering, List<SwitchDiff> switches) {

    /** One switch's change: a unified diff of its files ({@code a/etc/frr/frr.conf}, {@code b/etc/frr/frr.conf}, ...). */
    public record SwitchDiff(String switchid, String diff) {}
}
