package io.metalstack.peering.api;

import java.util.List;

/**
 * An eBGP session of an external peering on an exit switch port, in VRF {@code vrf} (network1's VNI). {@code password}
 * is the MD5 secret the switch needs; only the intent endpoint (admin and infra only) carries it.
 */
public record V1ExternalSession(String peeringid, String port, Integer vrf, String local, Long localas, String remote,
                                Long remoteas, List<String> exportprefixes, List<String> importprefixes, Integer maxprefixes,
                                Boolean bfd, Boolean haspassword, String password) {}
