package io.metalstack.peering.agent;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

import static java.util.Objects.requireNonNull;

/**
 * What CONFIG_DB is to hold for some keys: the fields of each key in {@link #rows} (of a {@link ConfigDbTable#PORT}
 * key only the fields the agent owns, an empty map meaning "field not set"), the keys in {@link #absent} not at all,
 * and the set of keys the agent owns afterwards ({@link #owned}). A key neither in rows nor absent is not this
 * state's business, unless the agent owns it now and {@code owned} no longer has it: then it is deleted.
 */
record ConfigDbState(SortedMap<ConfigDbKey, SortedMap<String, String>> rows, SortedSet<ConfigDbKey> absent,
                     SortedSet<ConfigDbKey> owned) {
    ConfigDbState {
        SortedMap<ConfigDbKey, SortedMap<String, String>> copy = new TreeMap<>();
        requireNonNull(rows, "rows is null").forEach((k, v) -> copy.put(requireNonNull(k, "key is null"),
                Collections.unmodifiableSortedMap(new TreeMap<>(requireNonNull(v, "fields of " + k + " are null")))));
        rows = Collections.unmodifiableSortedMap(copy);
        absent = Collections.unmodifiableSortedSet(new TreeSet<>(requireNonNull(absent, "absent is null")));
        owned = Collections.unmodifiableSortedSet(new TreeSet<>(requireNonNull(owned, "owned is null")));
        for (ConfigDbKey k : absent) {
            if (rows.containsKey(k)) {
                throw new IllegalArgumentException(k + " is both present and absent");
            }
        }
        for (ConfigDbKey k : owned) {
            if (!k.table().ownsWholeKeys()) {
                throw new IllegalArgumentException("the agent never owns a whole " + k.table() + " key: " + k);
            }
            if (!rows.containsKey(k) && !absent.contains(k)) {
                throw new IllegalArgumentException("owned key " + k + " is neither present nor absent");
            }
        }
        for (Map.Entry<ConfigDbKey, SortedMap<String, String>> row : rows.entrySet()) {
            ConfigDbTable table = row.getKey().table();
            if (!table.ownsWholeKeys() && !table.ownedFields().containsAll(row.getValue().keySet())) {
                throw new IllegalArgumentException("the agent owns only " + table.ownedFields() + " of " + row.getKey() + ", not "
                        + row.getValue().keySet());
            }
        }
    }

    /** Every key this state says something about. */
    SortedSet<ConfigDbKey> mentioned() {
        SortedSet<ConfigDbKey> keys = new TreeSet<>(rows.keySet());
        keys.addAll(absent);
        return keys;
    }

    /**
     * This state, and where it says nothing about a key, what {@code later} says: for the state before two writes in a
     * row whose first one may or may not have happened, the first one's state before wins.
     */
    ConfigDbState over(ConfigDbState later) {
        SortedMap<ConfigDbKey, SortedMap<String, String>> r = new TreeMap<>(rows);
        SortedSet<ConfigDbKey> a = new TreeSet<>(absent);
        SortedSet<ConfigDbKey> mine = mentioned();
        later.rows.forEach((k, v) -> {
            if (!mine.contains(k)) {
                r.put(k, v);
            }
        });
        later.absent.forEach(k -> {
            if (!mine.contains(k)) {
                a.add(k);
            }
        });
        return new ConfigDbState(r, a, owned);
    }
}
