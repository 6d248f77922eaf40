package io.metalstack.peering.agent;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

import static java.util.Objects.requireNonNull;

/**
 * The writes that take CONFIG_DB from what it holds to a {@link ConfigDbState}, in the order SONiC needs them. Pure.
 *
 * <ol>
 *   <li>ports going down ({@code admin_status} down or unset): traffic stops before their config changes;</li>
 *   <li>deletions, in reverse {@link ConfigDbTable} order and addresses before their interface: a port leaves its VRF
 *       before the VRF goes, a VLAN's members, interface and VNI map before the VLAN;</li>
 *   <li>creations and changes in {@link ConfigDbTable} order;</li>
 *   <li>ports going up, once their config is complete;</li>
 *   <li>the ledger of owned keys.</li>
 * </ol>
 *
 * A changed key is changed in place (new and changed fields set first, then the dropped ones deleted, so the hash is
 * never empty and thus never gone in between), except where its {@code vrf_name} changes: SONiC binds an interface
 * to a VRF only when the interface entry is created, so the key is deleted and created again, with its address keys
 * around it, as SONiC's own {@code config interface vrf bind} does.
 */
final class ConfigDbDelta {
    /** SONiC stores a key without fields as this one field, since redis has no empty hash. */
    static final String NULL = "NULL";
    static final String VRF_NAME = "vrf_name";
    private static final String DOWN = "down";

    /** One write of the transaction. */
    sealed interface Write permits Hset, Hdel, Del, Own, Disown {
        /** The redis command, for messages. */
        String command();
    }

    record Hset(ConfigDbKey key, SortedMap<String, String> fields) implements Write {
        Hset {
            requireNonNull(key, "key is null");
            fields = Collections.unmodifiableSortedMap(new TreeMap<>(fields));
            if (fields.isEmpty()) {
                throw new IllegalArgumentException("HSET of " + key + " without fields");
            }
        }

        @Override
        public String command() {
            return "HSET " + key + " " + fields;
        }
    }

    record Hdel(ConfigDbKey key, SortedSet<String> fields) implements Write {
        Hdel {
            requireNonNull(key, "key is null");
            fields = Collections.unmodifiableSortedSet(new TreeSet<>(fields));
            if (fields.isEmpty()) {
                throw new IllegalArgumentException("HDEL of " + key + " without fields");
            }
        }

        @Override
        public String command() {
            return "HDEL " + key + " " + fields;
        }
    }

    record Del(ConfigDbKey key) implements Write {
        Del {
            requireNonNull(key, "key is null");
        }

        @Override
        public String command() {
            return "DEL " + key;
        }
    }

    /** Adds keys to the ledger of owned keys. */
    record Own(SortedSet<ConfigDbKey> keys) implements Write {
        Own {
            keys = Collections.unmodifiableSortedSet(new TreeSet<>(keys));
        }

        @Override
        public String command() {
            return "SADD " + ConfigDbApplier.LEDGER + " " + keys;
        }
    }

    /** Removes keys from the ledger of owned keys. */
    record Disown(SortedSet<ConfigDbKey> keys) implements Write {
        Disown {
            keys = Collections.unmodifiableSortedSet(new TreeSet<>(keys));
        }

        @Override
        public String command() {
            return "SREM " + ConfigDbApplier.LEDGER + " " + keys;
        }
    }

    private enum Phase { PORTS_DOWN, DELETE, CREATE, PORTS_UP, LEDGER }

    private record Step(Phase phase, ConfigDbKey key, Write write) {}

    private ConfigDbDelta() {}

    /**
     * @param current what CONFIG_DB holds now for (at least) every key {@code target} mentions or {@code owned} has,
     *                fields as SONiC means them (without the {@link #NULL} placeholder); a key not in the map does not exist
     * @param owned   the keys the agent owns now (the ledger)
     */
    static List<Write> between(Map<ConfigDbKey, SortedMap<String, String>> current, SortedSet<ConfigDbKey> owned, ConfigDbState target) {
        List<Step> steps = new ArrayList<>();
        SortedSet<ConfigDbKey> universe = new TreeSet<>(target.mentioned());
        universe.addAll(owned);
        SortedSet<ConfigDbKey> rebound = new TreeSet<>();
        for (ConfigDbKey key : universe) {
            SortedMap<String, String> have = current.get(key);
            SortedMap<String, String> want = target.rows().get(key);
            if (!key.table().ownsWholeKeys()) {
                ownedFields(key, have, want, steps);
            } else if (want == null) {
                if (have != null) {
                    steps.add(new Step(Phase.DELETE, key, new Del(key)));
                }
            } else if (have == null) {
                steps.add(new Step(Phase.CREATE, key, new Hset(key, stored(want))));
            } else if (!have.equals(want)) {
                if (!Objects.equals(have.get(VRF_NAME), want.get(VRF_NAME))) {
                    rebound.add(key);
                    recreate(key, want, steps);
                } else {
                    change(key, stored(have), stored(want), steps);
                }
            }
        }
        // an unchanged address of a rebound interface is recreated around it: SONiC removes an interface only without addresses
        for (ConfigDbKey key : universe) {
            SortedMap<String, String> have = current.get(key);
            SortedMap<String, String> want = target.rows().get(key);
            if (have != null && have.equals(want) && rebound.stream().anyMatch(key::isBelow)) {
                recreate(key, want, steps);
            }
        }
        SortedSet<ConfigDbKey> disown = new TreeSet<>(owned);
        disown.removeAll(target.owned());
        SortedSet<ConfigDbKey> own = new TreeSet<>(target.owned());
        own.removeAll(owned);
        if (!disown.isEmpty()) {
            steps.add(new Step(Phase.LEDGER, null, new Disown(disown)));
        }
        if (!own.isEmpty()) {
            steps.add(new Step(Phase.LEDGER, null, new Own(own)));
        }
        // stable: the writes of one key keep their order (HSET before HDEL)
        steps.sort(Comparator.comparing(Step::phase).thenComparing((a, b) -> switch (a.phase()) {
            case DELETE -> b.key().compareTo(a.key());
            case PORTS_DOWN, CREATE, PORTS_UP -> a.key().compareTo(b.key());
            case LEDGER -> 0;
        }));
        return steps.stream().map(Step::write).toList();
    }

    /** A PORT key: only its owned fields, never the key; a port that does not exist is left alone. */
    private static void ownedFields(ConfigDbKey key, SortedMap<String, String> have, SortedMap<String, String> want, List<Step> steps) {
        if (have == null || want == null) {
            return;
        }
        for (String field : key.table().ownedFields()) {
            String now = have.get(field);
            String then = want.get(field);
            if (Objects.equals(now, then)) {
                continue;
            }
            Phase phase = then == null || then.equals(DOWN) ? Phase.PORTS_DOWN : Phase.PORTS_UP;
            steps.add(new Step(phase, key, then == null
                    ? new Hdel(key, new TreeSet<>(List.of(field)))
                    : new Hset(key, new TreeMap<>(Map.of(field, then)))));
        }
    }

    private static void recreate(ConfigDbKey key, SortedMap<String, String> want, List<Step> steps) {
        steps.add(new Step(Phase.DELETE, key, new Del(key)));
        steps.add(new Step(Phase.CREATE, key, new Hset(key, stored(want))));
    }

    private static void change(ConfigDbKey key, SortedMap<String, String> have, SortedMap<String, String> want, List<Step> steps) {
        SortedMap<String, String> set = new TreeMap<>();
        want.forEach((f, v) -> {
            if (!v.equals(have.get(f))) {
                set.put(f, v);
            }
        });
        SortedSet<String> drop = new TreeSet<>(have.keySet());
        drop.removeAll(want.keySet());
        if (!set.isEmpty()) {
            steps.add(new Step(Phase.CREATE, key, new Hset(key, set)));
        }
        if (!drop.isEmpty()) {
            steps.add(new Step(Phase.CREATE, key, new Hdel(key, drop)));
        }
    }

    /** The fields as stored in redis: none becomes SONiC's {@code NULL: NULL}. */
    static SortedMap<String, String> stored(SortedMap<String, String> fields) {
        return fields.isEmpty() ? new TreeMap<>(Map.of(NULL, NULL)) : fields;
    }

    /** The fields as SONiC means them: without the {@code NULL} placeholder. */
    static SortedMap<String, String> meant(Map<String, String> stored) {
        SortedMap<String, String> fields = new TreeMap<>(stored);
        if (NULL.equals(fields.get(NULL))) {
            fields.remove(NULL);
        }
        return fields;
    }
}
