package io.metalstack.peering.server;

import io.metalstack.peering.api.V1Network;
import io.metalstack.peering.api.V1Peering;
import io.metalstack.peering.api.V1PeeringFindRequest;
import io.metalstack.peering.api.V1SwitchIntent;
import io.metalstack.peering.api.fixture.AllocateRequest;
import io.metalstack.peering.api.fixture.NetworkRequest;
import io.metalstack.peering.model.PeeringApproval;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Owner approval for shared networks: a shared network labelled {@code network.metal-stack.io/peering-approval=required}
 * takes another project's peering only once an owner or editor of its project approves it; until then it is on no switch.
 */
abstract class ApprovalContract extends MetalApiContract {

    ApprovalContract(MetalApiFixture api) {
        super(api);
    }

    private final List<V1Network> networks = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        api.clock().reset();
        giveBack(admin().peerings().list().stream()
                .filter(p -> networks.stream().anyMatch(n -> n.id().equals(p.network1()) || n.id().equals(p.network2()))).toList(),
                networks.toArray(V1Network[]::new));
        networks.clear();
    }

    /** p2's shared network that asks for approval (labelled), or one that does not. */
    private V1Network storage(boolean approval) {
        V1Network n = as("owner2").allocateNetwork(AllocateRequest.of(name("storage"), "fra", "p2").shared(true)
                .labels(approval ? Map.of(PeeringApproval.LABEL, PeeringApproval.REQUIRED) : Map.of()).build());
        networks.add(n);
        return n;
    }

    private V1Network mine() {
        V1Network n = net("p1");
        networks.add(n);
        return n;
    }

    /** A request of p1 ({@code token}) into p2's labelled {@code storage}, both on {@code leaf}, which had {@code alone} before. */
    private record Requested(V1Network mine, V1Network storage, String leaf, V1SwitchIntent alone, V1Peering p) {}

    /** {@code n} (its own per test) sets the leaf's AS and router id. */
    private Requested requested(String token, int n) {
        V1Network mine = mine(), storage = storage(true);
        String leaf = leafWith(4200000040L + n, "10.255.0." + (40 + n), mine, storage);
        V1SwitchIntent alone = intentOf(leaf);
        return new Requested(mine, storage, leaf, alone, as(token).peerings().create(peering(mine.id(), storage.id())));
    }

    @Test
    void awaitsApprovalThenIsPlanned() {
        Requested r = requested("editor1", 1);
        V1Network storage = r.storage();
        String leaf = r.leaf();
        V1SwitchIntent alone = r.alone();
        V1Peering p = r.p();
        assertThat(p.projectid()).isEqualTo("p1");
        assertThat(p.approval()).isEqualTo("awaiting");
        assertThat(p.status().phase()).isEqualTo("awaiting-approval");
        assertThat(p.status().message()).startsWith("awaiting the approval of project p2, owner of shared network \"" + storage.name() + "\"");
        assertThat(p.status().switches()).isNullOrEmpty();
        assertThat(intentOf(leaf).vrfs()).isEqualTo(alone.vrfs());

        // the requesting project may not approve its own request, whatever its role; a viewer of it neither
        assertApiError(() -> as("editor1").approvePeering(p.id()), 403,
                "approving peering " + p.id() + ": project p1 requested it and may not decide on its own request; an owner or editor of project p2");
        assertApiError(() -> as("owner1").approvePeering(p.id()), 403, "may not decide on its own request");
        assertApiError(() -> as("viewer1").rejectPeering(p.id()), 403, "may not decide on its own request");
        assertApiError(() -> as("infra").approvePeering(p.id()), 403, "needs the owner or editor role of project p2 (or admin)");
        assertApiError(() -> as("editor2").approvePeering("no-such-peering"), 404, "peering no-such-peering not found");
        assertThat(intentOf(leaf).vrfs()).isEqualTo(alone.vrfs());

        V1Peering approved = as("editor2").approvePeering(p.id());
        assertThat(approved.approval()).isEqualTo("approved");
        assertThat(approved.status().phase()).isIn("pending", "active");
        assertThat(approved.status().switches()).extracting(s -> s.switchid()).containsExactly(leaf);
        assertThat(intentOf(leaf).vrfs()).anySatisfy(v -> assertThat(v.imports()).isNotEmpty());
        assertThat(as("editor1").peerings().get(p.id())).isEqualTo(approved);
        assertApiError(() -> as("owner2").approvePeering(p.id()), 409,
                "peering " + p.id() + " cannot be approved: it is approved, and only a peering in phase awaiting-approval can be");
        assertApiError(() -> as("owner2").rejectPeering(p.id()), 409, "cannot be rejected: it is approved");
    }

    @Test
    void rejectedIsKeptOnNoSwitch() {
        Requested r = requested("owner1", 2);
        V1Network mine = r.mine(), storage = r.storage();
        V1Peering p = r.p();
        V1Peering rejected = as("owner2").rejectPeering(p.id());
        assertThat(rejected.approval()).isEqualTo("rejected");
        assertThat(rejected.status().phase()).isEqualTo("rejected");
        assertThat(rejected.status().message()).contains("rejected by project p2");
        assertThat(intentOf(r.leaf()).vrfs()).isEqualTo(r.alone().vrfs());
        assertApiError(() -> as("owner2").approvePeering(p.id()), 409,
                "peering " + p.id() + " cannot be approved: it is rejected, and only a peering in phase awaiting-approval can be");
        assertApiError(() -> admin().approvePeering(p.id()), 409, "it is rejected");
        // kept: the pair stays peered until the requester deletes it, then it may ask again
        assertApiError(() -> as("owner1").peerings().create(peering(storage.id(), mine.id())), 409, "are already peered by peering " + p.id());
        as("owner1").peerings().delete(p.id());
        assertThat(as("owner1").peerings().create(peering(storage.id(), mine.id())).status().phase()).isEqualTo("awaiting-approval");
    }

    @Test
    void expiresAfterTheApprovalTime() {
        Requested r = requested("owner1", 3);
        V1Peering p = r.p();
        api.clock().advance(PeeringApproval.DEFAULT_TTL.minusMinutes(1));
        assertThat(as("owner2").peerings().get(p.id()).status().phase()).isEqualTo("awaiting-approval");
        api.clock().advance(Duration.ofMinutes(1));
        V1Peering expired = as("owner1").peerings().get(p.id());
        assertThat(expired.approval()).isEqualTo("expired");
        assertThat(expired.status().phase()).isEqualTo("expired");
        assertThat(expired.status().message()).startsWith("expired: not approved by project p2");
        assertThat(as("owner1").peerings().list()).filteredOn(x -> x.id().equals(p.id())).singleElement()
                .satisfies(x -> assertThat(x.status().phase()).isEqualTo("expired"));
        assertApiError(() -> as("owner2").approvePeering(p.id()), 409,
                "peering " + p.id() + " cannot be approved: it is expired, and only a peering in phase awaiting-approval can be");
        assertApiError(() -> as("editor2").rejectPeering(p.id()), 409, "cannot be rejected: it is expired");
        assertThat(intentOf(r.leaf()).vrfs()).isEqualTo(r.alone().vrfs());
    }

    /** The owner sees what awaits its approval, and nothing more of the requesting project. */
    @Test
    void theOwnerSeesTheRequestAndNothingElseOfTheRequestingProject() {
        V1Network mine = mine(), other = mine(), storage = storage(true);
        V1Peering p = as("owner1").peerings().create(peering(mine.id(), storage.id()));
        V1Peering internal = as("owner1").peerings().create(peering(mine.id(), other.id()));
        assertThat(as("owner2").peerings().get(p.id()).status().phase()).isEqualTo("awaiting-approval");
        assertThat(as("owner2").peerings().list()).extracting(V1Peering::id).contains(p.id()).doesNotContain(internal.id());
        assertApiError(() -> as("owner2").peerings().get(internal.id()), 404, "peering " + internal.id() + " not found");
        assertApiError(() -> as("owner2").networks().get(mine.id()), 404);
        assertThat(as("owner2").networks().list()).extracting(V1Network::id).doesNotContain(mine.id(), other.id());

        V1PeeringFindRequest awaiting = new V1PeeringFindRequest(null, null, null, null, true);
        assertThat(as("owner2").findPeerings(awaiting)).extracting(V1Peering::id).contains(p.id());
        assertThat(as("editor2").findPeerings(awaiting)).extracting(V1Peering::id).contains(p.id());
        // the requester sees it, but it awaits another project's approval
        assertThat(as("owner1").findPeerings(awaiting)).extracting(V1Peering::id).doesNotContain(p.id());
        assertThat(admin().findPeerings(awaiting)).extracting(V1Peering::id).contains(p.id()).doesNotContain(internal.id());
        assertThat(as("owner2").findPeerings(new V1PeeringFindRequest(null, null, null, null, false))).extracting(V1Peering::id)
                .doesNotContain(p.id());
        as("owner2").approvePeering(p.id());
        assertThat(as("owner2").findPeerings(awaiting)).extracting(V1Peering::id).doesNotContain(p.id());
        assertApiError(() -> as("owner2").peerings().find(Map.of("awaitingapproval", "yes")), 400,
                "find field awaitingapproval is \"yes\": send true or false");
    }

    @Test
    void noApprovalInOwnProjectOrUnlabelled() {
        V1Network mine = mine(), unlabelled = storage(false), labelled = storage(true);
        String leaf = leafWith(4200000044L, "10.255.0.44", mine, unlabelled);
        V1Peering p = as("owner1").peerings().create(peering(mine.id(), unlabelled.id()));
        assertThat(p.approval()).isNull();
        assertThat(p.status().phase()).isNotEqualTo("awaiting-approval");
        assertThat(intentOf(leaf).vrfs()).anySatisfy(v -> assertThat(v.imports()).isNotEmpty());
        assertApiError(() -> as("owner2").approvePeering(p.id()), 409, "peering " + p.id() + " needs no approval");

        V1Network own = as("owner2").allocateNetwork(AllocateRequest.of(name("own"), "fra", "p2").build());
        networks.add(own);
        V1Peering inProject = as("owner2").peerings().create(peering(own.id(), labelled.id()));
        assertThat(inProject.approval()).isNull();
        assertThat(inProject.status().phase()).isNotEqualTo("awaiting-approval");
    }

    /** A peering awaiting approval holds its place in the rules: the shared network cannot stop being shared under it. */
    @Test
    void anAwaitedPeeringHoldsItsPlaceInTheRules() {
        V1Network mine = mine(), storage = storage(true);
        V1Peering p = as("owner1").peerings().create(peering(mine.id(), storage.id()));
        assertApiError(() -> as("owner2").networks().update(NetworkRequest.update(storage).shared(false).build()), 422,
                "peering across projects is allowed only into a shared network");
        assertThat(as("owner2").approvePeering(p.id()).approval()).isEqualTo("approved");
    }
}
