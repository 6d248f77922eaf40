package io.metalstack.peering.model.rules;

import io.metalstack.peering.model.Asn;
import io.metalstack.peering.model.BgpPeer;
import io.metalstack.peering.model.InterfaceAddress;
import io.metalstack.peering.model.IpPrefix;
import io.metalstack.peering.model.Ipv4Address;
import io.metalstack.peering.model.Labels;
import io.metalstack.peering.model.Network;
import io.metalstack.peering.model.NetworkId;
import io.metalstack.peering.model.NetworkType;
import io.metalstack.peering.model.PartitionId;
import io.metalstack.peering.model.Peering;
import io.metalstack.peering.model.PeeringId;
import io.metalstack.peering.model.PeeringOrigin;
import io.metalstack.peering.model.PeeringType;
import io.metalstack.peering.model.PortName;
import io.metalstack.peering.model.ProjectId;
import io.metalstack.peering.model.Switch;
import io.metalstack.peering.model.SwitchId;
import io.metalstack.peering.model.SwitchOs;
import io.metalstack.peering.model.SwitchPort;
import io.metalstack.peering.model.SwitchRole;
import io.metalstack.peering.model.Vni;
import io.metalstack.peering.model.plan.ExternalSession;
import io.metalstack.peering.model.plan.Inventory;
import io.metalstack.peering.model.plan.Planner;
import io.metalstack.peering.model.plan.SwitchIntent;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** What the planner puts into an external session from an admitted {@code bgp} block. */
class ExternalSessionPlanTest {
    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");
    private static final SwitchId EXIT = SwitchId.parse("exit01");

    private static final Network PUB = new Network(NetworkId.parse("pub"), "pub", "", Optional.of(PartitionId.parse("fra")),
            Optional.of(ProjectId.parse("p1")), Optional.empty(), NetworkType.CHILD,
            List.of(IpPrefix.parse("185.9.9.0/24"), IpPrefix.parse("2a02:c00:9::/64")), List.of(), Optional.of(Vni.of(110)), Map.of(),
            false, Labels.EMPTY, T, T);
    private static final Network INTERNET = new Network(NetworkId.parse("internet"), "internet", "", Optional.empty(), Optional.empty(),
            Optional.empty(), NetworkType.EXTERNAL, List.of(IpPrefix.parse("185.1.2.0/24")),
            List.of(IpPrefix.parse("0.0.0.0/0"), IpPrefix.parse("::/0")), Optional.of(Vni.of(104009)), Map.of(), true,
            Labels.of(Map.of(Labels.PEERABLE, "true")), T, T);
    private static final Switch SWITCH = new Switch(EXIT, PartitionId.parse("fra"), "r1", "z1", SwitchRole.EXIT, SwitchOs.SONIC,
            Asn.of(4200000031L), Ipv4Address.parse("10.0.0.31"), List.of(new SwitchPort(PortName.parse("Ethernet0"), false),
            new SwitchPort(PortName.parse("Ethernet4"), false)), T, T);

    private static ExternalSession plan(BgpPeer requested) {
        BgpPeer admitted = ExternalPeeringRules.check(PeeringId.parse("ext"), PUB, Optional.of(INTERNET), requested,
                ExternalPeeringRules.Fabric.of(List.of(SWITCH), List.of(), List.of()));
        Peering p = new Peering(PeeringId.parse("ext"), "", "", PUB.project(), PUB.partition(), PUB.id(), INTERNET.id(),
                PeeringType.EXTERNAL, Optional.of(admitted), PeeringOrigin.MANUAL, Labels.EMPTY, T, T);
        SwitchIntent intent = Planner.plan(new Inventory(List.of(), List.of(), List.of(PUB, INTERNET), List.of(SWITCH), List.of(), List.of(p)))
                .intent(EXIT).orElseThrow();
        assertThat(intent.external()).hasSize(1);
        return intent.external().get(0);
    }

    /** The MEP's one-network form: {@code --network1 internet} alone, a session in the internet's own VRF. */
    @Test
    void theOneNetworkFormPutsTheSessionIntoNetwork1sVrf() {
        BgpPeer admitted = ExternalPeeringRules.check(PeeringId.parse("alone"), INTERNET, Optional.empty(),
                new BgpPeer(Asn.of(65000), InterfaceAddress.parse("172.16.0.1"), EXIT, PortName.parse("Ethernet0"),
                        Asn.of(65001), InterfaceAddress.parse("172.16.0.2")),
                ExternalPeeringRules.Fabric.of(List.of(SWITCH), List.of(), List.of()));
        Peering p = new Peering(PeeringId.parse("alone"), "", "", Optional.empty(), Optional.of(SWITCH.partition()),
                INTERNET.id(), Optional.empty(), PeeringType.EXTERNAL, Optional.of(admitted), PeeringOrigin.MANUAL, Labels.EMPTY, T, T);
        assertThat(new PeeringRules(PeeringRules.DEFAULT_QUOTA).admitAlone(INTERNET, graphOf(List.of(INTERNET), List.of())))
                .isNotEmpty();
        SwitchIntent intent = Planner.plan(new Inventory(List.of(), List.of(), List.of(PUB, INTERNET), List.of(SWITCH), List.of(), List.of(p)))
                .intent(EXIT).orElseThrow();
        assertThat(intent.external()).hasSize(1);
        ExternalSession s = intent.external().get(0);
        assertThat(s.vrf()).isEqualTo(Vni.of(104009));
        assertThat(s.local()).hasToString("172.16.0.1/30");
        assertThat(s.exportPrefixes()).containsExactly(IpPrefix.parse("185.1.2.0/24"));
        assertThat(s.importPrefixes()).containsExactly(IpPrefix.parse("0.0.0.0/0"));
        assertThat(intent.vrfs()).anyMatch(v -> v.vni().equals(Vni.of(104009)));
    }

    @Test
    void theOneNetworkFormNeedsAPeerableNetwork() {
        Network closed = new Network(NetworkId.parse("closed"), "closed", "", Optional.empty(), Optional.empty(), Optional.empty(),
                NetworkType.EXTERNAL, List.of(IpPrefix.parse("185.1.3.0/24")), List.of(), Optional.of(Vni.of(104010)), Map.of(), false,
                Labels.EMPTY, T, T);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new PeeringRules(PeeringRules.DEFAULT_QUOTA)
                        .admitAlone(closed, graphOf(List.of(closed), List.of())))
                .isInstanceOf(io.metalstack.peering.model.DomainException.Unprocessable.class)
                .hasMessageContaining("not marked peerable");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Peering(PeeringId.parse("x"), "", "", Optional.empty(), Optional.empty(),
                        PUB.id(), Optional.empty(), PeeringType.LOCAL, Optional.empty(), PeeringOrigin.MANUAL, Labels.EMPTY, T, T))
                .isInstanceOf(io.metalstack.peering.model.DomainException.Invalid.class).hasMessageContaining("needs network2");
    }

    private static PeeringGraph graphOf(List<Network> networks, List<Peering> peerings) {
        return new PeeringGraph() {
            @Override
            public Network network(NetworkId id) {
                return networks.stream().filter(n -> n.id().equals(id)).findFirst().orElseThrow();
            }

            @Override
            public List<Peering> peeringsOf(NetworkId network) {
                return peerings.stream().filter(x -> x.involves(network)).toList();
            }
        };
    }

    @Test
    void theMepFormGetsItsSubnetAndTheDefaultFilters() {
        ExternalSession s = plan(new BgpPeer(Asn.of(65000), InterfaceAddress.parse("172.16.0.1"), EXIT, PortName.parse("Ethernet0"),
                Asn.of(65001), InterfaceAddress.parse("172.16.0.2")));
        assertThat(s.local()).hasToString("172.16.0.1/30");
        assertThat(s.remote()).hasToString("172.16.0.2/30");
        assertThat(s.exportPrefixes()).containsExactly(IpPrefix.parse("185.9.9.0/24"));
        assertThat(s.importPrefixes()).containsExactly(IpPrefix.parse("0.0.0.0/0"));
        assertThat(s.maxPrefixes()).isEqualTo(BgpPeer.DEFAULT_MAX_PREFIXES);
        assertThat(s.bfd()).isFalse();
        assertThat(s.hasPassword()).isFalse();
        assertThat(s.password()).isEmpty();
    }

    @Test
    void operatorOptionsReachTheSessionAndTheSecretIsNeverPrinted() {
        ExternalSession s = plan(new BgpPeer(Asn.of(4200000031L), InterfaceAddress.parse("2a02:c00:ff::/127"), EXIT,
                PortName.parse("Ethernet4"), Asn.of(65002), InterfaceAddress.parse("2a02:c00:ff::1/127"), 250, true,
                Optional.of(BgpPeer.Password.of("hunter2")), List.of(IpPrefix.parse("2001:db8:77::/48")),
                List.of(IpPrefix.parse("2a02:c00:9::/80"))));
        assertThat(s.vrf()).isEqualTo(Vni.of(110));
        assertThat(s.exportPrefixes()).containsExactly(IpPrefix.parse("2a02:c00:9::/80"));
        assertThat(s.importPrefixes()).containsExactly(IpPrefix.parse("::/0"), IpPrefix.parse("2001:db8:77::/48"));
        assertThat(s.maxPrefixes()).isEqualTo(250);
        assertThat(s.bfd()).isTrue();
        assertThat(s.hasPassword()).isTrue();
        assertThat(s.password().orElseThrow().secret()).isEqualTo("hunter2");
        assertThat(s.toString()).doesNotContain("hunter2");
    }
}
