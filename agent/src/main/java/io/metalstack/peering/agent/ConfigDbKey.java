package io.metalstack.peering.agent;

import java.util.Comparator;

import static java.util.Objects.requireNonNull;

/**
 * A key of CONFIG_DB in one of the tables the agent writes: {@code VLAN_MEMBER|Vlan4000|Ethernet116} is table
 * {@code VLAN_MEMBER}, name {@code Vlan4000|Ethernet116} (SONiC's CONFIG_DB separator is {@code |}). Sorted by table
 * in creation order, then by depth (an interface before its addresses, {@code INTERFACE|Ethernet0} before
 * {@code INTERFACE|Ethernet0|10.0.0.1/30}), then by name.
 */
record ConfigDbKey(ConfigDbTable table, String name) implements Comparable<ConfigDbKey> {
    static final String SEPARATOR = "|";
    private static final Comparator<ConfigDbKey> ORDER = Comparator.comparing(ConfigDbKey::table)
            .thenComparingInt(ConfigDbKey::depth).thenComparing(ConfigDbKey::name);

    ConfigDbKey {
        requireNonNull(table, "table is null");
        requireNonNull(name, "name is null");
        if (name.isEmpty() || name.startsWith(SEPARATOR) || name.endsWith(SEPARATOR) || name.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("not a CONFIG_DB key name in " + table + ": '" + name + "'");
        }
    }

    /** {@code TABLE|name}; throws naming the key if its table is not one the agent writes. */
    static ConfigDbKey parse(String key) {
        int sep = key.indexOf(SEPARATOR);
        if (sep < 0) {
            throw new IllegalArgumentException("not a CONFIG_DB key (TABLE|name): '" + key + "'");
        }
        String table = key.substring(0, sep);
        return new ConfigDbKey(ConfigDbTable.named(table).orElseThrow(() -> new IllegalArgumentException(
                "'" + key + "' is in table " + table + ", which the agent does not write")), key.substring(sep + 1));
    }

    /** How many separators the name has: an interface's address key is one deeper than the interface's key. */
    int depth() {
        return (int) name.chars().filter(c -> c == SEPARATOR.charAt(0)).count();
    }

    /** True if this is an address key of {@code other} ({@code INTERFACE|Ethernet0|10.0.0.1/30} of {@code INTERFACE|Ethernet0}). */
    boolean isBelow(ConfigDbKey other) {
        return table == other.table && name.startsWith(other.name + SEPARATOR);
    }

    @Override
    public int compareTo(ConfigDbKey o) {
        return ORDER.compare(this, o);
    }

    @Override
    public String toString() {
        return table + SEPARATOR + name;
    }
}
