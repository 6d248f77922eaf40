package io.metalstack.peering.agent;

import io.metalstack.peering.frr.SwitchLocal;
import io.metalstack.peering.frr.SyslogLevel;
import io.metalstack.peering.frr.VlanId;
import io.metalstack.peering.frr.VlanRange;
import io.metalstack.peering.model.AddressFamily;
import io.metalstack.peering.model.DomainException;
import io.metalstack.peering.model.IpPrefix;
import io.metalstack.peering.model.PortName;
import io.metalstack.peering.model.SwitchOs;
import io.metalstack.peering.model.Vni;
import io.metalstack.peering.model.plan.SwitchIntent;
import io.metalstack.peering.model.plan.VrfIntent;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** metal-core's conf.yaml into intent and switch-local facts: every field, and refusals that name field and value. */
class MetalCoreConfTest {
    private static MetalCoreConf.Parsed dev() throws Exception {
        return MetalCoreConf.parse("dev", Files.readString(MetalCoreParityTest.PARITY.resolve("dev/conf.yaml"), StandardCharsets.UTF_8),
                SwitchOs.SONIC);
    }

    @Test
    void readsEveryFieldOfTheDevCase() throws Exception {
        MetalCoreConf.Parsed p = dev();
        SwitchIntent i = p.intent();
        assertThat(i.id().value()).isEqualTo("fra01-leaf03");
        assertThat(i.os()).isEqualTo(SwitchOs.SONIC);
        assertThat(i.asn().value()).isEqualTo(4200000121L);
        assertThat(i.routerId().value()).isEqualTo("10.1.0.21");
        assertThat(i.uplinks()).extracting(PortName::value).containsExactly("swp49", "swp50");
        assertThat(i.unprovisioned()).extracting(PortName::value).containsExactly("swp6", "swp7");
        assertThat(i.firewalls()).singleElement().satisfies(f -> {
            assertThat(f.port().value()).isEqualTo("swp5");
            assertThat(f.vnis()).containsExactly(Vni.of(104002), Vni.of(104009));
            assertThat(f.cidrs()).containsExactly(IpPrefix.parse("10.1.2.5/32"));
        });
        VrfIntent v = i.vrfs().get(0);
        assertThat(v.vni()).isEqualTo(Vni.of(104002));
        assertThat(v.vlan()).isEqualTo(4002);
        assertThat(v.machinePorts()).extracting(PortName::value).containsExactly("swp1", "swp2");
        assertThat(v.families()).containsExactlyInAnyOrder(AddressFamily.IPV4, AddressFamily.IPV6);
        // 100.64.10.128/25 lies in 100.64.10.0/24: compacted away, as metal-core does
        assertThat(v.ownPrefixes()).extracting(IpPrefix::toString).containsExactly(
                "10.96.0.0/12", "100.64.10.0/24", "198.51.100.7/32", "2001:db8:77::1/128", "fd00:77::/64");
        SwitchLocal l = p.local();
        assertThat(l.logLevel()).isEqualTo(SyslogLevel.ERRORS);
        assertThat(l.setSrcLoopback()).isTrue();
        assertThat(l.metalCoreCidr().orElseThrow().toString()).isEqualTo("10.254.0.3/22");
        assertThat(l.managementAddress().orElseThrow().toString()).isEqualTo("192.0.2.21/25");
        assertThat(l.managementGateway().orElseThrow().value()).isEqualTo("192.0.2.1");
        assertThat(l.managementRoutes()).extracting(IpPrefix::toString).containsExactly("10.150.0.0/16", "172.31.0.0/16");
        assertThat(l.bladePorts()).extracting(PortName::value).containsExactly("swp9", "swp10");
        assertThat(l.bridgeVids()).containsExactly(VlanRange.parse("401-410"), VlanRange.parse("500"));
        assertThat(l.pxeVlan()).isEqualTo(VlanId.of(977));
    }

    @Test
    void compactsAdjacentPrefixes() {
        assertThat(MetalCoreConf.compact(List.of(IpPrefix.parse("10.0.1.0/24"), IpPrefix.parse("10.0.0.0/24"), IpPrefix.parse("2001:db8::/64"))))
                .extracting(IpPrefix::toString).containsExactly("10.0.0.0/23", "2001:db8::/64");
    }

    @Test
    void absentOptionalFieldsGiveMetalCoresDefaults() {
        MetalCoreConf.Parsed p = MetalCoreConf.parse("min", "name: leaf1\nloopback: 10.0.0.1\nasn: 4200000001\n", SwitchOs.CUMULUS);
        assertThat(p.local()).isEqualTo(SwitchLocal.DEFAULTS);
        assertThat(p.intent().vrfs()).isEmpty();
    }

    @Test
    void refusalsNameTheFieldAndTheValue() {
        String base = "name: leaf1\nloopback: 10.0.0.1\nasn: 4200000001\n";
        assertRefused(base + "pxevlanid: 5000\n", "field pxevlanid", "5000");
        assertRefused(base + "pxevlanid: 1500\n", "PXE VLAN 1500");
        assertRefused(base + "loglevel: chatty\n", "field loglevel", "\"chatty\"");
        assertRefused(base + "metalcorecidr: 10.0.0.300/24\n", "field metalcorecidr", "10.0.0.300/24");
        assertRefused(base + "additionalbridgevids: [\"300-200\"]\n", "field additionalbridgevids[0]", "300-200");
        assertRefused(base + "ports:\n  underlay: [\"swp1 extra\"]\n", "field ports.underlay[0]", "swp1 extra");
        assertRefused(base + "ports:\n  eth0:\n    gateway: 2001:db8::1\n", "field ports.eth0.gateway", "2001:db8::1");
        assertRefused(base + "ports:\n  vrfs:\n    vrf7:\n      vni: 8\n      vlanid: 4001\n", "ports.vrfs.vrf7", "vni 8");
        assertRefused(base + "ports:\n  vrfs:\n    vrf7:\n      vni: 7\n", "field ports.vrfs.vrf7.vlanid is missing");
        assertRefused(base + "ports:\n  firewalls:\n    swp3:\n      port: swp4\n", "ports.firewalls.swp3.port", "swp4");
        assertRefused(base + "ports:\n  vrfs:\n    vrf7:\n      vni: 7\n      vlanid: 4001\n      cidrs: [\"10.0.0.1/24\"]\n",
                "field ports.vrfs.vrf7.cidrs[0]", "10.0.0.1/24");
        assertRefused(base + "setsrcloopback: maybe\n", "field setsrcloopback", "maybe");
        assertRefused(base + "additionalmgmtroutes: [10.9.0.0/16]\n", "management routes", "need a management gateway");
        assertRefused(base + "loopbak: 10.0.0.2\n", "field \"loopbak\" is unknown");
        assertRefused(base + "ports:\n  adminstatus: {}\n", "field \"ports.adminstatus\" is unknown");
        assertRefused("loopback: 10.0.0.1\nasn: 1\n", "field name is missing");
        assertRefused(base + "name: leaf2\n", "not valid YAML", "Duplicate field 'name'");
        assertRefused("- a\n- b\n", "must be a YAML mapping");
    }

    private static void assertRefused(String yaml, String... parts) {
        assertThatThrownBy(() -> MetalCoreConf.parse("test.yaml", yaml, SwitchOs.SONIC))
                .isInstanceOf(DomainException.Invalid.class)
                .message().contains(parts);
    }
}
