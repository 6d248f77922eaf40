package io.metalstack.peering.api;

import java.time.Instant;
import java.util.List;

/** A machine or firewall ({@code role}: machine, firewall) with its connections and optional allocation. */
public record V1Machine(String id, String name, String partitionid, String role, List<V1MachineConnection> connections,
                        V1MachineAllocation allocation, Instant created, Instant changed) {}
