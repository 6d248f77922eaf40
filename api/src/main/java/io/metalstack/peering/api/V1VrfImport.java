package io.metalstack.peering.api;

import java.util.List;

/**
 * Routes a VRF imports from one directly peered VRF ({@code from}, a VNI): only {@code prefixes}, the peer's own.
 * {@code reason}: same-project, shared or external; {@code projectid}/{@code networktype} describe the peer network;
 * {@code additionalprefixes}: the peer's own additional announcable CIDRs, left out when none.
 */
public record V1VrfImport(Integer from, String networkid, String projectid, String networktype, String reason,
                          List<String> prefixes, List<String> additionalprefixes) {}
