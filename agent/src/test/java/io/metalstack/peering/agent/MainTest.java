package io.metalstack.peering.agent;

import io.metalstack.peering.frr.FrrRenderer;
import io.metalstack.peering.model.SwitchOs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code bin/metal-core}: the agent's options as before, the render subcommand, the switch-local options. */
class MainTest {
    private record Run(int rc, String out, String err) {}

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new Main()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err));
        int rc = cl.execute(args);
        return new Run(rc, out.toString(), err.toString());
    }

    @Test
    void theAgentStillNeedsSwitchAndApiUrl() {
        Run r = run("--target", "dir");
        assertThat(r.rc()).isEqualTo(2);
        assertThat(r.err()).contains("Missing required options: '--switch=<switchId>', '--api-url=<apiUrl>'");
        assertThat(run("--switch", "leaf01").err()).contains("Missing required option: '--api-url=<apiUrl>'");
    }

    @Test
    void aBadSwitchLocalFactStopsTheAgentBeforeItStarts() {
        Run r = run("--switch", "leaf01", "--api-url", "http://127.0.0.1:9", "--pxe-vlan-id", "1500");
        assertThat(r.rc()).isEqualTo(2);
        assertThat(r.err()).contains("PXE VLAN 1500 is in the range of tenant VLANs");
    }

    @Test
    void theDriftCheckIsDocumentedAndNeverNegative() {
        assertThat(run("--help").out()).contains("--drift-check", "default 10m");
        Run r = run("--switch", "leaf01", "--api-url", "http://127.0.0.1:9", "--drift-check", "-1m");
        assertThat(r.rc()).isEqualTo(2);
        // the one duration grammar (model Durations) has no sign: a negative value is refused as it is parsed
        assertThat(r.err()).contains("--drift-check", "\"-1m\" is not valid");
        assertThat(new Main.DurationConverter().convert("0")).isZero();
    }

    @Test
    void renderWritesTheFilesOfTheDialect(@TempDir Path dir) throws Exception {
        Path conf = MetalCoreParityTest.PARITY.resolve("lab/conf.yaml");
        Run sonic = run("render", "--conf", conf.toString(), "--os", "sonic", "--out", dir.toString());
        assertThat(sonic.rc()).as(sonic.err()).isZero();
        assertThat(Files.readString(dir.resolve("frr.conf"))).isEqualTo(RenderCommand.render(conf, SwitchOs.SONIC).frrConf())
                .contains("hostname lab-leaf02\n", "ip route 0.0.0.0/0 192.0.2.126 nexthop-vrf mgmt\n");
        assertThat(dir.resolve("config_db.json")).exists();
        Run cumulus = run("render", "--conf", conf.toString(), "--os", "Cumulus", "--out", dir.toString());
        assertThat(cumulus.rc()).isZero();
        assertThat(Files.readString(dir.resolve("interfaces"))).isEqualTo(RenderCommand.render(conf, SwitchOs.CUMULUS).file(FrrRenderer.INTERFACES));
        assertThat(dir.resolve("config_db.json")).as("the other dialect's file is removed").doesNotExist();
    }

    @Test
    void renderRefusesABadFileNamingTheField(@TempDir Path dir) throws Exception {
        Path conf = Files.writeString(dir.resolve("conf.yaml"), "name: leaf1\nloopback: 10.0.0.1\nasn: 4200000001\npxevlanid: 70000\n");
        Run r = run("render", "--conf", conf.toString(), "--os", "sonic", "--out", dir.resolve("out").toString());
        assertThat(r.rc()).isEqualTo(1);
        assertThat(r.err()).contains("field pxevlanid", "70000");
        assertThat(dir.resolve("out")).doesNotExist();
        assertThat(run("render", "--conf", conf.toString(), "--os", "junos", "--out", dir.toString()).rc()).isEqualTo(2);
    }
}
