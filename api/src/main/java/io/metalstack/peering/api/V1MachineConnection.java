package io.metalstack.peering.api;

/** A machine NIC's cable to a switch port. */
public record V1MachineConnection(String switchid, String port) {}
