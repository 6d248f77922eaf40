package io.metalstack.peering.api;

/**
 * A non-fatal problem the switch agent's renderer found in its intent (the config was still applied): {@code subject}
 * (what it concerns, e.g. {@code vrf 42}) and {@code message}; in a report ({@link V1SwitchNotifyRequest}) and a
 * switch's {@code lastsync}.
 */
public record V1RenderWarning(String subject, String message) {}
