package io.metalstack.peering.api;

import java.util.List;

/** A firewall's switch port: the firewall sees EVPN of {@code vnis} and may announce only {@code cidrs}. */
public record V1FirewallPort(String port, List<Integer> vnis, List<String> cidrs) {}
