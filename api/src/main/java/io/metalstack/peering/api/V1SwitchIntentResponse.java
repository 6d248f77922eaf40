package io.metalstack.peering.api;

import java.util.Map;

/**
 * {@code GET /v1/switch/{id}/intent}: {@code revision} is the global revision at which this switch's intent last
 * changed. {@code intent} is set for the plain request; {@code files} (file name to content) instead for a
 * {@code ?render=sonic|cumulus} preview.
 */
public record V1SwitchIntentResponse(long revision, V1SwitchIntent intent, Map<String, String> files) {}
