package io.metalstack.peering.model.status;

import io.metalstack.peering.model.AddressFamily;
import io.metalstack.peering.model.Approval;
import io.metalstack.peering.model.PeeringApproval;
import io.metalstack.peering.model.Asn;
import io.metalstack.peering.model.BgpPeer;
import io.metalstack.peering.model.InterfaceAddress;
import io.metalstack.peering.model.IpPrefix;
import io.metalstack.peering.model.Labels;
import io.metalstack.peering.model.Network;
import io.metalstack.peering.model.NetworkId;
import io.metalstack.peering.model.NetworkType;
import io.metalstack.peering.model.PartitionId;
import io.metalstack.peering.model.Peering;
import io.metalstack.peering.model.PeeringId;
import io.metalstack.peering.model.PeeringNetworks;
import io.metalstack.peering.model.PeeringOrigin;
import io.metalstack.peering.model.PeeringType;
import io.metalstack.peering.model.PortName;
import io.metalstack.peering.model.ProjectId;
import io.metalstack.peering.model.SwitchId;
import io.metalstack.peering.model.Vni;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

class PeeringStatusTest {

    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");
    private static final SwitchId LEAF1 = SwitchId.parse("leaf01"), LEAF2 = SwitchId.parse("leaf02"), EXIT = SwitchId.parse("exit01");

    private static Network net(String id, NetworkType type, int vrf, String... prefixes) {
        return new Network(NetworkId.parse(id), id, "", Optional.of(PartitionId.parse("fra")),
                type.isPrivate() ? Optional.of(ProjectId.parse("p1")) : Optional.empty(), Optional.empty(), type,
                Arrays.stream(prefixes).map(IpPrefix::parse).toList(), List.of(), Optional.of(Vni.of(vrf)), Map.of(), false, Labels.EMPTY, T, T);
    }

    private static final Network A = net("a", NetworkType.CHILD, 10, "10.0.0.0/24", "2001:db8::/64");
    private static final Network B = net("b", NetworkType.CHILD, 20, "10.0.1.0/24");
    private static final Peering AB = new Peering(PeeringId.parse("ab"), "", "", Optional.of(ProjectId.parse("p1")), Optional.empty(),
            A.id(), B.id(), PeeringType.LOCAL, Optional.empty(), PeeringOrigin.MANUAL, Labels.EMPTY, T, T);

    private static SwitchStatus.OnSwitch on(SwitchId id, Phase phase, Condition... conditions) {
        Optional<SwitchStatus.Applied> applied = phase == Phase.PENDING ? Optional.empty()
                : Optional.of(new SwitchStatus.Applied(7, Optional.empty(), new TreeSet<>(), new TreeSet<>(), T));
        return new SwitchStatus.OnSwitch(id, phase, applied, List.of(conditions));
    }

    private static PeeringStatus.Derived derived(Peering p, PeeringNetworks networks, List<SwitchStatus.OnSwitch> on) {
        return (PeeringStatus.Derived) PeeringStatus.of(p, Optional.of(networks), 7, on, Map.of());
    }

    private static final PeeringNetworks NETWORKS = new PeeringNetworks(A, Optional.of(B));

    @Test
    void aPeeringWhoseNetworkIsGoneIsFailedAndNothingMore() {
        assertThat(PeeringStatus.of(AB, Optional.empty(), 7, List.of(on(LEAF1, Phase.ACTIVE)), Map.of()))
                .isInstanceOf(PeeringStatus.NetworkGone.class);
    }

    @Test
    void withoutSwitchesItIsActiveAndSaysWhenItTakesEffect() {
        PeeringStatus.Derived d = derived(AB, NETWORKS, List.of());
        assertThat(d.phase()).isEqualTo(Phase.ACTIVE);
        assertThat(d.message()).isEqualTo("stored; no switch carries its networks yet");
        assertThat(d.conditions()).containsExactly(new Condition("NoSwitch",
                "no switch carries network \"a\" (a) or network \"b\" (b) yet; the peering takes effect when a machine is allocated"));
    }

    @Test
    void aDisabledPeeringIsDisabledOnNoSwitchWithItsFamiliesStill() {
        PeeringStatus.Derived d = derived(AB.withEnabled(false), NETWORKS, List.of(on(LEAF1, Phase.ACTIVE)));
        assertThat(d.phase()).isEqualTo(Phase.DISABLED);
        assertThat(d.phase().label()).isEqualTo("disabled");
        assertThat(d.message()).startsWith("disabled: kept, but withdrawn from every switch");
        assertThat(d.switches()).isEmpty();
        assertThat(d.conditions()).isEmpty();
        assertThat(d.families()).containsExactly(AddressFamily.IPV4);
    }

    @Test
    void aPeeringWithoutApprovalIsOnNoSwitchWithThePhaseOfItsApprovalNamingTheApprovingProject() {
        Network storage = new Network(NetworkId.parse("storage"), "storage", "", Optional.of(PartitionId.parse("fra")),
                Optional.of(ProjectId.parse("p2")), Optional.empty(), NetworkType.CHILD_SHARED, List.of(IpPrefix.parse("10.0.8.0/22")), List.of(),
                Optional.of(Vni.of(30)), Map.of(), false, Labels.of(Map.of(PeeringApproval.LABEL, PeeringApproval.REQUIRED)), T, T);
        Peering p = new Peering(PeeringId.parse("as"), "", "", Optional.of(ProjectId.parse("p1")), Optional.empty(),
                A.id(), storage.id(), PeeringType.LOCAL, Optional.empty(), PeeringOrigin.MANUAL, Labels.EMPTY, T, T);
        PeeringNetworks networks = new PeeringNetworks(A, Optional.of(storage));
        PeeringStatus.Derived awaiting = derived(p.withApproval(Approval.AWAITING), networks, List.of(on(LEAF1, Phase.ACTIVE)));
        assertThat(awaiting.phase().label()).isEqualTo("awaiting-approval");
        assertThat(awaiting.message()).startsWith("awaiting the approval of project p2, owner of shared network \"storage\" (storage)");
        assertThat(awaiting.switches()).isEmpty();
        assertThat(awaiting.families()).containsExactly(AddressFamily.IPV4);
        assertThat(derived(p.withApproval(Approval.REJECTED), networks, List.of()).phase()).isEqualTo(Phase.REJECTED);
        assertThat(derived(p.withApproval(Approval.EXPIRED).withEnabled(false), networks, List.of()).phase()).isEqualTo(Phase.EXPIRED);
        // approved: its switches say again
        assertThat(derived(p.withApproval(Approval.APPROVED), networks, List.of(on(LEAF1, Phase.ACTIVE))).phase()).isEqualTo(Phase.ACTIVE);
        assertThat(derived(p.withApproval(Approval.APPROVED).withEnabled(false), networks, List.of()).phase()).isEqualTo(Phase.DISABLED);
    }

    @Test
    void theFamiliesBothSidesHaveAreExchangedAndTheOthersExplained() {
        PeeringStatus.Derived d = derived(AB, NETWORKS, List.of());
        assertThat(d.families()).containsExactly(AddressFamily.IPV4);
        assertThat(d.omitted()).containsOnlyKeys(AddressFamily.IPV6);
        assertThat(d.omitted().get(AddressFamily.IPV6)).contains("b");
    }

    @Test
    void thePhaseAndMessageFollowTheSwitches() {
        PeeringStatus.Derived pending = derived(AB, NETWORKS, List.of(on(LEAF1, Phase.ACTIVE), on(LEAF2, Phase.PENDING)));
        assertThat(pending.phase()).isEqualTo(Phase.PENDING);
        assertThat(pending.message()).isEqualTo("1 of 2 switches applied revision 7");
        PeeringStatus.Derived active = derived(AB, NETWORKS, List.of(on(LEAF1, Phase.ACTIVE), on(LEAF2, Phase.ACTIVE)));
        assertThat(active.phase()).isEqualTo(Phase.ACTIVE);
        assertThat(active.message()).isEqualTo("applied on all 2 switches");
        Condition leak = new Condition("leak", "switch leaf02 sees 10.9.0.0/24");
        PeeringStatus.Derived degraded = derived(AB, NETWORKS, List.of(on(LEAF1, Phase.ACTIVE), on(LEAF2, Phase.DEGRADED, leak)));
        assertThat(degraded.phase()).isEqualTo(Phase.DEGRADED);
        assertThat(degraded.message()).isEqualTo("1 of 2 switches fine; see switches and conditions");
        assertThat(degraded.conditions()).containsExactly(leak);
        PeeringStatus.Derived failed = derived(AB, NETWORKS, List.of(on(LEAF1, Phase.FAILED), on(LEAF2, Phase.FAILED)));
        assertThat(failed.phase()).isEqualTo(Phase.FAILED);
        assertThat(failed.message()).isEqualTo("failed on all 2 switches");
        assertThat(failed.revision()).isEqualTo(7);
    }

    @Test
    void anExternalPeeringShowsItsSessionOnTheExitSwitchAndExchangesTheSessionsFamily() {
        BgpPeer bgp = new BgpPeer(Asn.of(4200000100L), InterfaceAddress.parse("192.0.2.1/30"), EXIT, PortName.parse("Ethernet0"),
                Asn.of(65000), InterfaceAddress.parse("192.0.2.2/30"));
        Peering p = new Peering(PeeringId.parse("ext"), "", "", Optional.of(ProjectId.parse("p1")), Optional.empty(), A.id(),
                Optional.empty(), PeeringType.EXTERNAL, Optional.of(bgp), PeeringOrigin.MANUAL, Labels.EMPTY, T, T);
        SwitchReport report = new SwitchReport(T, 7, 1, Optional.empty(), Optional.empty(), List.of(
                new SwitchReport.Session(p.id(), "Established", 3), new SwitchReport.Session(PeeringId.parse("other"), "Active", 0)));
        PeeringStatus.Derived d = (PeeringStatus.Derived) PeeringStatus.of(p, Optional.of(new PeeringNetworks(A, Optional.empty())), 7,
                List.of(), Map.of(EXIT, report));
        assertThat(d.sessions()).containsExactly(new PeeringStatus.Session(EXIT, "Established", 3));
        assertThat(d.families()).containsExactly(AddressFamily.IPV4);
        assertThat(d.omitted()).isEmpty();
        assertThat(d.conditions()).singleElement().satisfies(c -> assertThat(c.message())
                .isEqualTo("no switch carries the session on Ethernet0@exit01 yet; it takes effect when the exit switch is registered"));
    }

    @Test
    void aDeleteNamesTheSwitchesThatWithdrawIt() {
        PeeringStatus was = derived(AB, NETWORKS, List.of());
        assertThat(new PeeringStatus.Deleted(was, 9, List.of()).message()).isEqualTo("deleted");
        assertThat(new PeeringStatus.Deleted(was, 9, List.of(LEAF1, LEAF2)).message())
                .isEqualTo("deleted; withdrawn once switches leaf01, leaf02 apply revision 9 (GET /v1/switch/{id}: lastsync.revision)");
    }
}
