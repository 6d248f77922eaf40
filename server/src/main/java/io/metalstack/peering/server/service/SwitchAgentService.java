package io.metalstack.peering.server.service;

import io.metalstack.peering.frr.FrrRenderer;
import io.metalstack.peering.model.DomainException;
import io.metalstack.peering.model.Network;
import io.metalstack.peering.model.NetworkId;
import io.metalstack.peering.model.SwitchId;
import io.metalstack.peering.model.SwitchOs;
import io.metalstack.peering.model.plan.SwitchIntent;
import io.metalstack.peering.server.auth.Principal;
import io.metalstack.peering.server.fabric.Fabric;
import io.metalstack.peering.server.fabric.FabricState;

import java.util.Optional;
import java.util.SortedMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/**
 * What a switch agent reads (admin or infra): its switch's intent from the fabric's current plan, at once or by a
 * long-poll until it changes after a revision, or rendered as the files of one switch OS. What is asked is read once
 * the caller is known to be allowed; which OS to render is read once the switch is known to have an intent.
 */
public final class SwitchAgentService {

    private final Fabric fabric;
    private final FrrRenderer renderer = new FrrRenderer();

    public SwitchAgentService(Fabric fabric) {
        this.fabric = requireNonNull(fabric, "fabric is null");
    }

    /** The intent of switch {@code id}: after a revision (a long-poll waiting at most {@code waitMillis}), or rendered for an OS. */
    public record IntentQuery(SwitchId id, Optional<Long> after, long waitMillis, Optional<Supplier<SwitchOs>> render) {
        public IntentQuery {
            requireNonNull(id, "id is null");
            requireNonNull(after, "after is null");
            requireNonNull(render, "render is null");
        }
    }

    /** The answer: the intent at the revision it last changed, with the networks it names; or its rendered files. */
    public sealed interface Answer {
        long revision();
    }

    public record Current(long revision, SwitchIntent intent, Function<NetworkId, Optional<Network>> networks) implements Answer {}

    public record Rendered(long revision, SortedMap<String, String> files) implements Answer {}

    /**
     * The answer, completed at once unless the query waits for a revision; the refusals of the caller, of the query and
     * of a switch without intent are thrown, not completed.
     */
    public CompletableFuture<Answer> intent(Principal who, Supplier<IntentQuery> request) {
        who.requireAdminOrInfra("reading a switch intent");
        IntentQuery q = request.get();
        SwitchId id = q.id();
        SwitchIntent now = current(id);
        if (q.render().isPresent()) {
            SwitchOs os = q.render().get().get();
            SwitchIntent as = new SwitchIntent(now.id(), now.partition(), now.role(), os, now.asn(), now.routerId(), now.zone(),
                    now.uplinks(), now.firewalls(), now.unprovisioned(), now.vrfs(), now.external());
            return CompletableFuture.completedFuture(new Rendered(fabric.state().revision(id), renderer.render(as).files()));
        }
        if (q.after().isPresent()) {
            // no request thread waits: the answer is made when the watch completes
            return fabric.watchers().watch(id, q.after().get(), q.waitMillis(), who.tokenId(), x -> fabric.state().revision(x))
                    .thenApply(revision -> answer(id));
        }
        return CompletableFuture.completedFuture(answer(id));
    }

    private Answer answer(SwitchId id) {
        FabricState st = fabric.state();
        SwitchIntent intent = st.plan().intent(id).orElseGet(() -> current(id));
        return new Current(st.revision(id), intent, st::network);
    }

    private SwitchIntent current(SwitchId id) {
        FabricState st = fabric.state();
        return st.plan().intent(id).orElseThrow(() -> Optional.ofNullable(st.plan().failures().get(id)).map(DomainException::getMessage)
                .or(st::error).<DomainException>map(e -> new DomainException.Unprocessable("switch " + id + " has no intent: planning failed: " + e))
                .orElseGet(() -> new DomainException.NotFound("switch " + id + " not found")));
    }
}
