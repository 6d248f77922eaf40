package io.metalstack.peering.vmlab;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Deliberate renderer bugs for the negative runs: the lab must catch them, or its positive results prove nothing.
 * Post-processes rendered text, so the product's renderer stays untouched.
 */
final class BrokenRenderer {
    private static final Pattern IMPORT_PREFIX_LIST = Pattern.compile(
            "(?m)^ip prefix-list (\\S+-import-from-\\S+) seq (\\d+) permit \\S+( (le|ge) \\d+)*$");
    private static final Pattern IMPORT_PREFIX_LIST_V6 = Pattern.compile(
            "(?m)^ipv6 prefix-list (\\S+-import-from-\\S+) seq (\\d+) permit \\S+( (le|ge) \\d+)*$");

    private BrokenRenderer() {}

    /**
     * Every import prefix-list entry widened to {@code 0.0.0.0/0 le 32} and {@code ::/0 le 128}: a VRF takes any route of
     * its peer.
     */
    static String widenImportPrefixLists(String frrConf) {
        Matcher m = IMPORT_PREFIX_LIST.matcher(frrConf);
        if (!m.find()) {
            throw new IllegalArgumentException("no IPv4 import prefix-list in the rendered frr.conf: the sabotage would change nothing");
        }
        String v4 = m.replaceAll("ip prefix-list $1 seq $2 permit 0.0.0.0/0 le 32");
        return IMPORT_PREFIX_LIST_V6.matcher(v4).replaceAll("ipv6 prefix-list $1 seq $2 permit ::/0 le 128");
    }
}
