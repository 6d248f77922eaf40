package io.metalstack.peering.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.metalstack.peering.api.fixture.SwitchIntentBuilder;
import io.metalstack.peering.model.AddressFamily;
import io.metalstack.peering.model.Asn;
import io.metalstack.peering.model.DomainException;
import io.metalstack.peering.model.InterfaceAddress;
import io.metalstack.peering.model.IpPrefix;
import io.metalstack.peering.model.Ipv4Address;
import io.metalstack.peering.model.NetworkId;
import io.metalstack.peering.model.PartitionId;
import io.metalstack.peering.model.PeeringId;
import io.metalstack.peering.model.PortName;
import io.metalstack.peering.model.SwitchId;
import io.metalstack.peering.model.SwitchOs;
import io.metalstack.peering.model.SwitchRole;
import io.metalstack.peering.model.Vni;
import io.metalstack.peering.model.plan.ExternalSession;
import io.metalstack.peering.model.plan.FirewallPort;
import io.metalstack.peering.model.rules.ImportReason;
import io.metalstack.peering.model.plan.SwitchIntent;
import io.metalstack.peering.model.plan.VrfImport;
import io.metalstack.peering.model.plan.VrfIntent;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IntentCodecTest {

    private final ObjectMapper json = Json.mapper();

    static SwitchIntent sample() {
        VrfIntent a = new VrfIntent(Vni.of(42), NetworkId.parse("privnet1"), 1001, List.of(PortName.parse("Ethernet4")),
                Set.of(AddressFamily.IPV4, AddressFamily.IPV6), List.of(IpPrefix.parse("10.0.0.0/22"), IpPrefix.parse("2001:db8::/64")),
                List.of(new VrfImport(Vni.of(43), NetworkId.parse("storage"), ImportReason.SHARED, List.of(IpPrefix.parse("10.0.4.0/22")),
                                List.of(IpPrefix.parse("10.241.0.0/16"))),
                        new VrfImport(Vni.of(104009), NetworkId.parse("internet"), ImportReason.EXTERNAL, List.of(IpPrefix.parse("::/0")))),
                List.of(IpPrefix.parse("10.240.0.0/16"), IpPrefix.parse("fd00:10::/64")));
        VrfIntent b = new VrfIntent(Vni.of(43), NetworkId.parse("storage"), 1002, List.of(), Set.of(AddressFamily.IPV4),
                List.of(IpPrefix.parse("10.0.4.0/22")),
                List.of(new VrfImport(Vni.of(42), NetworkId.parse("privnet1"), ImportReason.SHARED, List.of(IpPrefix.parse("10.0.0.0/22")))));
        ExternalSession s = new ExternalSession(PeeringId.parse("p1"), PortName.parse("Ethernet0"), Vni.of(42),
                InterfaceAddress.parse("172.16.0.1/30"), Asn.of(65000), InterfaceAddress.parse("172.16.0.2/30"), Asn.of(65001),
                List.of(IpPrefix.parse("10.0.0.0/22")), List.of(IpPrefix.parse("0.0.0.0/0")), 1000, true, false);
        return new SwitchIntent(SwitchId.parse("leaf01"), PartitionId.parse("fra"), SwitchRole.LEAF, SwitchOs.SONIC,
                Asn.of(4200000011L), Ipv4Address.parse("10.255.0.11"), 2, List.of(PortName.parse("Ethernet120")),
                List.of(new FirewallPort(PortName.parse("Ethernet8"), List.of(Vni.of(42)), List.of(IpPrefix.parse("10.1.0.1/32")))),
                List.of(PortName.parse("Ethernet12")), List.of(a, b), List.of(s));
    }

    @Test
    void roundTripsThroughJson() throws Exception {
        SwitchIntent intent = sample();
        String text = json.writeValueAsString(IntentCodec.toWire(intent));
        assertThat(IntentCodec.toModel(json.readValue(text, V1SwitchIntent.class))).isEqualTo(intent);
    }

    @Test
    void usesLowerCaseNames() throws Exception {
        String text = json.writeValueAsString(IntentCodec.toWire(sample()));
        assertThat(text).startsWith("{\"switchid\":\"leaf01\",\"partitionid\":\"fra\",\"role\":\"leaf\",\"os\":\"SONiC\",\"asn\":4200000011,"
                + "\"routerid\":\"10.255.0.11\",\"zone\":2,\"uplinks\":[\"Ethernet120\"],"
                + "\"firewalls\":[{\"port\":\"Ethernet8\",\"vnis\":[42],\"cidrs\":[\"10.1.0.1/32\"]}],\"unprovisioned\":[\"Ethernet12\"],"
                + "\"vrfs\":[{\"vni\":42,\"networkid\":\"privnet1\",\"vlan\":1001,\"machineports\":[\"Ethernet4\"],\"families\":[\"IPv4\",\"IPv6\"],"
                + "\"ownprefixes\":[\"10.0.0.0/22\",\"2001:db8::/64\"],\"imports\":[{\"from\":43,\"networkid\":\"storage\",\"reason\":\"shared\",");
        assertThat(text).contains("\"external\":[{\"peeringid\":\"p1\",\"port\":\"Ethernet0\",\"vrf\":42,\"local\":\"172.16.0.1/30\","
                + "\"localas\":65000,\"remote\":\"172.16.0.2/30\",\"remoteas\":65001,\"exportprefixes\":[\"10.0.0.0/22\"],"
                + "\"importprefixes\":[\"0.0.0.0/0\"],\"maxprefixes\":1000,\"bfd\":true,\"haspassword\":false}]");
    }

    @Test
    void thePasswordCrossesTheIntentBothWays() throws Exception {
        SwitchIntent plain = sample();
        ExternalSession s = plain.external().get(0);
        ExternalSession secret = new ExternalSession(s.peering(), s.port(), s.vrf(), s.local(), s.localAs(), s.remote(), s.remoteAs(),
                s.exportPrefixes(), s.importPrefixes(), s.maxPrefixes(), s.bfd(), true,
                Optional.of(io.metalstack.peering.model.BgpPeer.Password.of("s3cret")));
        SwitchIntent intent = new SwitchIntent(plain.id(), plain.partition(), plain.role(), plain.os(), plain.asn(), plain.routerId(),
                plain.zone(), plain.uplinks(), plain.firewalls(), plain.unprovisioned(), plain.vrfs(), List.of(secret));
        String text = json.writeValueAsString(IntentCodec.toWire(intent));
        assertThat(text).contains("\"haspassword\":true,\"password\":\"s3cret\"");
        assertThat(IntentCodec.toModel(json.readValue(text, V1SwitchIntent.class))).isEqualTo(intent);
    }

    @Test
    void networkFactsGoOnlyIntoTheWireForm() {
        io.metalstack.peering.model.Network storage = new io.metalstack.peering.model.Network(NetworkId.parse("storage"), "storage", null,
                Optional.of(PartitionId.parse("fra")), Optional.of(io.metalstack.peering.model.ProjectId.parse("p2")), Optional.empty(),
                io.metalstack.peering.model.NetworkType.CHILD_SHARED, List.of(IpPrefix.parse("10.0.4.0/22")), List.of(),
                Optional.of(Vni.of(43)), null, false, null, java.time.Instant.EPOCH, java.time.Instant.EPOCH);
        V1SwitchIntent w = IntentCodec.toWire(sample(), id -> id.equals(storage.id()) ? Optional.of(storage) : Optional.empty());
        assertThat(w.vrfs().get(1).projectid()).isEqualTo("p2");
        assertThat(w.vrfs().get(1).networktype()).isEqualTo("child-shared");
        assertThat(w.vrfs().get(0).imports().get(0).projectid()).isEqualTo("p2");
        assertThat(w.vrfs().get(0).projectid()).isNull();
        assertThat(IntentCodec.toModel(w)).isEqualTo(sample());
    }

    @Test
    void aMissingFieldIsNamed() {
        V1SwitchIntent w = IntentCodec.toWire(sample());
        V1SwitchIntent broken = SwitchIntentBuilder.from(w).bgp(null, w.routerid()).build();
        assertThatThrownBy(() -> IntentCodec.toModel(broken)).isInstanceOf(DomainException.Invalid.class).hasMessageContaining("asn");
        assertThatThrownBy(() -> IntentCodec.reason("friends")).isInstanceOf(DomainException.Invalid.class).hasMessageContaining("friends");
    }
}
