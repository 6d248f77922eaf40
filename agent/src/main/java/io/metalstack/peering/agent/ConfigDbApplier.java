package io.metalstack.peering.agent;

import io.metalstack.peering.frr.ConfigDb;
import io.metalstack.peering.frr.FrrRenderer;
import io.metalstack.peering.frr.RenderedConfig;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.Transaction;
import redis.clients.jedis.exceptions.JedisException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

import static java.util.Objects.requireNonNull;

/**
 * SONiC's side of a rendered config: makes CONFIG_DB (redis, keys {@code TABLE|name}, each a hash of fields) hold
 * the rendered {@code config_db.json}, as metal-core's SONiC applier does, writing only what differs.
 *
 * <h2>What the agent owns</h2>
 * <ul>
 *   <li><b>Whole keys</b> of the tables {@code VRF}, {@code VLAN}, {@code VLAN_MEMBER}, {@code SUPPRESS_VLAN_NEIGH},
 *       {@code VLAN_INTERFACE}, {@code VXLAN_TUNNEL_MAP} and {@code INTERFACE} ({@link ConfigDbTable}), but only those
 *       it wrote: their names are kept in CONFIG_DB itself, in the set {@value #LEDGER} (not a {@code TABLE|name} key,
 *       so SONiC's {@code config save} and everything reading tables pass it by, like its own
 *       {@code CONFIG_DB_INITIALIZED}). The ledger changes in the same transaction as the keys, so it is right after a
 *       crash or a restart of the agent, whatever the moment. An owned key is made to equal the rendered one exactly
 *       (fields someone added are removed) and deleted once the rendered config no longer has it.</li>
 *   <li><b>The {@code admin_status} and {@code mtu} fields</b> of the {@code PORT} keys the rendered config names, as
 *       metal-core sets them: never a port's key nor its other fields (speed, lanes, alias are the platform's). A port
 *       the rendered config stops naming keeps its status (unset means down in SONiC, and nobody else would bring it
 *       up).</li>
 * </ul>
 * Everything else is never written: other tables ({@code DEVICE_METADATA}, {@code LOOPBACK_INTERFACE},
 * {@code VXLAN_TUNNEL}, …, which the rendered file also describes as the switch's static provisioning: they are
 * skipped), and keys of the owned tables that the agent did not write (a VLAN the operator made, the PXE
 * VLAN of the switch's static configuration). A rendered key that exists already without being owned is taken over
 * only if it holds exactly the rendered fields (a switch that metal-core managed before); with other fields it is
 * someone else's and the apply is refused, naming it, with nothing changed. metal-core instead claims every
 * {@code VrfN} it finds and deletes those it does not render, which would remove an operator's VRF.
 *
 * <h2>Order and atomicity</h2>
 * The writes ({@link ConfigDbDelta}) go in one {@code MULTI}/{@code EXEC} transaction, in the order SONiC's managers
 * need them (they see the keyspace events in that order): ports going down, deletions in reverse dependency order,
 * creations and changes in dependency order (VRF before the interfaces bound to it, VLAN before its members), ports
 * going up, the ledger. What was read to compute them is {@code WATCH}ed: if anyone changes it before {@code EXEC}, the
 * transaction does nothing and the apply starts again from reading (at most {@value #ATTEMPTS} times).
 *
 * <h2>Failures and revert</h2>
 * A failure before {@code EXEC} (connecting, reading, a refused key) changes nothing. A connection lost at {@code EXEC}
 * leaves it unknown whether redis carried the transaction out; either way CONFIG_DB and the ledger agree, so the next
 * apply reads them again and completes the change. {@link #revert()} writes back the state CONFIG_DB had before the
 * last successful apply (the keys it touched and the ledger, as read inside that apply's transaction); after an apply
 * whose outcome was unknown, the state before that one is what a later revert restores, since that was the last good
 * one.
 */
final class ConfigDbApplier implements OsApplier {
    /** The set of keys the agent owns, in CONFIG_DB next to them. */
    static final String LEDGER = "METAL_CORE_OWNED_KEYS";
    private static final int ATTEMPTS = 3;
    private static final String VXLAN_TUNNEL = "VXLAN_TUNNEL";
    private static final Set<String> PORT_STATES = Set.of("up", "down");

    private final RedisEndpoint endpoint;
    private final Duration timeout;
    /** What {@link #revert()} writes: CONFIG_DB before the last successful apply; null when there is nothing to put back. */
    private ConfigDbState beforeLastApply;
    /**
     * The last good state while a write's outcome is unknown (or a revert failed): what the next successful apply's
     * revert must restore, instead of the state that apply found.
     */
    private ConfigDbState lastGood;

    /** @param timeout for connecting and for each reply of redis */
    ConfigDbApplier(RedisEndpoint endpoint, Duration timeout) {
        this.endpoint = requireNonNull(endpoint, "endpoint is null");
        this.timeout = requireNonNull(timeout, "timeout is null");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
    }

    @Override
    public synchronized void apply(RenderedConfig config) throws ApplyTarget.ApplyException {
        ConfigDbState target = desired(config);
        ConfigDbState before;
        try {
            before = write(target, true);
        } catch (Uncertain e) {
            lastGood = lastGood == null ? e.before : lastGood.over(e.before);
            throw e.failure;
        }
        beforeLastApply = lastGood == null ? before : lastGood.over(before);
        lastGood = null;
    }

    @Override
    public synchronized void revert() throws ApplyTarget.ApplyException {
        if (beforeLastApply == null) {
            return;
        }
        try {
            write(beforeLastApply, false);
        } catch (Uncertain e) {
            lastGood = beforeLastApply;
            throw e.failure;
        } catch (ApplyTarget.ApplyException e) {
            lastGood = beforeLastApply;
            throw e;
        }
        beforeLastApply = null;
        lastGood = null;
    }

    /**
     * The rendered {@code config_db.json} as a state: the rows of its typed model ({@link RenderedConfig#configDbModel},
     * the file read only where it was made by hand), the whole keys owned.
     */
    static ConfigDbState desired(RenderedConfig config) throws ApplyTarget.ApplyException {
        if (!config.files().containsKey(FrrRenderer.CONFIG_DB)) {
            throw new ApplyTarget.ApplyException("the rendered config has no " + FrrRenderer.CONFIG_DB + " (not a SONiC switch?): "
                    + config.files().keySet());
        }
        ConfigDb db;
        try {
            db = config.configDbModel();
        } catch (IllegalArgumentException e) {
            throw new ApplyTarget.ApplyException("the rendered " + FrrRenderer.CONFIG_DB + " " + e.getMessage() + ", nothing applied", e);
        }
        SortedMap<ConfigDbKey, SortedMap<String, String>> rows = new TreeMap<>();
        try {
            for (Map.Entry<String, SortedMap<String, SortedMap<String, String>>> table : db.tables().entrySet()) {
                Optional<ConfigDbTable> mine = ConfigDbTable.named(table.getKey());
                if (mine.isEmpty()) {
                    // the switch's static provisioning (loopback, management VRF, VTEP), rendered so that the file
                    // describes the whole switch: set up once with the switch, as with metal-core, never by the agent
                    continue;
                }
                for (Map.Entry<String, SortedMap<String, String>> key : table.getValue().entrySet()) {
                    ConfigDbKey k = new ConfigDbKey(mine.get(), key.getKey());
                    SortedMap<String, String> fields = key.getValue();
                    if (!k.table().ownsWholeKeys() && (!k.table().ownedFields().equals(fields.keySet())
                            || !PORT_STATES.contains(fields.get(ConfigDbTable.ADMIN_STATUS)))) {
                        throw new IllegalArgumentException(k + " must set exactly " + ConfigDbTable.ADMIN_STATUS + " (up or down) and "
                                + ConfigDbTable.MTU + ": " + fields);
                    }
                    rows.put(k, fields);
                }
            }
        } catch (IllegalArgumentException e) {
            throw new ApplyTarget.ApplyException("the rendered " + FrrRenderer.CONFIG_DB + " has what the agent does not write, nothing applied: "
                    + e.getMessage(), e);
        }
        SortedSet<ConfigDbKey> owned = new TreeSet<>();
        rows.keySet().stream().filter(k -> k.table().ownsWholeKeys()).forEach(owned::add);
        return new ConfigDbState(rows, new TreeSet<>(), owned);
    }

    /** What was read inside the transaction's {@code WATCH}: the ledger and the keys, and whether each VTEP exists. */
    private record Read(SortedSet<ConfigDbKey> owned, SortedSet<ConfigDbKey> universe,
                        Map<ConfigDbKey, SortedMap<String, String>> current, Map<String, Boolean> tunnels) {
        /** These keys as read (of a PORT only the owned fields), and the ledger: what revert writes back. */
        ConfigDbState state() {
            SortedMap<ConfigDbKey, SortedMap<String, String>> rows = new TreeMap<>();
            SortedSet<ConfigDbKey> absent = new TreeSet<>();
            for (ConfigDbKey k : universe) {
                SortedMap<String, String> fields = current.get(k);
                if (fields == null) {
                    absent.add(k);
                } else if (k.table().ownsWholeKeys()) {
                    rows.put(k, fields);
                } else {
                    SortedMap<String, String> mine = new TreeMap<>(fields);
                    mine.keySet().retainAll(k.table().ownedFields());
                    rows.put(k, mine);
                }
            }
            return new ConfigDbState(rows, absent, owned);
        }
    }

    /** A write whose outcome is unknown; {@link #before} is CONFIG_DB as it was before it. */
    private static final class Uncertain extends Exception {
        final transient ConfigDbState before;
        final ApplyTarget.ApplyException failure;

        Uncertain(ConfigDbState before, ApplyTarget.ApplyException failure) {
            super(failure.getMessage(), failure, false, false);
            this.before = before;
            this.failure = failure;
        }
    }

    /**
     * Makes CONFIG_DB hold {@code target}; returns the state before. With {@code claim}, refuses (changing nothing)
     * where the target needs a key that is someone else's, a port or a VTEP that does not exist.
     */
    private ConfigDbState write(ConfigDbState target, boolean claim) throws ApplyTarget.ApplyException, Uncertain {
        try (Jedis redis = endpoint.connect(timeout)) {
            for (int attempt = 1; ; attempt++) {
                Read read = read(redis, target);
                if (claim) {
                    refuseForeign(read, target);
                }
                List<ConfigDbDelta.Write> writes = ConfigDbDelta.between(read.current(), read.owned(), target);
                ConfigDbState before = read.state();
                if (writes.isEmpty()) {
                    redis.unwatch();
                    return before;
                }
                List<Object> results;
                try {
                    Transaction tx = redis.multi();
                    writes.forEach(w -> queue(tx, w));
                    results = tx.exec();
                } catch (JedisException e) {
                    throw new Uncertain(before, new ApplyTarget.ApplyException("CONFIG_DB " + endpoint + ": the transaction of "
                            + describe(writes) + " failed: " + e.getMessage() + "; whether redis carried it out is not known, "
                            + "the next apply reads CONFIG_DB again and completes the change", e));
                }
                if (results == null) {
                    if (attempt == ATTEMPTS) {
                        throw new ApplyTarget.ApplyException("CONFIG_DB " + endpoint + ": the keys to write changed under each of "
                                + ATTEMPTS + " attempts (someone else writes them), nothing changed");
                    }
                    continue;
                }
                List<String> refused = new ArrayList<>();
                for (int i = 0; i < results.size(); i++) {
                    if (results.get(i) instanceof Exception e) {
                        refused.add(writes.get(i).command() + ": " + e.getMessage());
                    }
                }
                if (!refused.isEmpty()) {
                    // redis has carried out the rest of the transaction: the next apply completes it from what it reads
                    throw new Uncertain(before, new ApplyTarget.ApplyException("CONFIG_DB " + endpoint + ": redis refused "
                            + refused.size() + " of " + writes.size() + " writes: " + String.join("; ", refused)));
                }
                return before;
            }
        } catch (JedisException e) {
            throw new ApplyTarget.ApplyException("CONFIG_DB " + endpoint + ": cannot read the keys to write, nothing changed: "
                    + e.getMessage(), e);
        }
    }

    /** {@code WATCH}es and reads the ledger, every key the target mentions or the agent owns, and the VTEPs named. */
    private Read read(Jedis redis, ConfigDbState target) throws ApplyTarget.ApplyException {
        redis.watch(LEDGER);
        SortedSet<ConfigDbKey> owned = new TreeSet<>();
        for (String member : redis.smembers(LEDGER)) {
            try {
                owned.add(ConfigDbKey.parse(member));
            } catch (IllegalArgumentException e) {
                throw new ApplyTarget.ApplyException("CONFIG_DB " + endpoint + ": the ledger " + LEDGER + " holds '" + member
                        + "', which is no key the agent writes (" + e.getMessage() + "); nothing changed. Remove it from the set.");
            }
        }
        owned.removeIf(k -> !k.table().ownsWholeKeys());
        SortedSet<ConfigDbKey> universe = new TreeSet<>(target.mentioned());
        universe.addAll(owned);
        if (!universe.isEmpty()) {
            redis.watch(universe.stream().map(ConfigDbKey::toString).toArray(String[]::new));
        }
        SortedSet<String> tunnels = new TreeSet<>();
        target.rows().keySet().stream().filter(k -> k.table() == ConfigDbTable.VXLAN_TUNNEL_MAP)
                .forEach(k -> tunnels.add(k.name().substring(0, Math.max(0, k.name().indexOf(ConfigDbKey.SEPARATOR)))));
        Map<ConfigDbKey, Response<Map<String, String>>> rows = new TreeMap<>();
        Map<String, Response<Boolean>> vteps = new TreeMap<>();
        try (Pipeline p = redis.pipelined()) {
            universe.forEach(k -> rows.put(k, p.hgetAll(k.toString())));
            tunnels.forEach(t -> vteps.put(t, p.exists(VXLAN_TUNNEL + ConfigDbKey.SEPARATOR + t)));
            p.sync();
        }
        Map<ConfigDbKey, SortedMap<String, String>> current = new TreeMap<>();
        rows.forEach((k, r) -> {
            Map<String, String> stored = r.get();
            if (!stored.isEmpty()) {
                current.put(k, ConfigDbDelta.meant(stored));
            }
        });
        Map<String, Boolean> exist = new TreeMap<>();
        vteps.forEach((t, r) -> exist.put(t, r.get()));
        return new Read(owned, universe, current, exist);
    }

    /** Refuses keys that are someone else's, ports that do not exist and VXLAN maps of a VTEP that does not exist. */
    private void refuseForeign(Read read, ConfigDbState target) throws ApplyTarget.ApplyException {
        List<String> problems = new ArrayList<>();
        target.rows().forEach((k, want) -> {
            SortedMap<String, String> have = read.current().get(k);
            if (!k.table().ownsWholeKeys()) {
                if (have == null) {
                    problems.add("there is no port " + k + " to set " + ConfigDbTable.ADMIN_STATUS + " of");
                }
            } else if (have != null && !read.owned().contains(k) && !have.equals(want)) {
                problems.add(k + " exists with " + have + ", which the agent did not write and which differs from the rendered "
                        + want + " (delete it, or make it equal, to let the agent own it)");
            }
        });
        read.tunnels().forEach((t, exists) -> {
            if (!exists) {
                problems.add("there is no " + VXLAN_TUNNEL + ConfigDbKey.SEPARATOR + t + ", the VTEP the rendered VXLAN_TUNNEL_MAP names");
            }
        });
        if (!problems.isEmpty()) {
            throw new ApplyTarget.ApplyException("CONFIG_DB " + endpoint + ": refused, nothing changed: " + String.join("; ", problems));
        }
    }

    private static void queue(Transaction tx, ConfigDbDelta.Write write) {
        if (write instanceof ConfigDbDelta.Hset h) {
            tx.hset(h.key().toString(), h.fields());
        } else if (write instanceof ConfigDbDelta.Hdel h) {
            tx.hdel(h.key().toString(), h.fields().toArray(String[]::new));
        } else if (write instanceof ConfigDbDelta.Del d) {
            tx.del(d.key().toString());
        } else if (write instanceof ConfigDbDelta.Own o) {
            tx.sadd(LEDGER, names(o.keys()));
        } else if (write instanceof ConfigDbDelta.Disown d) {
            tx.srem(LEDGER, names(d.keys()));
        } else {
            throw new IllegalStateException("unknown CONFIG_DB write " + write);
        }
    }

    private static String[] names(SortedSet<ConfigDbKey> keys) {
        return keys.stream().map(ConfigDbKey::toString).toArray(String[]::new);
    }

    private static String describe(List<ConfigDbDelta.Write> writes) {
        List<String> first = writes.stream().limit(4).map(ConfigDbDelta.Write::command).toList();
        return writes.size() + " write(s) (" + String.join(", ", first) + (writes.size() > first.size() ? ", …" : "") + ")";
    }

    @Override
    public String toString() {
        return "CONFIG_DB " + endpoint;
    }
}
