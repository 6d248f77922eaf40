package io.metalstack.peering.agent;

import io.metalstack.peering.frr.SwitchLocal;
import io.metalstack.peering.frr.SyslogLevel;
import io.metalstack.peering.frr.VlanId;
import io.metalstack.peering.frr.VlanRange;
import io.metalstack.peering.model.DomainException;
import io.metalstack.peering.model.IpPrefix;
import io.metalstack.peering.model.PortName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The agent's switch-local facts: option, then metal-core's variable, then --switch-config, then the default. */
class SwitchLocalOptionsTest {
    private static SwitchLocal resolve(Map<String, String> env, String... args) {
        SwitchLocalOptions o = new SwitchLocalOptions();
        new CommandLine(o).parseArgs(args);
        return o.resolve(env::get);
    }

    @Test
    void nothingGivenIsMetalCoresDefaults() {
        assertThat(resolve(Map.of())).isEqualTo(SwitchLocal.DEFAULTS);
        assertThat(SwitchLocal.DEFAULTS.logLevel()).isEqualTo(SyslogLevel.INFORMATIONAL);
        assertThat(SwitchLocal.DEFAULTS.pxeVlan()).isEqualTo(VlanId.of(4000));
    }

    @Test
    void everyOption() {
        SwitchLocal l = resolve(Map.of(), "--log-level", "warn", "--management-address", "192.0.2.9/24", "--management-gateway", "192.0.2.1",
                "--additional-mgmt-routes", "10.1.0.0/16,10.2.0.0/16", "--metal-core-cidr", "10.255.255.2/24", "--set-src-loopback",
                "--pxe-vlan-id", "966", "--additional-bridge-vids", "201-256,300", "--additional-bridge-ports", "swp7,swp8");
        assertThat(l).isEqualTo(SwitchLocal.builder().logLevel(SyslogLevel.WARNINGS)
                .managementAddress(io.metalstack.peering.model.InterfaceAddress.parse("192.0.2.9/24"))
                .managementGateway(io.metalstack.peering.model.Ipv4Address.parse("192.0.2.1"))
                .managementRoutes(List.of(IpPrefix.parse("10.1.0.0/16"), IpPrefix.parse("10.2.0.0/16")))
                .metalCoreCidr(io.metalstack.peering.model.InterfaceAddress.parse("10.255.255.2/24"))
                .setSrcLoopback(true).pxeVlan(VlanId.of(966))
                .bridgeVids(List.of(VlanRange.parse("201-256"), VlanRange.parse("300")))
                .bladePorts(List.of(PortName.parse("swp7"), PortName.parse("swp8"))).build());
    }

    @Test
    void optionBeatsVariableBeatsFileBeatsDefault(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("local.yaml"), """
                log-level: error
                pxe-vlan-id: 911
                set-src-loopback: true
                additional-bridge-ports: [swp9]
                management-address: 192.0.2.5/24
                """);
        Map<String, String> env = Map.of("METAL_CORE_PXE_VLAN_ID", "922", "METAL_CORE_LOG_LEVEL", "debug");
        SwitchLocal l = resolve(env, "--switch-config", file.toString(), "--log-level", "warn");
        assertThat(l.logLevel()).isEqualTo(SyslogLevel.WARNINGS);
        assertThat(l.pxeVlan()).isEqualTo(VlanId.of(922));
        assertThat(l.setSrcLoopback()).isTrue();
        assertThat(l.bladePorts()).containsExactly(PortName.parse("swp9"));
        assertThat(l.managementAddress().orElseThrow().toString()).isEqualTo("192.0.2.5/24");
        assertThat(resolve(Map.of(), "--switch-config", file.toString()).pxeVlan()).isEqualTo(VlanId.of(911));
        assertThat(resolve(Map.of("METAL_CORE_SET_SRC_LOOPBACK", "false"), "--switch-config", file.toString()).setSrcLoopback()).isFalse();
    }

    @Test
    void refusalsNameTheOptionTheSourceAndTheValue(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> resolve(Map.of(), "--pxe-vlan-id", "abc")).isInstanceOf(DomainException.Invalid.class)
                .hasMessageContaining("--pxe-vlan-id").hasMessageContaining("\"abc\"");
        assertThatThrownBy(() -> resolve(Map.of("METAL_CORE_ADDITIONAL_BRIDGE_PORTS", "swp1,sw p2")))
                .hasMessageContaining("--additional-bridge-ports (from $METAL_CORE_ADDITIONAL_BRIDGE_PORTS)").hasMessageContaining("sw p2");
        assertThatThrownBy(() -> resolve(Map.of(), "--set-src-loopback=yes")).hasMessageContaining("--set-src-loopback").hasMessageContaining("\"yes\"");
        assertThatThrownBy(() -> resolve(Map.of(), "--management-address", "2001:db8::1/64")).hasMessageContaining("not IPv4");
        Path typo = Files.writeString(dir.resolve("typo.yaml"), "pxe-vlan: 911\n");
        assertThatThrownBy(() -> resolve(Map.of(), "--switch-config", typo.toString())).hasMessageContaining("field \"pxe-vlan\" is unknown");
        Path bad = Files.writeString(dir.resolve("bad.yaml"), "pxe-vlan-id: 99999\n");
        assertThatThrownBy(() -> resolve(Map.of(), "--pxe-vlan-id", "911", "--switch-config", bad.toString()))
                .as("a bad file value is refused even where an option wins").hasMessageContaining("field pxe-vlan-id");
    }
}
