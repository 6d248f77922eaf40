package io.metalstack.peering.agent;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reduces an {@code frr.conf} or {@code interfaces} file to what it configures, so that two renderings can be compared
 * line for line: comment lines ({@code #}, and {@code !} with or without text), blank lines, {@code exit},
 * {@code exit-vrf}, {@code exit-address-family} and {@code end} go, {@code seq N} goes from prefix-list lines, and the
 * order of blocks and of lines inside a block stops mattering. Each remaining line becomes one entry naming its
 * context: {@code router bgp 4200000010 > address-family ipv6 unicast > neighbor FIREWALL activate}; a block's header
 * is an entry of its own, so a block without lines still counts. The result is sorted (a multiset as a list).
 */
final class ConfigNormalizer {
    static final String SEP = " > ";
    private static final Pattern PREFIX_LIST_SEQ = Pattern.compile("^(ipv6|ip) prefix-list (\\S+) seq \\d+ ");
    private static final List<String> DROPPED = List.of("exit", "exit-vrf", "exit-address-family", "end");

    private ConfigNormalizer() {}

    static List<String> normalize(String text) {
        List<String> entries = new ArrayList<>();
        String block = null;
        String subBlock = null;
        for (String raw : text.lines().toList()) {
            String line = raw.strip().replaceAll("\\s+", " ");
            if (line.isEmpty() || line.startsWith("#") || line.startsWith("!")) {
                continue;
            }
            boolean indented = Character.isWhitespace(raw.charAt(0));
            if (line.equals("exit-address-family")) {
                subBlock = null;
                continue;
            }
            if (DROPPED.contains(line)) {
                if (!indented) {
                    block = null;
                }
                subBlock = null;
                continue;
            }
            line = PREFIX_LIST_SEQ.matcher(line).replaceFirst("$1 prefix-list $2 ");
            if (!indented) {
                block = line;
                subBlock = null;
                entries.add(line);
            } else if (block == null) {
                entries.add(line);
            } else if (line.startsWith("address-family ")) {
                subBlock = line;
                entries.add(block + SEP + line);
            } else {
                entries.add(block + (subBlock == null ? "" : SEP + subBlock) + SEP + line);
            }
        }
        return entries.stream().sorted().toList();
    }

    /**
     * The differences of two normalized files, each as {@code + entry} (only in {@code ours}) or {@code - entry} (only
     * in {@code theirs}), sorted; equal multisets give none.
     */
    static List<String> differences(List<String> theirs, List<String> ours) {
        List<String> onlyTheirs = new ArrayList<>(theirs);
        List<String> onlyOurs = new ArrayList<>();
        for (String e : ours) {
            if (!onlyTheirs.remove(e)) {
                onlyOurs.add(e);
            }
        }
        List<String> out = new ArrayList<>();
        onlyTheirs.forEach(e -> out.add("- " + e));
        onlyOurs.forEach(e -> out.add("+ " + e));
        return out.stream().sorted().toList();
    }
}
