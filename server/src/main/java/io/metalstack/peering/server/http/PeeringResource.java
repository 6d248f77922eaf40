package io.metalstack.peering.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.metalstack.peering.api.V1Bgp;
import io.metalstack.peering.api.V1Peering;
import io.metalstack.peering.api.V1PeeringDryRun;
import io.metalstack.peering.api.V1PeeringFindRequest;
import io.metalstack.peering.model.Approval;
import io.metalstack.peering.model.BgpPeer;
import io.metalstack.peering.model.DomainException;
import io.metalstack.peering.model.NetworkId;
import io.metalstack.peering.model.Peering;
import io.metalstack.peering.model.PeeringId;
import io.metalstack.peering.model.PeeringType;
import io.metalstack.peering.model.ProjectId;
import io.metalstack.peering.server.auth.Principal;
import io.metalstack.peering.server.service.ApprovalDecision;
import io.metalstack.peering.model.rules.ExternalPeeringRules;
import io.metalstack.peering.server.service.PeeringDryRun;
import io.metalstack.peering.server.service.PeeringService;
import io.metalstack.peering.server.wire.StatusWire;
import io.metalstack.peering.server.wire.Wire;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiPredicate;

/** {@code /v1/network/peering}: the routes, and the wire form of a peering and its status ({@link PeeringService} decides). */
public final class PeeringResource {

    static final String BASE = "/v1/network/peering";

    private final PeeringService peerings;
    private final PeeringDryRun dryRun;
    private final ObjectMapper json;

    PeeringResource(PeeringService peerings, PeeringDryRun dryRun, ObjectMapper json) {
        this.peerings = peerings;
        this.dryRun = dryRun;
        this.json = json;
    }

    List<Route> routes() {
        return List.of(
                Route.put(BASE, "create a peering (network1/network2 by id or unique name); checks the peering rules;"
                                + " ?dryrun=true commits nothing and answers 200 with the peering as it would be and each changed switch's diff")
                        .created().takes(V1Peering.class).answers(V1Peering.class).dryRunAnswers(V1PeeringDryRun.class).to(this::create),
                Route.post(BASE, "update a peering's name, description, labels, enabled and exchange (send changed); ?dryrun=true as for create")
                        .takes(V1Peering.class).answers(V1Peering.class).dryRunAnswers(V1PeeringDryRun.class).to(this::update),
                Route.get(BASE + "/{id}", "get a peering with its status").answers(V1Peering.class)
                        .to(c -> wire(peerings.get(c.principal(), PeeringId.parse(c.path("id"))))),
                Route.get(BASE, "list the peerings visible to the caller").answersListOf(V1Peering.class)
                        .to(c -> Paging.list(c, BASE, PeeringResource::wire, (page, m) -> peerings.list(c.principal(), page, m))),
                Route.post(BASE + "/find", "find peerings (projectid, networkid, partitionid, peeringtype, awaitingapproval, ...)")
                        .takes(V1PeeringFindRequest.class).answersListOf(V1Peering.class)
                        .to(c -> Paging.find(c, json, BASE, V1Peering.class,
                                Map.<String, BiPredicate<V1Peering, JsonNode>>of("networkid",
                                        (p, want) -> want.asText().equals(p.network1()) || want.asText().equals(p.network2()),
                                        "awaitingapproval", (p, want) -> awaitsApprovalOf(c.principal(), p, want)),
                                PeeringResource::wire, (page, m) -> peerings.list(c.principal(), page, m))),
                Route.post(BASE + "/{id}/approve", "approve a peering awaiting the approval of its shared network's project"
                                + " (an owner or editor of that project, or admin); it is then planned as any peering")
                        .answers(V1Peering.class)
                        .to(c -> wire(peerings.decide(c.principal(), PeeringId.parse(c.path("id")), ApprovalDecision.APPROVE))),
                Route.post(BASE + "/{id}/reject", "reject a peering awaiting the approval of its shared network's project"
                                + " (an owner or editor of that project, or admin); it is kept in phase rejected, on no switch")
                        .answers(V1Peering.class)
                        .to(c -> wire(peerings.decide(c.principal(), PeeringId.parse(c.path("id")), ApprovalDecision.REJECT))),
                Route.delete(BASE + "/{id}", "delete a peering (its project, or the project owning a shared network in it);"
                                + " ?dryrun=true as for create").answers(V1Peering.class).dryRunAnswers(V1PeeringDryRun.class)
                        .to(this::delete));
    }

    /**
     * Find's {@code awaitingapproval}: true keeps the peerings awaiting the caller's approval. A caller sees an awaiting
     * peering as its requester (the peering's project) or as the shared network's project: those of another project
     * are the ones it decides on (an admin: all).
     */
    private static boolean awaitsApprovalOf(Principal who, V1Peering p, JsonNode want) {
        if (!want.isBoolean()) {
            throw DomainException.invalid("find field awaitingapproval is %s: send true or false", want);
        }
        boolean mine = Approval.AWAITING.wire().equals(p.approval())
                && (who.admin() || !who.member(Optional.ofNullable(p.projectid()).map(ProjectId::parse)));
        return mine == want.booleanValue();
    }

    private Object create(Call c) {
        boolean dry = dryRun(c);
        V1Peering w = c.body(V1Peering.class);
        String ref1 = Wire.required(w.network1(), "network1");
        PeeringType type = PeeringType.parse(w.peeringtype() == null ? (w.bgp() != null ? "external" : "local") : w.peeringtype());
        Optional<String> ref2 = switch (type) {
            case LOCAL -> Optional.of(Wire.required(w.network2(), "network2"));
            // the MEP's one-network form: a BGP session of network1 itself
            case EXTERNAL -> Optional.ofNullable(w.network2()).filter(x -> !x.isBlank());
        };
        Optional<BgpPeer> bgp = Wire.bgp(w.bgp());
        PeeringService.Draft draft = new PeeringService.Draft(Optional.ofNullable(w.id()), w.name(), w.description(),
                labels(w), ref1, ref2, type, bgp, !Boolean.FALSE.equals(w.enabled()), Wire.exchange(w.exchange()));
        // the server chooses a peering's id when it is created: a dry run's would not be that one, so it shows none
        return dry ? verdict(dryRun.create(c.principal(), draft), draft.id().filter(x -> !x.isBlank()).isPresent())
                : wire(peerings.create(c.principal(), draft));
    }

    private Object update(Call c) {
        boolean dry = dryRun(c);
        V1Peering w = c.body(V1Peering.class);
        PeeringId id = PeeringId.parse(Wire.required(w.id(), "id"));
        PeeringService.Edit edit = new PeeringService.Edit(id, Optional.ofNullable(w.changed()), w.name(), w.description(),
                labels(w), Optional.ofNullable(w.enabled()), old -> changesFixed(w, old),
                Optional.ofNullable(w.exchange()).map(Wire::exchange));
        return dry ? verdict(dryRun.update(c.principal(), edit), true) : wire(peerings.update(c.principal(), edit));
    }

    private Object delete(Call c) {
        boolean dry = dryRun(c);
        PeeringId id = PeeringId.parse(c.path("id"));
        return dry ? verdict(dryRun.delete(c.principal(), id), true) : wire(peerings.delete(c.principal(), id));
    }

    /** {@code ?dryrun=true}: the write runs and is rolled back; absent or {@code false}: a real write. */
    private static boolean dryRun(Call c) {
        String v = c.query("dryrun");
        if (v == null || v.equals("false")) {
            return false;
        }
        if (v.equals("true")) {
            return true;
        }
        throw DomainException.invalid("dryrun \"%s\" is not allowed: send dryrun=true, or dryrun=false or none for a real write",
                Paging.shown(v));
    }

    /** A dry run's answer: 200 (nothing was created), the peering as it would be and the diff of each switch it changes. */
    private static Route.Answered verdict(PeeringDryRun.Verdict v, boolean withId) {
        V1Peering p = wire(v.peering());
        if (!withId) {
            p = new V1Peering(null, p.name(), p.description(), p.projectid(), p.partitionid(), p.network1(), p.network2(), p.peeringtype(),
                    p.bgp(), p.labels(), p.origin(), p.status(), p.created(), p.changed(), p.enabled(), p.approval(), p.exchange());
        }
        return new Route.Answered(200, new V1PeeringDryRun(p,
                v.switches().stream().map(d -> new V1PeeringDryRun.SwitchDiff(d.id().value(), d.diff())).toList()));
    }

    private static Map<String, String> labels(V1Peering w) {
        return w.labels() == null ? Map.of() : w.labels();
    }

    /** Whether the sent peering names other networks, another type or another bgp block than the stored one; unsent fields keep theirs. */
    private static boolean changesFixed(V1Peering w, Peering old) {
        return (w.network1() != null && !w.network1().equals(old.network1().value()))
                || (w.network2() != null && !Optional.of(w.network2()).equals(old.network2().map(NetworkId::value)))
                || (w.peeringtype() != null && PeeringType.parse(w.peeringtype()) != old.type())
                || (w.bgp() != null && !sameBgp(w.bgp(), old.bgp()));
    }

    /**
     * Whether a sent bgp block is the stored one: compared after normalization (the stored addresses carry the subnet
     * length admission derived; the password is never echoed, so an absent password with {@code haspassword} matching
     * means unchanged).
     */
    private static boolean sameBgp(V1Bgp sent, Optional<BgpPeer> stored) {
        if (stored.isEmpty()) {
            return false;
        }
        BgpPeer old = stored.get();
        BgpPeer now = Wire.bgp(sent).orElseThrow();
        ExternalPeeringRules.Link link = ExternalPeeringRules.link(now.localCidr(), now.remoteCidr());
        now = now.withAddresses(link.local(), link.remote());
        if (sent.password() == null) {
            if (sent.haspassword() != null && sent.haspassword() != old.hasPassword()) {
                return false;
            }
            now = now.withPassword(old.password());
        }
        return now.equals(old);
    }

    private static V1Peering wire(PeeringService.Viewed v) {
        return Wire.peering(v.peering(), StatusWire.peering(v.status()));
    }
}
