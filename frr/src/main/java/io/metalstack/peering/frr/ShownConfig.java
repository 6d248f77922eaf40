package io.metalstack.peering.frr;

import java.util.regex.Pattern;

/**
 * How FRR shows a config it runs, as far as that differs from the text that configured it, whatever VRF backend the
 * daemons use: {@code interface X vrf Y} is input syntax that FRR 8 shows as {@code interface X} with the kernel's VRF
 * devices (VRF-lite, as on Cumulus and SONiC), and as written only with network-namespace VRFs. An interface name is
 * unique on a switch, so the VRF adds nothing when a running config is compared with a rendered one.
 */
public final class ShownConfig {
    private static final Pattern INTERFACE_IN_VRF = Pattern.compile("(?m)^interface (\\S+) vrf \\S+$");

    private ShownConfig() {}

    /** {@code config} (or one of its lines) in the form both VRF backends agree on, for comparisons. */
    public static String comparable(String config) {
        return INTERFACE_IN_VRF.matcher(config).replaceAll("interface $1");
    }
}
