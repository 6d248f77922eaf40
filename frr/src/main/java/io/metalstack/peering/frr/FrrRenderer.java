package io.metalstack.peering.frr;

import io.metalstack.peering.model.plan.SwitchIntent;

import java.util.List;
import java.util.TreeMap;

/** Renders a switch's complete FRR configuration and the OS-side VRF configuration from its intent. Pure. */
public final class FrrRenderer {
    public static final String FRR_CONF = "frr.conf";
    public static final String CONFIG_DB = "config_db.json";
    public static final String INTERFACES = "interfaces";

    public RenderedConfig render(SwitchIntent intent) {
        return new RenderedConfig(new TreeMap<>(), List.of());
    }
}
