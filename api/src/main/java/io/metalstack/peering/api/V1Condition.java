package io.metalstack.peering.api;

/** A condition on a switch or peering, e.g. {@code leak} (an unexpected prefix in a VRF), {@code error}, {@code missing}. */
public record V1Condition(String type, String message) {}
