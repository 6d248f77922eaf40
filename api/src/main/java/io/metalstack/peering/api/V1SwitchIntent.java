package io.metalstack.peering.api;

import java.util.List;

/**
 * What one switch must be configured with ({@code GET /v1/switch/{id}/intent}): the wire form of the planner's
 * {@code SwitchIntent}, mapped by {@link IntentCodec}. {@code role}: leaf, spine, exit; {@code os}: SONiC, Cumulus;
 * {@code zone}: the planner's zone number (1..).
 */
public record V1SwitchIntent(String switchid, String partitionid, String role, String os, Long asn, String routerid,
                             Integer zone, List<String> uplinks, List<V1FirewallPort> firewalls, List<String> unprovisioned,
                             List<V1VrfIntent> vrfs, List<V1ExternalSession> external) {}
