package io.metalstack.peering.frr;

import io.metalstack.peering.model.status.Warning;
import io.metalstack.peering.model.DomainException;
import io.metalstack.peering.model.InterfaceAddress;
import io.metalstack.peering.model.IpPrefix;
import io.metalstack.peering.model.Ipv4Address;
import io.metalstack.peering.model.PortName;
import io.metalstack.peering.model.SwitchOs;
import io.metalstack.peering.model.Vni;
import io.metalstack.peering.model.plan.SwitchIntent;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The switch-local facts' own rules, and what each fact changes in the rendered frr.conf. */
class SwitchLocalTest {
    @Test
    void valuesParseAndPrintCanonically() {
        assertThat(VlanRange.parse(" 201-256 ").toString()).isEqualTo("201-256");
        assertThat(VlanRange.parse("300").toString()).isEqualTo("300");
        assertThat(VlanRange.parse("201-256").ids()).hasSize(56);
        assertThat(SyslogLevel.parse("WARN")).isEqualTo(SyslogLevel.WARNINGS).isEqualTo(SyslogLevel.parse("warnings"));
        assertThat(SwitchLocal.DEFAULTS.pxeVni()).isEqualTo(Vni.of(104000));
        assertThat(SwitchLocal.builder().pxeVlan(VlanId.of(966)).build().pxeVni()).isEqualTo(Vni.of(100966));
    }

    @Test
    void refusesWhatMetalCoreOrTheSwitchCannotUse() {
        assertRefused(() -> VlanId.parse("0"), "VLAN id 0 is out of range");
        assertRefused(() -> VlanId.parse("4095"), "4095");
        assertRefused(() -> VlanRange.parse("256-201"), "ends before it starts");
        assertRefused(() -> VlanRange.parse("201 - 256"), "\"201 - 256\"");
        assertRefused(() -> SyslogLevel.parse("notifications"), "\"notifications\" is unknown");
        assertRefused(() -> SwitchLocal.builder().pxeVlan(VlanId.of(1500)).build(), "PXE VLAN 1500 is in the range of tenant VLANs");
        assertRefused(() -> SwitchLocal.builder().pxeVlan(VlanId.of(966)).bridgeVids(List.of(VlanRange.parse("900-999"))).build(),
                "contain the PXE VLAN 966");
        assertRefused(() -> SwitchLocal.builder().managementRoutes(List.of(IpPrefix.parse("10.0.0.0/8"))).build(), "need a management gateway");
        assertRefused(() -> SwitchLocal.builder().managementGateway(Ipv4Address.parse("192.0.2.1"))
                .managementRoutes(List.of(IpPrefix.parse("2001:db8::/32"))).build(), "is not IPv4");
        assertRefused(() -> SwitchLocal.builder().managementAddress(InterfaceAddress.parse("2001:db8::5/64")).build(), "is not IPv4");
        assertRefused(() -> SwitchLocal.builder().metalCoreCidr(InterfaceAddress.parse("10.255.255.2")).build(), "has no length");
        assertRefused(() -> SwitchLocal.builder().bladePorts(List.of(PortName.parse("bridge"))).build(), "blade port bridge is not a switch port");
    }

    @Test
    void eachFactChangesItsLinesOnly() {
        SwitchIntent sonic = Fixtures.cases().get("no-peering").apply(SwitchOs.SONIC);
        SwitchIntent cumulus = Fixtures.cases().get("no-peering").apply(SwitchOs.CUMULUS);
        FrrRenderer r = new FrrRenderer();
        String plain = r.render(sonic).frrConf();
        assertThat(plain).contains("log syslog informational\n", "agentx\n", "password zebra\n", "line vty\n")
                .doesNotContain("ip route", "RM_SET_SRC", "service integrated-vtysh-config");
        SwitchLocal routed = SwitchLocal.builder().managementGateway(Ipv4Address.parse("192.0.2.1"))
                .managementRoutes(List.of(IpPrefix.parse("10.100.0.0/16"))).build();
        assertThat(r.render(sonic, routed).frrConf()).contains("!\nip route 0.0.0.0/0 192.0.2.1 nexthop-vrf mgmt\n"
                + "ip route 10.100.0.0/16 192.0.2.1 nexthop-vrf mgmt\n!\nvrf Vrf100\n");
        SwitchLocal src = SwitchLocal.builder().setSrcLoopback(true).logLevel(SyslogLevel.ERRORS).build();
        assertThat(r.render(sonic, src).frrConf()).contains("log syslog errors\n",
                "route-map RM_SET_SRC permit 10\n set src 10.0.0.11\nexit\n", "ip protocol bgp route-map RM_SET_SRC\n!\nline vty\n");
        // metal-core's Cumulus template renders no source-address policy
        assertThat(r.render(cumulus, src).frrConf()).doesNotContain("RM_SET_SRC").contains("username cumulus nopassword\n",
                "service integrated-vtysh-config\n", "log syslog errors\n").doesNotContain("agentx", "password zebra", "debug zebra");
    }

    @Test
    void aBridgeVidThatIsATenantVlanIsAWarning() {
        SwitchIntent leaf = Fixtures.cases().get("no-peering").apply(SwitchOs.CUMULUS);
        RenderedConfig r = new FrrRenderer().render(leaf, SwitchLocal.builder().bridgeVids(List.of(VlanRange.parse("1000-1001"))).build());
        assertThat(r.warnings()).extracting(Warning::toString).containsExactly("vrf 100: its VLAN 1001 is in the additional bridge VIDs 1000-1001");
    }

    private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String message) {
        assertThatThrownBy(call).isInstanceOf(DomainException.Invalid.class).hasMessageContaining(message);
    }
}
