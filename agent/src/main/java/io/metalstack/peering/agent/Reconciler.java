package io.metalstack.peering.agent;

import io.metalstack.peering.api.IntentCodec;
import io.metalstack.peering.api.V1ObservedPrefixes;
import io.metalstack.peering.api.V1RenderWarning;
import io.metalstack.peering.api.V1SessionState;
import io.metalstack.peering.api.V1SwitchIntent;
import io.metalstack.peering.api.V1SwitchNotifyRequest;
import io.metalstack.peering.frr.FrrRenderer;
import io.metalstack.peering.frr.RenderedConfig;
import io.metalstack.peering.frr.SwitchLocal;
import io.metalstack.peering.model.AddressFamily;
import io.metalstack.peering.model.DomainException;
import io.metalstack.peering.model.IpPrefix;
import io.metalstack.peering.model.plan.SwitchIntent;
import io.metalstack.peering.model.plan.VrfIntent;
import io.metalstack.peering.model.status.SwitchReport;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.LongSupplier;

import static java.util.Objects.requireNonNull;

/**
 * One sync of the switch: wire intent → model ({@link IntentCodec}) → the agent's own re-check ({@link IntentCheck})
 * → render ({@link FrrRenderer}) → apply (skipped when the rendered bytes hash like the last applied ones, unless the
 * target's drift check is due) → read
 * back → the report for {@code POST /v1/switch/{id}/notify}. Never throws for a bad intent or a failed apply: those
 * become the report's {@code error}; the renderer's warnings on the current intent become its {@code warnings}.
 */
final class Reconciler {
    private static final System.Logger LOG = System.getLogger(Reconciler.class.getName());
    private final ApplyTarget target;
    private final FrrRenderer renderer;
    private final SwitchLocal local;
    private final LongSupplier nanoTime;
    private final Duration settle;
    /** The pause between two reads of the tables while waiting for convergence. */
    static final Duration POLL = Duration.ofMillis(25);
    private String appliedHash;
    private SwitchIntent current;
    /** The renderer's warnings on the last intent it rendered (the first {@link SwitchReport#WARNINGS_MAX}); null: none or refused. */
    private List<V1RenderWarning> warnings;
    private int applies;
    /** What the target showed when the last apply's convergence check passed (null: not checked or not converged). */
    private SortedMap<String, SortedSet<IpPrefix>> convergedView;
    /** What the last report's read of the tables showed (empty: the target cannot observe); null when that read failed. */
    private Optional<SortedMap<String, SortedSet<IpPrefix>>> reportedView;

    /**
     * @param settle how long to wait after an apply for the switch to show every prefix the intent expects (own and
     *               imported, per VRF) before reporting; zero reports at once. A report taken right after a reload
     *               would show a peering's routes as missing only because BGP has not converged yet.
     */
    Reconciler(ApplyTarget target, FrrRenderer renderer, LongSupplier nanoTime, Duration settle) {
        this(target, renderer, SwitchLocal.DEFAULTS, nanoTime, settle);
    }

    /** @param local the switch's own facts (management, PXE, bridge, logging), rendered with every intent */
    Reconciler(ApplyTarget target, FrrRenderer renderer, SwitchLocal local, LongSupplier nanoTime, Duration settle) {
        this.target = requireNonNull(target, "target is null");
        this.renderer = requireNonNull(renderer, "renderer is null");
        this.local = requireNonNull(local, "local is null");
        this.nanoTime = requireNonNull(nanoTime, "nanoTime is null");
        this.settle = requireNonNull(settle, "settle is null");
    }

    synchronized V1SwitchNotifyRequest reconcile(long revision, V1SwitchIntent wire) {
        long start = nanoTime.getAsLong();
        convergedView = null;
        String error = sync(wire);
        long durationMs = (nanoTime.getAsLong() - start) / 1_000_000;
        // the tables were just read and showed every expected prefix: the report tells that view, not a second read
        return report(revision, durationMs, error, convergedView);
    }

    private String sync(V1SwitchIntent wire) {
        SwitchIntent intent;
        try {
            intent = IntentCodec.toModel(requireNonNull(wire, "the intent response holds no intent"));
        } catch (DomainException | NullPointerException e) {
            warnings = null;
            return "refused an invalid intent, nothing applied: " + e.getMessage();
        }
        List<IntentCheck.Violation> violations = IntentCheck.violations(wire);
        if (!violations.isEmpty()) {
            warnings = null;
            return IntentCheck.describe(violations);
        }
        long t0 = System.nanoTime();
        RenderedConfig rendered = renderer.render(intent, local);
        long t1 = System.nanoTime();
        String hash = hash(rendered);
        current = intent;
        warnings = rendered.warnings().isEmpty() ? null : rendered.warnings().stream().sorted().limit(SwitchReport.WARNINGS_MAX)
                .map(w -> new V1RenderWarning(w.subject(), w.message())).toList();
        if (hash.equals(appliedHash) && !target.driftCheckDue()) {
            return null;
        }
        try {
            target.apply(rendered);
            long t2 = System.nanoTime();
            appliedHash = hash;
            applies++;
            awaitConvergence(intent);
            long t3 = System.nanoTime();
            LOG.log(System.Logger.Level.DEBUG, () -> String.format("render %d ms, apply %d ms, convergence check %d ms",
                    (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000));
            return null;
        } catch (ApplyTarget.ApplyException e) {
            return e.getMessage();
        }
    }

    /**
     * Polls the target until every VRF shows every expected prefix (or something inside it), at most {@link #settle}.
     * Every {@link #POLL}: a leaked route shows in bgpd within tens of milliseconds of the push, and each poll is two
     * {@code vtysh} reads.
     */
    private void awaitConvergence(SwitchIntent intent) {
        if (settle.isZero()) {
            return;
        }
        long deadline = nanoTime.getAsLong() + settle.toNanos();
        while (nanoTime.getAsLong() - deadline < 0) {
            Optional<SortedMap<String, SortedSet<IpPrefix>>> seen;
            try {
                seen = target.observe();
            } catch (RuntimeException e) {
                return; // the report says what went wrong
            }
            if (seen.isEmpty()) {
                return;
            }
            if (converged(intent, seen.get())) {
                convergedView = seen.get();
                return;
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    static boolean converged(SwitchIntent intent, SortedMap<String, SortedSet<IpPrefix>> seen) {
        for (VrfIntent vrf : intent.vrfs()) {
            if (!vrf.missing(seen.getOrDefault(intent.os().vrfName(vrf.vni()), new TreeSet<>())).isEmpty()) {
                return false;
            }
        }
        return true;
    }

    /** The report of what the switch shows now, for {@code revision}; {@code error} null on success. */
    synchronized V1SwitchNotifyRequest report(long revision, long durationMs, String error) {
        return report(revision, durationMs, error, null);
    }

    /** {@code view}: what the target showed just now, or null to read it. */
    private V1SwitchNotifyRequest report(long revision, long durationMs, String error, SortedMap<String, SortedSet<IpPrefix>> view) {
        SortedMap<String, V1ObservedPrefixes> vrfs = null;
        List<V1SessionState> sessions = List.of();
        try {
            reportedView = null;
            Optional<SortedMap<String, SortedSet<IpPrefix>>> seen = view != null ? Optional.of(view) : observed();
            reportedView = seen;
            if (seen.isPresent()) {
                SortedMap<String, V1ObservedPrefixes> byVrf = new TreeMap<>();
                seen.get().forEach((vrf, prefixes) -> byVrf.put(vrf, new V1ObservedPrefixes(strings(prefixes, AddressFamily.IPV4),
                        strings(prefixes, AddressFamily.IPV6))));
                vrfs = byVrf;
            }
            sessions = sessions();
        } catch (RuntimeException e) {
            error = (error == null ? "" : error + "; ") + "cannot read back the BGP tables: " + e.getMessage();
        }
        return new V1SwitchNotifyRequest(revision, durationMs, error, vrfs, sessions, warnings);
    }

    /** What the last report's read of the tables showed, or {@code otherwise} when that read failed. */
    synchronized Optional<SortedMap<String, SortedSet<IpPrefix>>> reportedView(Optional<SortedMap<String, SortedSet<IpPrefix>>> otherwise) {
        return reportedView != null ? reportedView : otherwise;
    }

    /** True when the target wants the last config applied again although nothing changed (see {@link ApplyTarget#driftCheckDue}). */
    boolean driftCheckDue() {
        return target.driftCheckDue();
    }

    /** What the target sees now; empty when it cannot observe (directory target). */
    Optional<SortedMap<String, SortedSet<IpPrefix>>> observed() {
        return target.observe();
    }

    /** The states of the current intent's external BGP sessions; empty where it has none (no target call then). */
    synchronized List<V1SessionState> sessions() {
        return current == null || current.external().isEmpty() ? List.of() : target.sessions(current.external());
    }

    /** How many times a config was actually applied (not skipped as unchanged). */
    synchronized int applies() {
        return applies;
    }

    private static List<String> strings(SortedSet<IpPrefix> prefixes, AddressFamily family) {
        return prefixes.stream().filter(p -> p.family() == family).map(IpPrefix::toString).toList();
    }

    static String hash(RenderedConfig rendered) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Map.Entry<String, String> file : rendered.files().entrySet()) {
                sha.update(file.getKey().getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
                sha.update(file.getValue().getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
