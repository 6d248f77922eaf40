package io.metalstack.peering.vmlab;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/**
 * The rendered Cumulus {@code /etc/network/interfaces} as {@code ip -batch} and {@code bridge -batch} commands for
 * one network namespace: what ifupdown2 would do with the stanzas the renderer writes. A translation instead of
 * ifupdown2 in the guest because ifupdown2 keeps its state in the global {@code /run/network} (two leaves in one
 * guest would share it), wants {@code mstpd} for the {@code mstpctl-*} attributes, and costs seconds per call
 * under software emulation; the translation is pure, tested on the host, and batched into two commands per leaf.
 * An attribute it does not know is an error, so a renderer change cannot slip past the lab untranslated.
 *
 * <p>Like ifupdown2, a VRF with {@code vrf-table auto} gets the next table id from 1001 and an {@code unreachable
 * default} route with the highest metric in its table in both families, so that a lookup never falls through to
 * the main table. Physical ports ({@code swp*}) must exist already: the lab creates them as veth ends.
 */
final class InterfacesTranslation {
    static final int FIRST_TABLE = 1001;
    static final long UNREACHABLE_METRIC = 4278198272L;
    static final int VXLAN_PORT = 4789;
    /**
     * Spanning tree is off in the lab's bridge, so there is nothing for the mstpctl attributes to configure; the
     * {@code post-up} of a machine port turns IPv6 on, which it is in the lab's namespaces anyway.
     */
    private static final Set<String> IGNORED = Set.of("mstpctl-bpduguard", "mstpctl-portbpdufilter", "post-up");
    /** The management port and VRF: the lab has no management network. */
    private static final Set<String> MANAGEMENT = Set.of("eth0", "mgmt");

    /** One leaf's commands, in order, and the routing table of every VRF by name. */
    record Result(List<String> ipBatch, List<String> bridgeBatch, SortedMap<String, Integer> vrfTables) {
        Result {
            ipBatch = List.copyOf(ipBatch);
            bridgeBatch = List.copyOf(bridgeBatch);
            vrfTables = Collections.unmodifiableSortedMap(new TreeMap<>(vrfTables));
        }
    }

    /** An {@code iface} stanza: its name and its attributes in file order (a key may repeat). */
    record Stanza(String name, List<Map.Entry<String, String>> attributes) {
        Stanza {
            requireNonNull(name, "name is null");
            attributes = List.copyOf(attributes);
        }

        String value(String key) {
            return attributes.stream().filter(a -> a.getKey().equals(key)).map(Map.Entry::getValue).findFirst().orElse(null);
        }

        boolean has(String key) {
            return value(key) != null;
        }
    }

    private InterfacesTranslation() {}

    static Result translate(String interfaces) {
        List<Stanza> stanzas = parse(interfaces);
        List<String> create = new ArrayList<>();
        List<String> attach = new ArrayList<>();
        List<String> mtus = new ArrayList<>();
        List<String> sviMtus = new ArrayList<>();
        List<String> addresses = new ArrayList<>();
        List<String> up = new ArrayList<>();
        List<String> bridge = new ArrayList<>();
        TreeMap<String, Integer> tables = new TreeMap<>();
        int nextTable = FIRST_TABLE;
        for (Stanza s : stanzas) {
            String n = s.name();
            if (MANAGEMENT.contains(n)) {
                continue;
            }
            for (Map.Entry<String, String> a : s.attributes()) {
                String v = a.getValue();
                switch (a.getKey()) {
                    case "vrf-table" -> {
                        if (!v.equals("auto")) {
                            throw invalid(s, a, "only 'auto' is rendered");
                        }
                        int table = nextTable++;
                        tables.put(n, table);
                        create.add("link add " + n + " type vrf table " + table);
                        create.add("route add unreachable default metric " + UNREACHABLE_METRIC + " table " + table);
                        create.add("route add unreachable ::/0 metric " + UNREACHABLE_METRIC + " table " + table);
                    }
                    case "bridge-vlan-aware" -> {
                        if (!v.equals("yes")) {
                            throw invalid(s, a, "only a VLAN-aware bridge is rendered");
                        }
                        create.add("link add " + n + " type bridge vlan_filtering 1 stp_state 0");
                    }
                    case "bridge-ports" -> {
                        for (String port : v.split("\\s+")) {
                            attach.add("link set " + port + " master " + n);
                        }
                    }
                    case "bridge-vids" -> {
                        for (String vid : v.split("\\s+")) {
                            bridge.add("vlan add vid " + vid + " dev " + n + " self");
                        }
                    }
                    case "vxlan-id" -> {
                        String local = s.value("vxlan-local-tunnelip");
                        if (local == null) {
                            throw invalid(s, a, "a VXLAN device needs vxlan-local-tunnelip");
                        }
                        create.add("link add " + n + " type vxlan id " + v + " local " + local + " dstport " + VXLAN_PORT + " nolearning");
                    }
                    case "vxlan-local-tunnelip" -> {
                        // read with vxlan-id; on the loopback it only names the VTEP address, which its 'address' sets
                    }
                    case "vlan-id" -> {
                        String raw = s.value("vlan-raw-device");
                        if (raw == null) {
                            throw invalid(s, a, "a VLAN device needs vlan-raw-device");
                        }
                        create.add("link add link " + raw + " name " + n + " type vlan id " + v);
                    }
                    case "vlan-raw-device" -> {
                        // read with vlan-id
                    }
                    case "vrf" -> attach.add("link set " + n + " master " + v);
                    // a VLAN device's MTU may not exceed its bridge's, which is the smallest of the bridge's ports
                    case "mtu" -> (s.has("vlan-id") ? sviMtus : mtus).add("link set " + n + " mtu " + v);
                    case "address" -> addresses.add("addr add " + v + " dev " + n);
                    case "bridge-access" -> {
                        bridge.add("vlan add vid " + v + " dev " + n + " pvid untagged");
                        bridge.add("vlan del vid 1 dev " + n);
                    }
                    case "bridge-learning" -> bridge.add("link set dev " + n + " learning " + onOff(s, a));
                    case "bridge-arp-nd-suppress" -> bridge.add("link set dev " + n + " neigh_suppress " + onOff(s, a));
                    default -> {
                        if (!IGNORED.contains(a.getKey())) {
                            throw invalid(s, a, "the lab does not know this attribute");
                        }
                    }
                }
            }
            up.add("link set " + n + " up");
        }
        List<String> ip = new ArrayList<>(create);
        ip.addAll(attach);
        ip.addAll(mtus);
        ip.addAll(sviMtus);
        ip.addAll(addresses);
        ip.addAll(up);
        return new Result(ip, bridge, tables);
    }

    /** The stanzas of an interfaces file; every {@code iface} must have been announced by an {@code auto} line. */
    static List<Stanza> parse(String interfaces) {
        LinkedHashMap<String, List<Map.Entry<String, String>>> byName = new LinkedHashMap<>();
        List<String> autos = new ArrayList<>();
        List<Map.Entry<String, String>> current = null;
        int lineNo = 0;
        for (String raw : interfaces.lines().toList()) {
            lineNo++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith("source ")) {
                continue;
            }
            String[] kv = line.split("\\s+", 2);
            boolean indented = Character.isWhitespace(raw.charAt(0));
            if (!indented && kv[0].equals("auto")) {
                autos.add(kv[1].strip());
                current = null;
            } else if (!indented && kv[0].equals("iface")) {
                String[] words = kv[1].strip().split("\\s+");
                if (words.length != 1 && !(words.length == 3 && words[1].equals("inet") && Set.of("loopback", "dhcp").contains(words[2]))) {
                    throw new IllegalArgumentException("line " + lineNo + ": unexpected iface form: " + line);
                }
                if (byName.containsKey(words[0])) {
                    throw new IllegalArgumentException("line " + lineNo + ": iface " + words[0] + " appears twice");
                }
                current = new ArrayList<>();
                byName.put(words[0], current);
            } else if (indented && current != null && kv.length == 2) {
                current.add(Map.entry(kv[0], kv[1].strip()));
            } else {
                throw new IllegalArgumentException("line " + lineNo + ": not an auto, iface or attribute line: " + line);
            }
        }
        if (!autos.equals(new ArrayList<>(byName.keySet()))) {
            throw new IllegalArgumentException("auto lines " + autos + " do not match the iface stanzas " + byName.keySet());
        }
        List<Stanza> out = new ArrayList<>();
        byName.forEach((name, attributes) -> out.add(new Stanza(name, attributes)));
        return out;
    }

    private static String onOff(Stanza s, Map.Entry<String, String> a) {
        return switch (a.getValue()) {
            case "on" -> "on";
            case "off" -> "off";
            default -> throw invalid(s, a, "expected on or off");
        };
    }

    private static IllegalArgumentException invalid(Stanza s, Map.Entry<String, String> a, String why) {
        return new IllegalArgumentException("iface " + s.name() + ": " + a.getKey() + " " + a.getValue() + ": " + why);
    }
}
