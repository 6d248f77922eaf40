package io.metalstack.peering.model.status;

import io.metalstack.peering.model.AddressFamily;
import io.metalstack.peering.model.Asn;
import io.metalstack.peering.model.IpPrefix;
import io.metalstack.peering.model.Ipv4Address;
import io.metalstack.peering.model.Network;
import io.metalstack.peering.model.NetworkId;
import io.metalstack.peering.model.NetworkType;
import io.metalstack.peering.model.PartitionId;
import io.metalstack.peering.model.PortName;
import io.metalstack.peering.model.SwitchId;
import io.metalstack.peering.model.SwitchOs;
import io.metalstack.peering.model.SwitchRole;
import io.metalstack.peering.model.Vni;
import io.metalstack.peering.model.rules.ImportReason;
import io.metalstack.peering.model.plan.SwitchIntent;
import io.metalstack.peering.model.plan.VrfImport;
import io.metalstack.peering.model.plan.VrfIntent;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

import static io.metalstack.peering.model.status.Phase.ACTIVE;
import static io.metalstack.peering.model.status.Phase.DEGRADED;
import static io.metalstack.peering.model.status.Phase.FAILED;
import static io.metalstack.peering.model.status.Phase.PENDING;
import static org.assertj.core.api.Assertions.assertThat;

class SwitchStatusTest {

    private static final NetworkId A = NetworkId.parse("a"), INTERNET = NetworkId.parse("internet");

    /** VRF 10 (network a, 10.0.0.0/24) imports the internet's default route; VRF 104009 (internet) imports a's prefix. */
    private static final SwitchIntent INTENT = new SwitchIntent(SwitchId.parse("leaf01"), PartitionId.parse("fra"), SwitchRole.LEAF,
            SwitchOs.SONIC, Asn.of(4200000011L), Ipv4Address.parse("10.255.0.11"), 1, List.of(), List.of(), List.of(), List.of(
            new VrfIntent(Vni.of(10), A, 1001, List.of(PortName.parse("Ethernet0")), Set.of(AddressFamily.IPV4),
                    List.of(p("10.0.0.0/24")), List.of(new VrfImport(Vni.of(20), NetworkId.parse("b"), ImportReason.SAME_PROJECT, List.of(p("10.0.1.0/24"))))),
            new VrfIntent(Vni.of(104009), INTERNET, 1002, List.of(), Set.of(AddressFamily.IPV4), List.of(),
                    List.of(new VrfImport(Vni.of(10), A, ImportReason.EXTERNAL, List.of(p("10.0.0.0/24")))))), List.of());

    private static final Network INTERNET_NETWORK = new Network(INTERNET, "internet", null, Optional.empty(), Optional.empty(),
            Optional.empty(), NetworkType.EXTERNAL, List.of(), List.of(p("0.0.0.0/0")), Optional.of(Vni.of(104009)), null, true, null,
            Instant.EPOCH, Instant.EPOCH);

    private static IpPrefix p(String text) {
        return IpPrefix.parse(text);
    }

    private static SwitchReport report(Map<Integer, List<String>> observed) {
        SortedMap<Vni, SortedSet<IpPrefix>> o = new TreeMap<>();
        observed.forEach((vni, prefixes) -> o.put(Vni.of(vni), new TreeSet<>(prefixes.stream().map(IpPrefix::parse).toList())));
        return new SwitchReport(Instant.EPOCH, 1, 1, Optional.empty(), Optional.of(o), List.of());
    }

    private static List<SwitchStatus.VrfCheck> check(Map<Integer, List<String>> observed) {
        return SwitchStatus.check(INTENT, report(observed), id -> id.equals(INTERNET) ? Optional.of(INTERNET_NETWORK) : Optional.empty());
    }

    @Test
    void aMachineRouteInsideAnExpectedPrefixIsNoLeakAndCoversIt() {
        List<SwitchStatus.VrfCheck> checks = check(Map.of(10, List.of("10.0.0.5/32", "10.0.1.0/24"), 104009, List.of("10.0.0.0/24")));
        assertThat(checks).allMatch(SwitchStatus.VrfCheck::clean);
    }

    @Test
    void missingIsExpectedMinusObservedAndUnexpectedIsObservedMinusExpected() {
        List<SwitchStatus.VrfCheck> checks = check(Map.of(10, List.of("10.0.0.0/24", "10.0.2.0/24"), 104009, List.of("10.0.0.0/24")));
        assertThat(checks.get(0).missing()).containsExactly(p("10.0.1.0/24"));
        assertThat(checks.get(0).unexpected()).containsExactly(p("10.0.2.0/24"));
        assertThat(checks.get(1).clean()).isTrue();
        assertThat(SwitchStatus.conditions(INTENT.id(), Optional.of(report(Map.of())), checks)).singleElement()
                .satisfies(c -> assertThat(c.message()).isEqualTo(
                        "switch leaf01 sees 10.0.2.0/24 in vrf 10 (network a), which it neither owns nor imports"));
    }

    @Test
    void anUnreportedVrfMissesEverythingAndAnExternalVrfMayCarryItsDestinations() {
        List<SwitchStatus.VrfCheck> checks = check(Map.of(104009, List.of("10.0.0.0/24", "0.0.0.0/0")));
        assertThat(checks.get(0).missing()).containsExactly(p("10.0.0.0/24"), p("10.0.1.0/24"));
        assertThat(checks.get(1).clean()).as("the default route is the internet's own destination").isTrue();
    }

    @Test
    void aReportWithoutObservationsComparesNothing() {
        SwitchReport blind = new SwitchReport(Instant.EPOCH, 1, 1, Optional.of(" "), Optional.empty(), List.of());
        assertThat(SwitchStatus.check(INTENT, blind, id -> Optional.empty())).isEmpty();
        assertThat(blind.failed()).as("a blank error is success").isFalse();
    }

    @Test
    void aSessionThatIsNotEstablishedIsACondition() {
        SwitchReport r = new SwitchReport(Instant.EPOCH, 1, 1, Optional.empty(), Optional.empty(), List.of(
                new SwitchReport.Session(io.metalstack.peering.model.PeeringId.parse("up"), "Established", 3),
                new SwitchReport.Session(io.metalstack.peering.model.PeeringId.parse("down"), "Active", 0)));
        assertThat(SwitchStatus.conditions(INTENT.id(), Optional.of(r), List.of())).singleElement().satisfies(c -> {
            assertThat(c.type()).isEqualTo("session");
            assertThat(c.message()).isEqualTo("the BGP session of peering down on switch leaf01 is Active");
        });
    }

    @Test
    void peeringPhaseFromItsSwitches() {
        assertThat(Phase.of(List.of())).isEqualTo(PENDING);
        assertThat(Phase.of(List.of(ACTIVE, PENDING))).isEqualTo(PENDING);
        assertThat(Phase.of(List.of(ACTIVE, ACTIVE))).isEqualTo(ACTIVE);
        assertThat(Phase.of(List.of(ACTIVE, DEGRADED))).isEqualTo(DEGRADED);
        assertThat(Phase.of(List.of(PENDING, FAILED))).isEqualTo(DEGRADED);
        assertThat(Phase.of(List.of(FAILED, FAILED))).isEqualTo(FAILED);
    }

    private static final io.metalstack.peering.model.Peering PEERING = new io.metalstack.peering.model.Peering(
            io.metalstack.peering.model.PeeringId.parse("ab"), "", "", Optional.empty(), Optional.empty(), A, NetworkId.parse("b"),
            io.metalstack.peering.model.PeeringType.LOCAL, Optional.empty(), io.metalstack.peering.model.PeeringOrigin.MANUAL, null,
            Instant.EPOCH, Instant.EPOCH);

    private static SwitchStatus.OnSwitch onSwitch(long peeringRevision, SwitchReport r) {
        return SwitchStatus.onSwitch(PEERING, peeringRevision, INTENT, Optional.of(r), id -> Optional.empty());
    }

    @Test
    void aPeeringOnASwitchIsPendingUntilItsRevisionIsAppliedThenFailedDegradedOrActive() {
        assertThat(SwitchStatus.onSwitch(PEERING, 1, INTENT, Optional.empty(), id -> Optional.empty()).phase()).isEqualTo(PENDING);
        SwitchReport clean = report(Map.of(10, List.of("10.0.0.0/24", "10.0.1.0/24")));
        assertThat(onSwitch(2, clean).phase()).as("the switch applied revision 1 only").isEqualTo(PENDING);
        assertThat(onSwitch(1, clean).phase()).isEqualTo(ACTIVE);
        assertThat(onSwitch(1, report(Map.of(10, List.of("10.0.0.0/24")))).phase()).as("10.0.1.0/24 is missing").isEqualTo(DEGRADED);
        SwitchReport broken = new SwitchReport(Instant.EPOCH, 1, 1, Optional.of("vtysh: syntax error"), clean.observed(), List.of());
        SwitchStatus.OnSwitch failed = onSwitch(1, broken);
        assertThat(failed.phase()).isEqualTo(FAILED);
        assertThat(failed.conditions()).singleElement().satisfies(c -> assertThat(c.message())
                .isEqualTo("switch leaf01 failed to apply revision 1: vtysh: syntax error"));
    }

    @Test
    void aTenantSeesWhereAnApplyFailedButNotTheAgentsErrorText() {
        SwitchReport broken = new SwitchReport(Instant.EPOCH, 1, 1, Optional.of("vtysh: 10.9.9.0/24 of another project"), Optional.empty(), List.of());
        SwitchStatus.OnSwitch tenant = onSwitch(1, broken).withoutErrorText();
        assertThat(tenant.applied().orElseThrow().error()).contains("apply failed on leaf01 at revision 1");
        assertThat(tenant.conditions()).singleElement().satisfies(c -> assertThat(c.message())
                .isEqualTo("apply failed on leaf01 at revision 1; operators see the agent's error"));
        SwitchStatus.OnSwitch fine = onSwitch(1, report(Map.of(10, List.of("10.0.0.0/24", "10.0.1.0/24"))));
        assertThat(fine.withoutErrorText()).isEqualTo(fine);
    }
}
