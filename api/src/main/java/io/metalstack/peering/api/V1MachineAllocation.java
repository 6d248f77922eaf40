package io.metalstack.peering.api;

import java.util.List;

/** A machine's allocation: the project and its networks, the private (primary) one first. */
public record V1MachineAllocation(String projectid, List<String> networks) {}
