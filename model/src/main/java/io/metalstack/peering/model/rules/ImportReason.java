package io.metalstack.peering.model.rules;

/**
 * Why an import across VRFs is allowed: the only three reasons there are. The agent re-checks them
 * against the intent it receives (defense in depth).
 */
public enum ImportReason {
    /** Both networks belong to the same project. */
    SAME_PROJECT,
    /** The peer (or this network) is a shared network, shared on purpose by its project. */
    SHARED,
    /** The peer (or this network) is an external network an admin marked peerable. */
    EXTERNAL
}
