package io.metalstack.peering.api;

/** {@code PUT /v1/token} (admin only): {@code role} admin, infra, owner, editor or viewer; project roles need {@code projectid}. */
public record V1TokenCreateRequest(String role, String projectid, String description) {}
