package io.metalstack.peering.model.status;

import io.metalstack.peering.model.AddressFamily;
import io.metalstack.peering.model.Asn;
import io.metalstack.peering.model.ExchangedPrefixes;
import io.metalstack.peering.model.IpPrefix;
import io.metalstack.peering.model.Ipv4Address;
import io.metalstack.peering.model.Labels;
import io.metalstack.peering.model.NetworkId;
import io.metalstack.peering.model.PartitionId;
import io.metalstack.peering.model.Peering;
import io.metalstack.peering.model.PeeringId;
import io.metalstack.peering.model.PeeringOrigin;
import io.metalstack.peering.model.PeeringType;
import io.metalstack.peering.model.PortName;
import io.metalstack.peering.model.SwitchId;
import io.metalstack.peering.model.SwitchOs;
import io.metalstack.peering.model.SwitchRole;
import io.metalstack.peering.model.Vni;
import io.metalstack.peering.model.audit.AuditAction;
import io.metalstack.peering.model.plan.SwitchIntent;
import io.metalstack.peering.model.plan.VrfImport;
import io.metalstack.peering.model.plan.VrfIntent;
import io.metalstack.peering.model.rules.ImportReason;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

class SwitchTransitionsTest {

    private static final NetworkId A = NetworkId.parse("a"), B = NetworkId.parse("b");
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    /** VRF 10 (network a, 10.0.0.0/24) imports b's 10.0.1.0/24 from VRF 20. */
    private static final SwitchIntent INTENT = new SwitchIntent(SwitchId.parse("leaf01"), PartitionId.parse("fra"), SwitchRole.LEAF,
            SwitchOs.SONIC, Asn.of(4200000011L), Ipv4Address.parse("10.255.0.11"), 1, List.of(), List.of(), List.of(), List.of(
            new VrfIntent(Vni.of(10), A, 1001, List.of(PortName.parse("Ethernet0")), Set.of(AddressFamily.IPV4),
                    List.of(IpPrefix.parse("10.0.0.0/24")),
                    List.of(new VrfImport(Vni.of(20), B, ImportReason.SAME_PROJECT, List.of(IpPrefix.parse("10.0.1.0/24")))))), List.of());

    private static final Peering P = new Peering(PeeringId.parse("5c1d7e2a-0000-4000-8000-000000000001"), "a-to-b", "", Optional.empty(),
            Optional.empty(), A, Optional.of(B), PeeringType.LOCAL, Optional.empty(), PeeringOrigin.MANUAL, Labels.EMPTY, T0, T0, true,
            ExchangedPrefixes.ALL);

    private static SwitchReport report(long revision, Optional<String> error, String... inVrf10) {
        SortedMap<Vni, SortedSet<IpPrefix>> o = new TreeMap<>();
        o.put(Vni.of(10), new TreeSet<>(List.of(inVrf10).stream().map(IpPrefix::parse).toList()));
        return new SwitchReport(T0.plusMillis(2000), revision, 10, error, error.isPresent() ? Optional.empty() : Optional.of(o), List.of());
    }

    private static final SwitchReport CLEAN = report(5, Optional.empty(), "10.0.0.0/24", "10.0.1.0/24");
    private static final SwitchReport LEAKING = report(5, Optional.empty(), "10.0.0.0/24", "10.0.1.0/24", "10.0.9.0/24");

    private static List<String> between(Optional<SwitchReport> before, SwitchReport after) {
        return SwitchTransitions.of(P, 5, INTENT, before, after, id -> Optional.empty()).stream()
                .map(t -> t.action().wire() + " " + t.brief()).toList();
    }

    @Test
    void aReportNamesOnlyWhatChangedSinceThePreviousOne() {
        assertThat(between(Optional.empty(), report(4, Optional.empty()))).as("an older revision").isEmpty();
        assertThat(between(Optional.empty(), CLEAN)).containsExactly("applied applied on leaf01 at revision 5 after 2000 ms");
        assertThat(between(Optional.of(CLEAN), CLEAN)).isEmpty();
        assertThat(between(Optional.of(CLEAN), LEAKING)).containsExactly("leak leak on leaf01: 10.0.9.0/24 in Vrf10");
        assertThat(between(Optional.of(LEAKING), LEAKING)).isEmpty();
        assertThat(between(Optional.of(LEAKING), CLEAN)).containsExactly("leak-cleared leak cleared on leaf01: 10.0.9.0/24 in Vrf10");
        SwitchReport failed = report(5, Optional.of("frr-reload failed"));
        assertThat(between(Optional.of(CLEAN), failed)).containsExactly("failed apply failed on leaf01 at revision 5");
        assertThat(between(Optional.of(failed), failed)).isEmpty();
        assertThat(between(Optional.of(failed), CLEAN)).containsExactly("applied applied on leaf01 at revision 5 after 2000 ms");
        assertThat(AuditAction.LEAK_CLEARED.wire()).isEqualTo("leak-cleared");
    }
}
