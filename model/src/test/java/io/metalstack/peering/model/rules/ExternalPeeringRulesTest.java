package io.metalstack.peering.model.rules;

import io.metalstack.peering.model.AddressFamily;
import io.metalstack.peering.model.Asn;
import io.metalstack.peering.model.BgpPeer;
import io.metalstack.peering.model.DomainException;
import io.metalstack.peering.model.InterfaceAddress;
import io.metalstack.peering.model.Ipv4Address;
import io.metalstack.peering.model.IpPrefix;
import io.metalstack.peering.model.Labels;
import io.metalstack.peering.model.Machine;
import io.metalstack.peering.model.MachineConnection;
import io.metalstack.peering.model.MachineId;
import io.metalstack.peering.model.MachineRole;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExternalPeeringRulesTest {
    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");
    private static final PeeringId SELF = PeeringId.parse("ext");

    private final List<Switch> switches = new ArrayList<>(List.of(
            sw("exit01", "fra", SwitchRole.EXIT), sw("exit02", "muc", SwitchRole.EXIT), sw("leaf01", "fra", SwitchRole.LEAF)));
    private final List<Machine> machines = new ArrayList<>();
    private final List<Peering> peerings = new ArrayList<>();

    private final Network pub = network("pub", NetworkType.CHILD, "fra", false, List.of("185.9.9.0/24", "2a02:c00:9::/64"), List.of());
    private final Network internet = network("internet", NetworkType.EXTERNAL, null, true,
            List.of("185.1.2.0/24"), List.of("0.0.0.0/0", "::/0"));
    private final Network dci = network("dci", NetworkType.EXTERNAL, null, false, List.of("10.200.0.0/16"), List.of("10.201.0.0/16"));

    private static Switch sw(String id, String partition, SwitchRole role) {
        return new Switch(SwitchId.parse(id), PartitionId.parse(partition), "r1", "z1", role, SwitchOs.SONIC, Asn.of(4200000031L),
                Ipv4Address.parse("10.0.0.31"), List.of(new SwitchPort(PortName.parse("Ethernet0"), false),
                new SwitchPort(PortName.parse("Ethernet4"), false), new SwitchPort(PortName.parse("Ethernet120"), true)), T, T);
    }

    private static Network network(String id, NetworkType type, String partition, boolean nat, List<String> prefixes,
                                   List<String> destinations) {
        return new Network(NetworkId.parse(id), id, "", Optional.ofNullable(partition).map(PartitionId::parse),
                type == NetworkType.EXTERNAL ? Optional.empty() : Optional.of(ProjectId.parse("p1")), Optional.empty(), type,
                prefixes.stream().map(IpPrefix::parse).toList(), destinations.stream().map(IpPrefix::parse).toList(),
                Optional.of(Vni.of(id.length() * 7)), Map.of(), nat,
                type == NetworkType.EXTERNAL ? Labels.of(Map.of(Labels.PEERABLE, "true")) : Labels.EMPTY, T, T);
    }

    private static BgpPeer bgp(String port, String local, String remote) {
        BgpPeer.PortRef ref = BgpPeer.parsePort(port);
        return new BgpPeer(Asn.of(65000), InterfaceAddress.parse(local), ref.switchId(), ref.port(), Asn.of(65001),
                InterfaceAddress.parse(remote));
    }

    private static BgpPeer filtered(List<String> imports, List<String> exports) {
        BgpPeer b = bgp("Ethernet0@exit01", "172.16.0.1/30", "172.16.0.2/30");
        return new BgpPeer(b.localAs(), b.localCidr(), b.localSwitch(), b.localPort(), b.remoteAs(), b.remoteCidr(), 1000, false,
                Optional.empty(), imports.stream().map(IpPrefix::parse).toList(), exports.stream().map(IpPrefix::parse).toList());
    }

    private BgpPeer check(BgpPeer bgp) {
        return ExternalPeeringRules.check(SELF, pub, Optional.of(internet), bgp, ExternalPeeringRules.Fabric.of(switches, machines, peerings));
    }

    private static ExternalPeeringRules.Link link(String local, String remote) {
        return ExternalPeeringRules.link(InterfaceAddress.parse(local), InterfaceAddress.parse(remote));
    }

    @Test
    void theMepExampleIsAdmittedAndStoredWithItsDerivedSubnet() {
        BgpPeer stored = check(bgp("Ethernet0@exit01", "172.16.0.1", "172.16.0.2"));
        assertThat(stored.localCidr()).hasToString("172.16.0.1/30");
        assertThat(stored.remoteCidr()).hasToString("172.16.0.2/30");
        assertThat(stored.maxPrefixes()).isEqualTo(BgpPeer.DEFAULT_MAX_PREFIXES);
        assertThat(stored.hasPassword()).isFalse();
    }

    /** The subnet rule of {@link ExternalPeeringRules#link}: the smallest point-to-point subnet with two usable addresses. */
    @ParameterizedTest
    @CsvSource({
            "172.16.0.1, 172.16.0.2, 172.16.0.0/30",
            "172.16.0.2, 172.16.0.1, 172.16.0.0/30",
            "172.16.0.0, 172.16.0.1, 172.16.0.0/31",
            "172.16.0.2, 172.16.0.3, 172.16.0.2/31",
            "172.16.0.5, 172.16.0.6, 172.16.0.4/30",
            "172.16.0.1/30, 172.16.0.2/30, 172.16.0.0/30",
            "172.16.0.1/30, 172.16.0.2, 172.16.0.0/30",
            "172.16.0.0/31, 172.16.0.1/31, 172.16.0.0/31",
            "2001:db8::, 2001:db8::1, 2001:db8::/127",
            "2001:db8::1, 2001:db8::2, 2001:db8::/126",
            "2001:db8::/127, 2001:db8::1/127, 2001:db8::/127",
            "2001:db8::1/126, 2001:db8::2/126, 2001:db8::/126",
    })
    void derivesOrChecksTheSubnet(String local, String remote, String subnet) {
        ExternalPeeringRules.Link l = link(local, remote);
        assertThat(l.subnet()).hasToString(subnet);
        int length = IpPrefix.parse(subnet).length();
        assertThat(l.local().length()).contains(length);
        assertThat(l.remote().length()).contains(length);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "172.16.0.1|2001:db8::2|bgp.local.cidr 172.16.0.1 is IPv4 but bgp.remote.cidr 2001:db8::2 is IPv6: use two addresses of one family",
            "172.16.0.1/30|172.16.0.1/30|bgp.local.cidr 172.16.0.1/30 and bgp.remote.cidr 172.16.0.1/30 are the same address: use two different addresses of one /30 or /31",
            "172.16.0.1/30|172.16.0.2/31|bgp.local.cidr 172.16.0.1/30 and bgp.remote.cidr 172.16.0.2/31 have different subnet lengths: give both the same length (/30 or /31), or none",
            "172.16.0.1/24|172.16.0.2/24|subnet length /24 of bgp.local.cidr 172.16.0.1/24 and bgp.remote.cidr 172.16.0.2/24 is not allowed: use /30 or /31, or leave the length out",
            "2001:db8::1/64|2001:db8::2/64|subnet length /64 of bgp.local.cidr 2001:db8::1/64 and bgp.remote.cidr 2001:db8::2/64 is not allowed: use /126 or /127, or leave the length out",
            "172.16.0.2/30|172.16.0.5/30|bgp.local.cidr 172.16.0.2/30 and bgp.remote.cidr 172.16.0.5/30 are not in one /30 subnet (172.16.0.0/30 holds only the first): use two addresses of one subnet",
            "172.16.0.0/30|172.16.0.1/30|172.16.0.0/30 is the first (network) address of 172.16.0.0/30: use one of the two middle addresses of a /30, or a /31",
            "172.16.0.2/30|172.16.0.3/30|172.16.0.3/30 is the last (broadcast) address of 172.16.0.0/30: use one of the two middle addresses of a /30, or a /31",
            "172.16.0.0|172.16.0.3|bgp.local.cidr 172.16.0.0 and bgp.remote.cidr 172.16.0.3 do not form a point-to-point link: use the two addresses of one /31, or the two middle addresses of one /30 (e.g. 172.16.0.1 and 172.16.0.2), or give the length",
            "172.16.0.1|172.16.1.2|bgp.local.cidr 172.16.0.1 and bgp.remote.cidr 172.16.1.2 do not form a point-to-point link: use the two addresses of one /31, or the two middle addresses of one /30 (e.g. 172.16.0.1 and 172.16.0.2), or give the length",
            "2001:db8::|2001:db8::3|bgp.local.cidr 2001:db8:: and bgp.remote.cidr 2001:db8::3 do not form a point-to-point link: use the two addresses of one /127, or the two middle addresses of one /126 (e.g. 2001:db8::1 and 2001:db8::2), or give the length",
    })
    void refusesLinksThatAreNotPointToPoint(String local, String remote, String message) {
        assertThatThrownBy(() -> link(local, remote)).isInstanceOf(DomainException.Invalid.class).hasMessage(message);
    }

    @Test
    void thePortMustBeAFreeNonUplinkPortOfAnExitSwitchOfNetwork1sPartition() {
        assertRefused(bgp("Ethernet0@exit09", "172.16.0.1", "172.16.0.2"), DomainException.Unprocessable.class,
                "bgp.local.port Ethernet0@exit09: switch exit09 does not exist: use <port>@<switch> with an exit switch");
        assertRefused(bgp("Ethernet0@leaf01", "172.16.0.1", "172.16.0.2"), DomainException.Unprocessable.class,
                "bgp.local.port Ethernet0@leaf01: switch leaf01 is a leaf switch: external peerings sit on exit switches, use a port of one");
        assertRefused(bgp("Ethernet0@exit02", "172.16.0.1", "172.16.0.2"), DomainException.Unprocessable.class,
                "bgp.local.port Ethernet0@exit02: exit switch exit02 is in partition muc but network \"pub\" (pub) is in partition fra:"
                        + " use an exit switch of partition fra");
        assertRefused(bgp("Ethernet8@exit01", "172.16.0.1", "172.16.0.2"), DomainException.Unprocessable.class,
                "bgp.local.port Ethernet8@exit01: switch exit01 has no port Ethernet8: use one of its ports [Ethernet0, Ethernet4]");
        assertRefused(bgp("Ethernet120@exit01", "172.16.0.1", "172.16.0.2"), DomainException.Unprocessable.class,
                "bgp.local.port Ethernet120@exit01: port Ethernet120 is an uplink of switch exit01 (the fabric): use a port that faces the neighbour");

        machines.add(new Machine(MachineId.parse("m1"), "m1", PartitionId.parse("fra"), MachineRole.MACHINE,
                List.of(new MachineConnection(SwitchId.parse("exit01"), PortName.parse("Ethernet4"))), Optional.empty(), T, T));
        assertRefused(bgp("Ethernet4@exit01", "172.16.0.1", "172.16.0.2"), DomainException.Conflict.class,
                "bgp.local.port Ethernet4@exit01: machine m1 is connected to it: use a free port");

        BgpPeer taken = bgp("Ethernet0@exit01", "172.16.0.5", "172.16.0.6");
        Peering other = new Peering(PeeringId.parse("other"), "", "", Optional.empty(), Optional.empty(), internet.id(), pub.id(),
                PeeringType.EXTERNAL, Optional.of(taken), PeeringOrigin.MANUAL, Labels.EMPTY, T, T);
        peerings.add(other);
        assertRefused(bgp("Ethernet0@exit01", "172.16.0.1", "172.16.0.2"), DomainException.Conflict.class,
                "bgp.local.port Ethernet0@exit01: external peering other already uses it: one session per port, use a free port");
        // an update of the peering that holds the port does not collide with itself
        assertThat(ExternalPeeringRules.check(PeeringId.parse("other"), pub, Optional.of(internet), taken,
                ExternalPeeringRules.Fabric.of(switches, machines, peerings)).localCidr()).hasToString("172.16.0.5/30");
    }

    @Test
    void aGlobalNetwork1TakesThePartitionOfThePortsSwitch() {
        BgpPeer b = bgp("Ethernet0@exit02", "172.16.0.1", "172.16.0.2");
        assertThat(ExternalPeeringRules.check(SELF, internet, Optional.empty(), b,
                ExternalPeeringRules.Fabric.of(switches, machines, peerings)).remoteCidr()).hasToString("172.16.0.2/30");
    }

    @Test
    void theSessionsFamilyMustBeOneTheNetworksExchange() {
        Network v4only = network("v4only", NetworkType.CHILD, "fra", false, List.of("185.9.8.0/24"), List.of());
        assertThatThrownBy(() -> ExternalPeeringRules.check(SELF, v4only, Optional.of(internet), bgp("Ethernet0@exit01", "2001:db8::", "2001:db8::1"),
                ExternalPeeringRules.Fabric.of(switches, machines, peerings)))
                .isInstanceOf(DomainException.Unprocessable.class)
                .hasMessage("the session 2001:db8::/127 - 2001:db8::1/127 is IPv6, but network \"v4only\" (v4only) and network \"internet\" (internet)"
                        + " exchange no IPv6 (network \"v4only\" (v4only) has no IPv6 prefix): use addresses of a family they exchange");
        assertThatThrownBy(() -> ExternalPeeringRules.check(SELF, v4only, Optional.empty(), bgp("Ethernet0@exit01", "2001:db8::", "2001:db8::1"),
                ExternalPeeringRules.Fabric.of(switches, machines, peerings)))
                .isInstanceOf(DomainException.Unprocessable.class)
                .hasMessage("the session 2001:db8::/127 - 2001:db8::1/127 is IPv6, but network \"v4only\" (v4only) has no IPv6 prefix:"
                        + " use addresses of a family it has");
        Network privateUse = network("priv", NetworkType.CHILD, "fra", false, List.of("10.1.0.0/24"), List.of());
        assertThatThrownBy(() -> ExternalPeeringRules.check(SELF, privateUse, Optional.of(internet), bgp("Ethernet0@exit01", "172.16.0.1", "172.16.0.2"),
                ExternalPeeringRules.Fabric.of(switches, machines, peerings)))
                .isInstanceOf(DomainException.Unprocessable.class)
                .hasMessageContaining("is IPv4, but network \"priv\" (priv) and network \"internet\" (internet) exchange no IPv4"
                        + " (network \"priv\" (priv) has private-use IPv4 prefixes and network \"internet\" (internet) needs NAT");
    }

    @Test
    void filtersMustMatchTheSessionsFamilyAndExportsLieInNetwork1() {
        assertThat(check(filtered(List.of("203.0.113.0/24"), List.of("185.9.9.0/25"))).exportPrefixes())
                .containsExactly(IpPrefix.parse("185.9.9.0/25"));
        assertRefused(filtered(List.of(), List.of("185.9.10.0/24")), DomainException.Unprocessable.class,
                "exportprefixes: 185.9.10.0/24 is not inside the prefixes of network \"pub\" (pub) [185.9.9.0/24]: export only network1's own address space");
        assertRefused(filtered(List.of(), List.of("2a02:c00:9::/64")), DomainException.Invalid.class,
                "exportprefixes: 2a02:c00:9::/64 is IPv6 but the session is IPv4: list IPv4 prefixes only");
        assertRefused(filtered(List.of("::/0"), List.of()), DomainException.Invalid.class,
                "importprefixes: ::/0 is IPv6 but the session is IPv4: list IPv4 prefixes only");
    }

    @Test
    void maxPrefixesAndPasswordAreValidatedWhenTheBlockIsBuilt() {
        BgpPeer b = bgp("Ethernet0@exit01", "172.16.0.1", "172.16.0.2");
        for (int bad : new int[] {0, -1, 1_000_001}) {
            assertThatThrownBy(() -> new BgpPeer(b.localAs(), b.localCidr(), b.localSwitch(), b.localPort(), b.remoteAs(), b.remoteCidr(),
                    bad, false, Optional.empty(), List.of(), List.of())).isInstanceOf(DomainException.Invalid.class)
                    .hasMessage("maxprefixes " + bad + " is out of range: use 1..1000000 (default 1000)");
        }
        assertThat(BgpPeer.Password.of("s3cr3t-~$%&*()[]{}<>;:'\"\\|/.,^`=+_@").secret()).hasSize(35);
        assertThat(BgpPeer.Password.of("x".repeat(80)).secret()).hasSize(80);
        assertThatThrownBy(() -> BgpPeer.Password.of("")).isInstanceOf(DomainException.Invalid.class)
                .hasMessage("password is empty: use 1..80 printable ASCII characters without spaces, or no password");
        assertThatThrownBy(() -> BgpPeer.Password.of("x".repeat(81))).isInstanceOf(DomainException.Invalid.class)
                .hasMessage("password has 81 characters: use at most 80 printable ASCII characters without spaces");
        assertThatThrownBy(() -> BgpPeer.Password.of("two words")).isInstanceOf(DomainException.Invalid.class)
                .hasMessage("password has a space at position 4: use printable ASCII characters without spaces");
        assertThatThrownBy(() -> BgpPeer.Password.of("line\nbreak")).isInstanceOf(DomainException.Invalid.class)
                .hasMessage("password has a non-printable or non-ASCII character at position 5: use printable ASCII characters without spaces");
        assertThatThrownBy(() -> BgpPeer.Password.of("pässword")).isInstanceOf(DomainException.Invalid.class)
                .hasMessage("password has a non-printable or non-ASCII character at position 2: use printable ASCII characters without spaces");
        assertThatThrownBy(() -> BgpPeer.Password.of("a#b")).isInstanceOf(DomainException.Invalid.class)
                .hasMessage("password has '#' at position 2: the characters !#? are not allowed (FRR reads them as comment or help), use other printable ASCII characters");
    }

    @Test
    void nothingPrintsTheSecret() {
        BgpPeer b = bgp("Ethernet0@exit01", "172.16.0.1", "172.16.0.2");
        BgpPeer secret = new BgpPeer(b.localAs(), b.localCidr(), b.localSwitch(), b.localPort(), b.remoteAs(), b.remoteCidr(), 500, true,
                Optional.of(BgpPeer.Password.of("hunter2")), List.of(), List.of());
        assertThat(secret.hasPassword()).isTrue();
        assertThat(secret.toString()).doesNotContain("hunter2").contains("Password[redacted]");
        assertThat(check(secret).password().orElseThrow().secret()).isEqualTo("hunter2");
    }

    @Test
    void defaultFiltersExportNetwork1sOwnPrefixesAndImportOnlyAnInternetsDefaultRoute() {
        BgpPeer plain = bgp("Ethernet0@exit01", "172.16.0.1", "172.16.0.2");
        Set<AddressFamily> both = Set.of(AddressFamily.IPV4, AddressFamily.IPV6);
        assertThat(ExternalFilters.exports(pub, plain, Set.of(AddressFamily.IPV4))).containsExactly(IpPrefix.parse("185.9.9.0/24"));
        assertThat(ExternalFilters.imports(pub, Optional.of(internet), plain, Set.of(AddressFamily.IPV4)))
                .containsExactly(IpPrefix.parse("0.0.0.0/0"));
        assertThat(ExternalFilters.imports(pub, Optional.of(internet), plain, both))
                .containsExactly(IpPrefix.parse("0.0.0.0/0"), IpPrefix.parse("::/0"));
        // the MEP's one-network form: the internet's own VRF holds the session
        assertThat(ExternalFilters.imports(internet, Optional.empty(), plain, Set.of(AddressFamily.IPV4)))
                .containsExactly(IpPrefix.parse("0.0.0.0/0"));
        assertThat(ExternalFilters.exports(internet, plain, Set.of(AddressFamily.IPV4))).containsExactly(IpPrefix.parse("185.1.2.0/24"));
        // an external network that is not an internet: nothing unless listed (neither its prefixes nor its destinations)
        assertThat(ExternalFilters.isInternet(dci)).isFalse();
        assertThat(ExternalFilters.imports(pub, Optional.of(dci), plain, both)).isEmpty();
        BgpPeer listed = filtered(List.of("10.201.0.0/16", "203.0.113.0/24"), List.of("185.9.9.128/25"));
        assertThat(ExternalFilters.imports(pub, Optional.of(dci), listed, both))
                .containsExactly(IpPrefix.parse("10.201.0.0/16"), IpPrefix.parse("203.0.113.0/24"));
        assertThat(ExternalFilters.imports(pub, Optional.of(internet), listed, Set.of(AddressFamily.IPV4)))
                .containsExactly(IpPrefix.parse("0.0.0.0/0"), IpPrefix.parse("10.201.0.0/16"), IpPrefix.parse("203.0.113.0/24"));
        assertThat(ExternalFilters.exports(pub, listed, both)).containsExactly(IpPrefix.parse("185.9.9.128/25"));
        assertThat(ExternalFilters.isInternet(pub)).isFalse();
        assertThat(ExternalFilters.isInternet(internet)).isTrue();
    }

    private void assertRefused(BgpPeer bgp, Class<? extends DomainException> type, String message) {
        assertThatThrownBy(() -> check(bgp)).isInstanceOf(type).hasMessage(message);
    }
}
