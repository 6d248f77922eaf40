package io.metalstack.peering.frr;

import java.util.List;

/**
 * The deletions the agent never pushes into FRR, whichever way it computed them ({@link FrrDelta} or frr-reload.py):
 * state that the daemons' start and the VRF backend put into the running config, not the rendered file, or that an
 * operator tunes per switch ({@code bgp route-map delay-timer}), and the switch's management plane. Above all
 * {@code netns /run/netns/X} under {@code vrf X}: with the netns VRF backend zebra shows it, and deleting it detaches
 * the VRF from its namespace (FRR 8.4's zebra then aborts in its RA code). {@code no enable password}: frr-reload lists
 * it, FRR 8.4 answers {@code Unknown command} (frr-reload itself keeps {@code password} and {@code agentx}, which
 * cannot be removed either).
 */
public final class ProtectedDeletions {
    private static final List<String> NEVER = List.of("no netns ", "no log ", "no frr version", "no frr defaults",
            "no hostname", "no service integrated-vtysh-config", "no line vty", "no bgp route-map delay-timer",
            // the switch's management plane: whatever the rendered file says, the agent never cuts its own way in
            "no agentx", "no password ", "no enable password ", "no vrf mgmt", "no interface eth0");

    private ProtectedDeletions() {}

    /**
     * True for a deletion the agent never pushes: the lines above, and every static route of the management VRF
     * ({@code ip route 0.0.0.0/0 GW nexthop-vrf mgmt}, the additional management routes, or one configured under
     * {@code vrf mgmt}). metal-core renders those from the switch's own configuration; an agent started without it, or
     * with a wrong one, must not take the switch off its management network by deleting them.
     */
    public static boolean contains(String deletion) {
        String l = deletion.strip();
        if (NEVER.stream().anyMatch(l::startsWith)) {
            return true;
        }
        return (l.startsWith("no ip route ") || l.startsWith("no ipv6 route ")) && l.matches(".*\\bnexthop-vrf mgmt\\b.*");
    }
}
