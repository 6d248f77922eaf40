package io.metalstack.peering.agent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.metalstack.peering.api.V1SessionState;
import io.metalstack.peering.frr.BgpTableParser;
import io.metalstack.peering.frr.FrrDelta;
import io.metalstack.peering.frr.ProtectedDeletions;
import io.metalstack.peering.frr.RenderedConfig;
import io.metalstack.peering.model.IpPrefix;
import io.metalstack.peering.model.plan.ExternalSession;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * Applies {@code frr.conf} into running FRR daemons, as metal-core's applier does: render to {@code <config>.tmp}, keep
 * the old file as {@code <config>.bak}, move the new one in place, push, and on any failure restore the last good
 * config (file and daemons) and report.
 *
 * <p>Two ways to push. The <em>delta push</em>: the commands {@link FrrDelta} computes from the typed model applied last
 * to the new one, in one vtysh session that stops at the first line FRR's parser refuses ({@link Vtysh#configure});
 * any line FRR prints is a failure, and a failure restores the last good config. The <em>full reload</em>, for the
 * first apply (the running config is unknown), whenever the last full reload is older than the drift check interval
 * (it repairs what someone changed by hand), for a change {@link FrrDelta} does not compute, and to restore the last
 * good config: the whole file is checked with {@code vtysh -C} first (a file FRR's parser refuses is never loaded),
 * then loaded with a delta computed by FRR's own {@code frr-reload.py} offline against the running config (see
 * {@link #reload}), after which the running config is compared again. For both, any line FRR prints while loading
 * (other than the forward-reference warning) is a failure. Why the delta push needs neither the whole file's
 * {@code vtysh -C} nor a read-back of the running config: docs/agent.md, "The delta push (FrrDelta)".
 */
final class FrrTarget implements ApplyTarget {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final System.Logger LOG = System.getLogger(FrrTarget.class.getName());
    /**
     * The largest delta pushed as vtysh arguments (one per line, all together under the kernel's limit on a command
     * line, 2 MiB on Linux by default); a larger change is applied by a full reload.
     */
    static final long MAX_DELTA_BYTES = 512 * 1024;

    private final Path config;
    private final Vtysh vtysh;
    private final ReloadDelta delta;
    private final Duration driftCheck;
    private final LongSupplier nanoTime;
    private final BgpTableParser tables = new BgpTableParser();
    /** The config that last applied cleanly; before the first apply, what was running when we started. */
    private String lastGood;
    /** What {@link #lastGood} was rendered from; null while it is not known (before the first apply, after a failed restore). */
    private RenderedConfig lastApplied;
    /** {@link System#nanoTime} of the last full reload that applied cleanly. */
    private long lastFullReload;
    /** Told the name of each step of a push right after its {@code vtysh -f} load (tests check FRR in between). */
    private final Consumer<String> afterLoad;

    /** @param driftCheck a full reload at least this often (zero: every apply) */
    FrrTarget(Path config, Vtysh vtysh, ReloadDelta delta, Duration driftCheck) {
        this(config, vtysh, delta, driftCheck, System::nanoTime, step -> { });
    }

    /**
     * @param nanoTime  the clock of the drift check
     * @param afterLoad called after each {@code vtysh -f} load with the step's name, for tests
     */
    FrrTarget(Path config, Vtysh vtysh, ReloadDelta delta, Duration driftCheck, LongSupplier nanoTime, Consumer<String> afterLoad) {
        this.config = requireNonNull(config, "config is null");
        this.vtysh = requireNonNull(vtysh, "vtysh is null");
        this.delta = requireNonNull(delta, "delta is null");
        this.driftCheck = requireNonNull(driftCheck, "driftCheck is null");
        this.nanoTime = requireNonNull(nanoTime, "nanoTime is null");
        this.afterLoad = requireNonNull(afterLoad, "afterLoad is null");
        if (driftCheck.isNegative()) {
            throw new IllegalArgumentException("the drift check interval must not be negative: " + driftCheck);
        }
    }

    @Override
    public synchronized void apply(RenderedConfig rendered) throws ApplyException {
        long now = nanoTime.getAsLong();
        boolean driftDue = lastApplied == null || now - lastFullReload >= driftCheck.toNanos();
        Optional<FrrDelta.Push> push = driftDue ? Optional.empty() : FrrDelta.between(lastApplied, rendered)
                .filter(p -> p.commands().stream().mapToLong(c -> c.length() + 4L).sum() <= MAX_DELTA_BYTES);
        String text = rendered.frrConf();
        Path tmp = sibling(".tmp");
        Path bak = sibling(".bak");
        long t0 = System.nanoTime();
        try {
            Files.createDirectories(config.toAbsolutePath().getParent());
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            if (push.isEmpty()) {
                // a full reload loads the whole file: FRR's parser sees all of it first. A delta push needs no such
                // check: its lines are refused one by one by the same parser, and the first refusal stops it (see push)
                List<String> syntax = vtysh.syntaxProblems(tmp);
                if (!syntax.isEmpty()) {
                    Files.deleteIfExists(tmp);
                    throw new ApplyException("vtysh -C rejected the rendered config, nothing applied: " + String.join("; ", syntax));
                }
                if (lastGood == null) {
                    lastGood = withoutVrfBackendState(vtysh.runningConfig());
                }
            }
            if (Files.exists(config)) {
                Files.move(config, bak, StandardCopyOption.REPLACE_EXISTING);
            }
            Files.move(tmp, config, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new ApplyException("cannot write " + config + ": " + e, e);
        }
        long t1 = System.nanoTime();
        List<String> problems = push.isPresent() ? push(push.get()) : reload(config, Optional.of(rendered));
        long t2 = System.nanoTime();
        LOG.log(System.Logger.Level.DEBUG, () -> String.format("%s: %s: write%s %d ms, %s %d ms", config,
                push.isPresent() ? "delta push" : "full reload", push.isPresent() ? "" : " + vtysh -C", (t1 - t0) / 1_000_000,
                push.isPresent() ? "push (" + push.get().commands().size() + " lines, one vtysh)" : "reload", (t2 - t1) / 1_000_000));
        if (problems.isEmpty()) {
            lastGood = text;
            lastApplied = rendered;
            if (push.isEmpty()) {
                lastFullReload = now;
            }
            return;
        }
        String failure = "FRR rejected the config at apply (" + (push.isPresent() ? "delta push" : "full reload") + "): "
                + String.join("; ", problems);
        List<String> restoreProblems = restore(bak);
        if (!restoreProblems.isEmpty()) {
            lastApplied = null;
        }
        throw new ApplyException(failure + (restoreProblems.isEmpty()
                ? "; the last good config was restored"
                : "; restoring the last good config failed too: " + String.join("; ", restoreProblems)));
    }

    /**
     * True when the last full reload is older than the drift check interval (never with an interval of zero, where every
     * apply is a full reload anyway, nor before the first apply).
     */
    @Override
    public synchronized boolean driftCheckDue() {
        return !driftCheck.isZero() && lastApplied != null && nanoTime.getAsLong() - lastFullReload >= driftCheck.toNanos();
    }

    /**
     * Pushes a delta in one vtysh session ({@link Vtysh#configure}): the problems FRR printed, none when every line was
     * accepted. The session stops at the first line FRR's parser refuses, so what was applied is a prefix of the delta,
     * and {@link FrrDelta} orders its lines so that every prefix keeps each import permit tied to its matches (the
     * caller then restores the last good config). Nothing is read back: vtysh judged every line, the convergence check
     * that follows reads the tables the change is for, and the drift check's full reload compares the whole running
     * config (see docs/agent.md).
     */
    private List<String> push(FrrDelta.Push push) {
        if (push.isEmpty()) {
            return List.of();
        }
        try {
            List<String> problems = vtysh.configure(push.commands());
            afterLoad.accept("delta");
            return problems;
        } catch (RuntimeException e) {
            return List.of(String.valueOf(e.getMessage()));
        }
    }

    /** Puts the last good config back with a full reload: into the daemons and, from the {@code .bak}, into the config file. */
    private List<String> restore(Path bak) {
        List<String> problems = new ArrayList<>();
        try {
            Path good = sibling(".good");
            Files.writeString(good, lastGood, StandardCharsets.UTF_8);
            problems.addAll(reload(good, Optional.ofNullable(lastApplied)));
            Files.deleteIfExists(good);
            if (Files.exists(bak)) {
                Files.move(bak, config, StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.deleteIfExists(config);
            }
        } catch (IOException e) {
            problems.add("cannot restore " + config + ": " + e);
        }
        return problems;
    }

    /**
     * The full reload: brings the daemons to the file {@code wanted} (rendered as {@code rendered}, where known); returns
     * what went wrong (empty: the running config equals it). Three loads, in an order where no step leaves an import
     * route-map entry that permits without its match clauses (entries are numbered by position, so a deleted peering
     * moves another peer's entry to its number):
     * <ol>
     *   <li>the new config's policies ({@link FrrDelta#policies}): FRR replaces a {@code match} of the same type in
     *       place and changes an entry's type ({@code permit 20} to {@code deny 20}) keeping its matches, so every entry
     *       only ever narrows or gets its new matches (a permit entry not yet running as one is pushed as a deny first);
     *       and an {@code import vrf route-map X} of step 2 names a route-map already defined, which takes effect at once
     *       instead of after bgpd's route-map delay timer. Left out for a file without a typed model;</li>
     *   <li>the whole file (idempotent for what is already there);</li>
     *   <li>the deletions of a delta computed again against the running config: what the file no longer has (matches
     *       left over from step 1, entries, {@code import vrf} lines, prefix-lists), never a {@link ProtectedDeletions}
     *       line.</li>
     * </ol>
     */
    private List<String> reload(Path wanted, Optional<RenderedConfig> rendered) {
        List<String> problems = new ArrayList<>();
        Path running = sibling(".running");
        Path deletions = sibling(".delete");
        Path policies = sibling(".policies");
        try {
            List<String> policyCommands = rendered.map(r -> FrrDelta.policies(r, routeMapHeaders(vtysh.runningConfig()))).orElse(List.of());
            if (!policyCommands.isEmpty()) {
                Files.writeString(policies, String.join("\n", policyCommands) + "\n", StandardCharsets.UTF_8);
                problems.addAll(vtysh.load(policies));
                afterLoad.accept("policies");
            }
            problems.addAll(vtysh.load(wanted));
            afterLoad.accept("config");
            Files.writeString(running, vtysh.runningConfig(), StandardCharsets.UTF_8);
            List<String> toDelete = delta.between(running, wanted).deletionsToPush();
            if (!toDelete.isEmpty()) {
                Files.writeString(deletions, String.join("\n", toDelete) + "\n", StandardCharsets.UTF_8);
                problems.addAll(vtysh.load(deletions));
                afterLoad.accept("deletions");
            }
            Files.writeString(running, vtysh.runningConfig(), StandardCharsets.UTF_8);
            List<String> missing = delta.between(running, wanted).significantAdds();
            if (!missing.isEmpty()) {
                problems.add("the running config lacks " + missing.size() + " line(s) of the new config after the reload, e.g. "
                        + missing.subList(0, Math.min(3, missing.size())));
            }
        } catch (IOException e) {
            problems.add("cannot write the reload's work files next to " + config + ": " + e);
        } catch (RuntimeException e) {
            problems.add(e.getMessage());
        } finally {
            deleteQuietly(running);
            deleteQuietly(deletions);
            deleteQuietly(policies);
        }
        return problems;
    }

    /** The {@code route-map X permit|deny N} lines of a running config. */
    private static Set<String> routeMapHeaders(String running) {
        return running.lines().filter(l -> l.startsWith("route-map ")).collect(Collectors.toSet());
    }

    @Override
    /**
     * Both families' tables in one {@code vtysh} process (two {@code -c}, one JSON document each; none for a family
     * without a BGP instance yet): the convergence check reads them every few tens of milliseconds.
     */
    public Optional<SortedMap<String, SortedSet<IpPrefix>>> observe() {
        SortedMap<String, SortedSet<IpPrefix>> valid = new TreeMap<>();
        String out = vtysh.show("show bgp vrf all ipv4 unicast json", "show bgp vrf all ipv6 unicast json");
        try (MappingIterator<JsonNode> documents = JSON.readerFor(JsonNode.class).readValues(out)) {
            while (documents.hasNextValue()) {
                var table = tables.parse(documents.nextValue().toString());
                for (String vrf : table.keySet()) {
                    if (!vrf.equals("default")) {
                        valid.computeIfAbsent(vrf, v -> new TreeSet<>()).addAll(BgpTableParser.validPrefixes(table, vrf));
                    }
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("show bgp vrf all ipv4|ipv6 unicast json did not print JSON: " + e.getMessage(), e);
        }
        return Optional.of(Collections.unmodifiableSortedMap(valid));
    }

    /**
     * Each session's FRR state and received prefix count from {@code show bgp vrf all summary json}; see
     * {@link #sessionStates}.
     */
    @Override
    public List<V1SessionState> sessions(List<ExternalSession> sessions) {
        return sessionStates(vtysh.show("show bgp vrf all summary json"), sessions);
    }

    /**
     * Reads {@code show bgp vrf all summary json} ({@code {vrf: {ipv4Unicast|ipv6Unicast: {peers: {address: {state,
     * pfxRcd}}}}}}): a session is the peer with its remote address in its own VRF ({@code VrfN} or {@code vrfN}), since
     * two VRFs may each have a neighbour of the same address. A session FRR does not list is reported as {@code Unknown}.
     */
    static List<V1SessionState> sessionStates(String summaryJson, List<ExternalSession> sessions) {
        JsonNode root;
        try {
            String out = summaryJson.strip();
            root = out.isEmpty() ? JSON.createObjectNode() : JSON.readTree(out);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("show bgp vrf all summary json did not print JSON: " + e.getOriginalMessage(), e);
        }
        List<V1SessionState> states = new ArrayList<>();
        for (ExternalSession s : sessions) {
            String remote = s.remote().toString().replaceFirst("/.*$", "");
            String state = "Unknown";
            long received = 0;
            for (String vrfName : List.of(s.vrf().sonicName(), s.vrf().cumulusName())) {
                for (JsonNode family : root.path(vrfName)) {
                    JsonNode peer = family.path("peers").path(remote);
                    if (!peer.isMissingNode()) {
                        state = peer.path("state").asText(state);
                        received += peer.path("pfxRcd").asLong(0);
                    }
                }
            }
            states.add(new V1SessionState(s.peering().value(), state, received));
        }
        return states;
    }

    /**
     * A running config without the {@code netns} lines zebra's netns VRF backend shows under each {@code vrf}: they are
     * the backend's state, not configuration, and pushing them back fails ("VRF already configured with NETNS").
     */
    static String withoutVrfBackendState(String running) {
        return running.lines().filter(l -> !l.matches("\\s+netns \\S+")).map(l -> l + "\n").collect(Collectors.joining());
    }

    private Path sibling(String suffix) {
        return config.resolveSibling(config.getFileName() + suffix);
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + p, e);
        }
    }

    @Override
    public String toString() {
        return "FRR " + config + (vtysh.socketDir() == null ? "" : " via " + vtysh.socketDir());
    }
}
