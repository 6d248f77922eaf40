package io.metalstack.peering.server.service;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import io.metalstack.peering.frr.FrrRenderer;
import io.metalstack.peering.frr.RenderedDiff;
import io.metalstack.peering.model.IpPrefix;
import io.metalstack.peering.model.Network;
import io.metalstack.peering.model.NetworkType;
import io.metalstack.peering.model.Peering;
import io.metalstack.peering.model.PeeringId;
import io.metalstack.peering.model.PeeringNetworks;
import io.metalstack.peering.model.SwitchId;
import io.metalstack.peering.model.plan.Inventory;
import io.metalstack.peering.model.plan.SwitchIntent;
import io.metalstack.peering.server.auth.Principal;
import io.metalstack.peering.server.fabric.Fabric;
import io.metalstack.peering.server.store.Database;
import io.metalstack.peering.server.store.JdbcStores;
import io.metalstack.peering.server.store.Stores;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static java.util.Objects.requireNonNull;

/**
 * A peering write that commits nothing ({@code ?dryrun=true}): the real write's transaction runs in full — the same
 * checks, locks, rules and capacity admission ({@link Fabric#preview}), so a refusal is the real call's — and is then
 * rolled back: the revision does not move, nothing is logged, no watcher wakes. The answer is the peering as it
 * would be and, per switch whose rendered files would change, the unified diff of those files ({@link RenderedDiff}),
 * rendered as {@link SwitchAgentService}'s preview renders them: with metal-core's default switch-local facts.
 *
 * <p>A tenant sees switch config only in what it may see: in its answer every address or prefix that lies in no
 * network it sees (other than a super network, which holds every project's) is replaced by {@value #HIDDEN}.
 */
public final class PeeringDryRun {

    /** What replaces an address or prefix the caller may not see. */
    static final String HIDDEN = "<hidden>";

    private static final Pattern ADDRESS = Pattern.compile("(?<![\\w:.])(?:\\d{1,3}(?:\\.\\d{1,3}){3}|[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7})(?:/\\d{1,3})?(?![\\w:.])");

    private final Database db;
    private final PeeringService peerings;
    private final Fabric fabric;
    private final FrrRenderer renderer = new FrrRenderer();

    public PeeringDryRun(Database db, PeeringService peerings, Fabric fabric) {
        this.db = requireNonNull(db, "db is null");
        this.peerings = requireNonNull(peerings, "peerings is null");
        this.fabric = requireNonNull(fabric, "fabric is null");
    }

    /** The diff of one switch's rendered files. */
    public record SwitchDiff(SwitchId id, String diff) {
        public SwitchDiff {
            requireNonNull(id, "id is null");
            requireNonNull(diff, "diff is null");
        }
    }

    /** An admitted dry run: the peering as it would be, and the switches that would change, in id order. */
    public record Verdict(PeeringService.Viewed peering, List<SwitchDiff> switches) {
        public Verdict {
            requireNonNull(peering, "peering is null");
            switches = List.copyOf(switches);
        }
    }

    public Verdict create(Principal who, PeeringService.Draft d) {
        PeeringId id = peerings.idOf(who, d);
        return run(who, id, s -> written(who, s, peerings.create(s, who, id, d).peering()));
    }

    public Verdict update(Principal who, PeeringService.Edit e) {
        return run(who, e.id(), s -> written(who, s, peerings.update(s, who, e)));
    }

    public Verdict delete(Principal who, PeeringId id) {
        List<SwitchId> on = List.copyOf(fabric.state().switchesOf(id));
        return run(who, id, s -> {
            PeeringService.Viewed deleted = peerings.delete(s, who, id, on);
            return preview -> deleted;
        });
    }

    /** A written peering as it would be in the fabric the write makes. */
    private static Function<Fabric.Preview, PeeringService.Viewed> written(Principal who, Stores s, Peering p) {
        return preview -> PeeringService.viewed(preview.after(), who, p, PeeringNetworks.of(p, s.networks()::get), s.switchState().reports());
    }

    /** Carries the verdict out of the write transaction, which it rolls back. */
    private static final class RolledBack extends RuntimeException {
        private final transient Verdict verdict;

        RolledBack(Verdict verdict) {
            super("dry run", null, false, false);
            this.verdict = verdict;
        }
    }

    /**
     * Runs {@code write} (of peering {@code id}) in a write transaction, plans and diffs what it wrote, and rolls it back.
     * {@code write} answers how its peering looks in the fabric it would make.
     */
    private Verdict run(Principal who, PeeringId id, Function<Stores, Function<Fabric.Preview, PeeringService.Viewed>> write) {
        try {
            db.write(s -> {
                Optional<Peering> was = s.peerings().get(id);
                Function<Fabric.Preview, PeeringService.Viewed> view = write.apply(s);
                Fabric.Preview preview = preview(s, id, was);
                throw new RolledBack(new Verdict(view.apply(preview), diffs(who, s, preview)));
            });
        } catch (RolledBack r) {
            return r.verdict;
        }
        throw new IllegalStateException("a dry run committed");
    }

    /** The fabric without and with what the transaction wrote; {@code was}: peering {@code id} before it. */
    private Fabric.Preview preview(Stores s, PeeringId id, Optional<Peering> was) {
        if (!(s instanceof JdbcStores tx)) {
            throw new IllegalStateException("a dry run needs the write transaction, got " + s.getClass().getName());
        }
        return fabric.preview(tx, now -> {
            List<Peering> before = new ArrayList<>(now.peerings().stream().filter(p -> !p.id().equals(id)).toList());
            was.ifPresent(before::add);
            return new Inventory(now.partitions(), now.projects(), now.networks(), now.switches(), now.machines(), before);
        });
    }

    private List<SwitchDiff> diffs(Principal who, Stores s, Fabric.Preview preview) {
        UnaryOperator<String> redact = who.global() ? UnaryOperator.identity() : tenantView(who, s);
        TreeSet<SwitchId> ids = new TreeSet<>(preview.before().plan().intents().keySet());
        ids.addAll(preview.after().plan().intents().keySet());
        List<SwitchDiff> out = new ArrayList<>();
        for (SwitchId id : ids) {
            Optional<SwitchIntent> before = preview.before().plan().intent(id), after = preview.after().plan().intent(id);
            if (before.equals(after)) {
                continue;
            }
            String diff = RenderedDiff.unified(files(before), files(after), redact);
            if (!diff.isEmpty()) {
                out.add(new SwitchDiff(id, diff));
            }
        }
        return out;
    }

    private SortedMap<String, String> files(Optional<SwitchIntent> intent) {
        return intent.map(i -> renderer.render(i).files()).orElseGet(TreeMap::new);
    }

    /**
     * A line as a tenant may see it: an address or prefix that lies in no network it sees is hidden. Super networks
     * do not count (every child lies in one), destination prefixes only as themselves (the default route holds all).
     */
    private static UnaryOperator<String> tenantView(Principal who, Stores s) {
        List<Network> seen = s.networks().list().stream().filter(who::sees).filter(n -> n.type() != NetworkType.SUPER).toList();
        List<IPAddress> within = seen.stream().flatMap(n -> Stream.concat(n.prefixes().stream(), n.additionalAnnouncable().stream()))
                .map(IpPrefix::block).toList();
        List<IPAddress> exactly = seen.stream().flatMap(n -> n.destinationPrefixes().stream()).map(IpPrefix::block).toList();
        return line -> {
            Matcher m = ADDRESS.matcher(line);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                IPAddress a = new IPAddressString(m.group()).getAddress();
                boolean shown = a == null || within.stream().anyMatch(w -> w.contains(a)) || exactly.stream().anyMatch(a::equals);
                m.appendReplacement(out, Matcher.quoteReplacement(shown ? m.group() : HIDDEN));
            }
            m.appendTail(out);
            return out.toString();
        };
    }
}
