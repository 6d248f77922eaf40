package io.metalstack.peering.api;

import java.util.List;

/**
 * One tenant VRF of a switch intent. {@code projectid} (null for networks without a project, e.g. external ones) and
 * {@code networktype} (child, child-shared, external) are facts for the agent's own cross-project re-check;
 * {@code machineports} is empty for a peer VRF instantiated only to import from; {@code families}: IPv4, IPv6;
 * {@code additionalprefixes}: the network's additional announcable CIDRs (pod and service CIDRs), left out when none.
 */
public record V1VrfIntent(Integer vni, String networkid, String projectid, String networktype, Integer vlan,
                          List<String> machineports, List<String> families, List<String> ownprefixes,
                          List<V1VrfImport> imports, List<String> additionalprefixes) {}
