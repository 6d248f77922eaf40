package io.metalstack.peering.api;

/** A switch port; {@code vrf} is derived by the server from the machine allocated behind it (read-only). */
public record V1SwitchPort(String name, Boolean uplink, Integer vrf) {}
