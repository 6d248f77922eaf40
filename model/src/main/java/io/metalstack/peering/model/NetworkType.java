package io.metalstack.peering.model;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The network types of metal-stack apiv2, spelled as on the wire. */
public enum NetworkType {
    SUPER("super"),
    UNDERLAY("underlay"),
    EXTERNAL("external"),
    CHILD("child"),
    CHILD_SHARED("child-shared");

    private final String wire;

    NetworkType(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    /** Private networks are tenant children, shared or not; they live in one project and partition. */
    public boolean isPrivate() {
        return switch (this) {
            case CHILD, CHILD_SHARED -> true;
            case SUPER, UNDERLAY, EXTERNAL -> false;
        };
    }

    /** Only these types carry a tenant-facing VRF that can take part in a peering. */
    public boolean canPeer() {
        return switch (this) {
            case CHILD, CHILD_SHARED, EXTERNAL -> true;
            case SUPER, UNDERLAY -> false;
        };
    }

    public static NetworkType parse(String text) {
        for (NetworkType t : values()) {
            if (t.wire.equalsIgnoreCase(text == null ? "" : text.trim())) {
                return t;
            }
        }
        throw DomainException.invalid("network type \"%s\" is unknown: use one of %s", text,
                Arrays.stream(values()).map(NetworkType::wire).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return wire;
    }
}
