package io.metalstack.peering.api;

/** One quota of a project: how much of it is {@code used}, and its {@code limit}. */
public record V1Quota(Integer used, Integer limit) {}
