package io.metalstack.peering.agent;

import io.metalstack.peering.api.IntentCodec;
import io.metalstack.peering.api.V1SwitchIntent;
import io.metalstack.peering.api.V1VrfImport;
import io.metalstack.peering.api.V1VrfIntent;
import io.metalstack.peering.model.DomainException;
import io.metalstack.peering.model.IpPrefix;
import io.metalstack.peering.model.NetworkType;
import io.metalstack.peering.model.ProjectId;
import io.metalstack.peering.model.SwitchOs;
import io.metalstack.peering.model.Vni;
import io.metalstack.peering.model.rules.ImportJustification;
import io.metalstack.peering.model.rules.ImportReason;
import io.metalstack.peering.model.rules.Exchange;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The agent's own re-check of an intent before it renders anything (defense in depth against a compromised or buggy
 * server, DESIGN §4 "Security"): every import between two VRFs must be justified by the two networks' projects and
 * types, which the wire intent carries per VRF and per import.
 * <ul>
 *   <li>{@code same-project}: both networks private (child, child-shared) and of the same, known project;</li>
 *   <li>{@code shared}: both private, and at least one of them child-shared;</li>
 *   <li>{@code external}: at least one of them external;</li>
 *   <li>the facts of an import must agree with those of the peer's own VRF on this switch, and the routes imported
 *       from a private peer must lie inside that peer's own prefixes (nothing it imported itself: no transitivity; a
 *       selective peering imports a part of them).</li>
 * </ul>
 * Any violation refuses the whole intent: a partial apply would leave the switch in a state no intent describes.
 */
final class IntentCheck {

    /** One refused import, and the VRFs it is about, named as on this switch. */
    record Violation(SortedSet<String> vrfs, String message) {
        Violation {
            vrfs = new TreeSet<>(vrfs);
            Objects.requireNonNull(message, "message is null");
        }
    }

    private IntentCheck() {}

    static List<Violation> violations(V1SwitchIntent intent) {
        SwitchOs os = SwitchOs.parse(intent.os());
        Function<Integer, String> name = vni -> vni == null ? "vrf ?" : os.vrfName(Vni.of(vni));
        List<V1VrfIntent> vrfs = intent.vrfs() == null ? List.of() : intent.vrfs();
        Map<Integer, V1VrfIntent> byVni = vrfs.stream().filter(v -> v.vni() != null)
                .collect(Collectors.toMap(V1VrfIntent::vni, v -> v, (a, b) -> a));
        List<Violation> found = new ArrayList<>();
        for (V1VrfIntent vrf : vrfs) {
            for (V1VrfImport imp : vrf.imports() == null ? List.<V1VrfImport>of() : vrf.imports()) {
                String problem = problem(vrf, imp, byVni.get(imp.from()));
                if (problem != null) {
                    found.add(new Violation(new TreeSet<>(List.of(name.apply(vrf.vni()), name.apply(imp.from()))),
                            name.apply(vrf.vni()) + " (network " + vrf.networkid() + ", project " + orNone(vrf.projectid())
                                    + ", " + vrf.networktype() + ") must not import from " + name.apply(imp.from()) + " (network "
                                    + imp.networkid() + ", project " + orNone(imp.projectid()) + ", " + imp.networktype()
                                    + ") for reason " + imp.reason() + ": " + problem));
                }
            }
        }
        return found;
    }

    /** One line for the sync error: which VRFs, and why. */
    static String describe(List<Violation> violations) {
        SortedSet<String> vrfs = new TreeSet<>();
        violations.forEach(v -> vrfs.addAll(v.vrfs()));
        return "refused the intent, nothing applied: imports not allowed between VRFs " + String.join(", ", vrfs) + ": "
                + violations.stream().map(Violation::message).collect(Collectors.joining("; "));
    }

    private static String problem(V1VrfIntent vrf, V1VrfImport imp, V1VrfIntent peer) {
        NetworkType own, other;
        ImportReason reason;
        ImportJustification.Facts ownFacts, otherFacts;
        try {
            own = NetworkType.parse(vrf.networktype());
            other = NetworkType.parse(imp.networktype());
            reason = IntentCodec.reason(Objects.requireNonNullElse(imp.reason(), ""));
            ownFacts = facts(vrf.projectid(), own);
            otherFacts = facts(imp.projectid(), other);
        } catch (DomainException e) {
            return "the intent lacks the facts to check it (" + e.getMessage() + ")";
        }
        if (!own.canPeer() || !other.canPeer()) {
            return "a " + (own.canPeer() ? other : own) + " network never takes part in a peering";
        }
        Optional<String> mismatch = ImportJustification.mismatch(reason, ownFacts, otherFacts);
        if (mismatch.isPresent()) {
            return mismatch.get();
        }
        if (peer == null) {
            return null; // nothing on this switch to compare with; the import itself is justified
        }
        if (!Objects.equals(peer.networkid(), imp.networkid()) || !Objects.equals(peer.projectid(), imp.projectid())
                || !Objects.equals(peer.networktype(), imp.networktype())) {
            return "the import describes its peer differently from the peer's own VRF (network " + peer.networkid()
                    + ", project " + orNone(peer.projectid()) + ", " + peer.networktype() + ")";
        }
        if (other.isPrivate()) {
            // inside, not equal: a selective peering imports a part of the peer's own space (rules.SelectiveExchange)
            List<IpPrefix> peerOwn = prefixes(peer.ownprefixes());
            List<IpPrefix> foreign = prefixes(imp.prefixes()).stream().filter(p -> !Exchange.inside(p, peerOwn)).sorted().toList();
            if (!foreign.isEmpty()) {
                return "it would import " + foreign + ", which are not the peer's own prefixes (no transitive routes)";
            }
            List<IpPrefix> peerAdditional = prefixes(peer.additionalprefixes());
            List<IpPrefix> foreignAdditional = prefixes(imp.additionalprefixes()).stream().filter(p -> !Exchange.inside(p, peerAdditional)).sorted().toList();
            if (!foreignAdditional.isEmpty()) {
                return "it would import " + foreignAdditional + ", which are not the peer's additional announcable prefixes (no transitive routes)";
            }
        }
        return null;
    }

    /** What the import rule reads of a VRF's network; an intent carries only peerable external networks. */
    private static ImportJustification.Facts facts(String project, NetworkType type) {
        return new ImportJustification.Facts(Optional.ofNullable(project).map(ProjectId::parse), type, type == NetworkType.EXTERNAL);
    }

    private static List<IpPrefix> prefixes(List<String> texts) {
        return texts == null ? List.of() : texts.stream().map(IpPrefix::parse).toList();
    }

    private static String orNone(String project) {
        return project == null ? "none" : project;
    }
}
