package io.metalstack.peering.agent;

import io.metalstack.peering.agent.ApplyTarget.ApplyException;
import io.metalstack.peering.frr.Fixtures;
import io.metalstack.peering.frr.FrrRenderer;
import io.metalstack.peering.frr.RenderedConfig;
import io.metalstack.peering.model.SwitchOs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Cumulus OS apply against Debian's real ifupdown2, each test (each breakage) in an {@link IfupdownNamespace} (own
 * {@code /etc/network}, state and links; the host's networking is never touched). Needs root, ifupdown2 and util-linux
 * (scripts/install-deps.sh); fails, never skips, without them. The host kernel has no VRF devices, so a rendered leaf
 * passes ifupdown2's checks here but cannot be reloaded: its reload is the real failure the restore is tested with.
 */
class InterfacesApplierIT {
    /** A file this kernel can apply: a loopback address and a veth port's MTU. */
    private static final String SMALL = "auto lo\niface lo inet loopback\n    address 10.9.9.1/32\n\nauto swp1\niface swp1\n    mtu 9000\n";
    private static final String SMALL_CHANGED = SMALL.replace("10.9.9.1/32", "10.9.9.2/32").replace("mtu 9000", "mtu 9100");

    private static Path shared;
    private static IfupdownNamespace checks;

    @TempDir
    Path dir;

    @BeforeAll
    static void namespaceForTheChecks() throws IOException {
        shared = Files.createTempDirectory("ifupdown2-checks");
        checks = IfupdownNamespace.start(shared);
    }

    @AfterAll
    static void closeIt() throws IOException {
        if (checks != null) {
            checks.close();
        }
        try (Stream<Path> files = Files.walk(shared)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static RenderedConfig config(String interfaces) {
        return new RenderedConfig(new TreeMap<>(Map.of(FrrRenderer.INTERFACES, interfaces, FrrRenderer.FRR_CONF, "")), List.of());
    }

    private static String rendered(String fixture) {
        return new FrrRenderer().render(Fixtures.cases().get(fixture).apply(SwitchOs.CUMULUS)).file(FrrRenderer.INTERFACES);
    }

    @TestFactory
    Stream<DynamicTest> everyGoldenCaseRenderedForCumulusPassesIfupdown2() {
        assertThat(Fixtures.cases()).as("the golden cases (frr/src/test/resources/golden)").hasSizeGreaterThanOrEqualTo(9);
        Ifupdown2 ifupdown2 = checks.ifupdown2();
        return Fixtures.cases().keySet().stream().map(name -> DynamicTest.dynamicTest(name, () -> {
            Path file = shared.resolve(name + ".interfaces");
            Files.writeString(file, rendered(name));
            assertThat(ifupdown2.problems(file)).as("ifupdown2's problems with %s", name).isEmpty();
        }));
    }

    /** Each breakage of a valid rendered file; the text ifupdown2 (or the attribute check) says about it. */
    private record Breakage(String name, String from, String to, String expected) {}

    @TestFactory
    Stream<DynamicTest> aBrokenFileIsRefusedAndTheTargetFileIsUntouched() {
        String valid = rendered("three-peers");
        List<Breakage> breakages = List.of(
                new Breakage("unknown attribute", "    mtu 9216\n", "    mtuu 9216\n", "iface swp31: unknown attribute 'mtuu'"),
                new Breakage("bad address", "address 10.0.0.11/32", "address 10.0.0.300/32",
                        "lo: address: invalid value \"10.0.0.300/32\""),
                new Breakage("VLAN id out of range", "vlan-id 1001", "vlan-id 5000", "vlan1001: vlan-id: value of out range \"5000\""),
                new Breakage("bad MTU", "    mtu 9216\n", "    mtu jumbo\n", "invalid mtu jumbo"),
                new Breakage("line outside a stanza", "auto lo\n", "bogus line\nauto lo\n", "error processing line 'bogus line'"));
        return breakages.stream().map(b -> DynamicTest.dynamicTest(b.name(), () -> {
            assertThat(valid).contains(b.from());
            try (IfupdownNamespace ns = IfupdownNamespace.start(dir.resolve(b.name().replace(' ', '-')))) {
                Path target = ns.etc().resolve("interfaces");
                Files.writeString(target, SMALL);
                InterfacesApplier applier = new InterfacesApplier(target, ns.ifupdown2());

                assertThatThrownBy(() -> applier.apply(config(valid.replaceFirst(Pattern.quote(b.from()), b.to()))))
                        .isInstanceOf(ApplyException.class)
                        .hasMessageContaining("ifupdown2 refused the rendered interfaces file, " + target + " left as it was")
                        .hasMessageContaining(b.expected());

                assertThat(Files.readString(target)).isEqualTo(SMALL);
                try (Stream<Path> files = Files.list(ns.etc())) {
                    assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("interfaces", "ifupdown2");
                }
                assertThat(ns.reloads()).isZero();
            }
        }));
    }

    /**
     * Why the applier checks attribute names itself: Debian's ifupdown2 (addon_syntax_check=0) lets an unknown attribute
     * through {@code ifup --syntax-check}, and {@code ifquery -a -i} exits 0 even for a bad address.
     */
    @Test
    void ifupSyntaxCheckPassesAnUnknownAttributeAndIfqueryPassesABadAddress() throws IOException {
        Path unknown = dir.resolve("unknown");
        Files.writeString(unknown, rendered("three-peers").replace("    mtu 9216\n", "    mtuu 9216\n"));
        Path badAddress = dir.resolve("bad-address");
        Files.writeString(badAddress, rendered("three-peers").replace("address 10.0.0.11/32", "address 10.0.0.300/32"));

        assertThat(rc("ifup", "--syntax-check", "-a", "-i", unknown.toString())).isZero();
        assertThat(rc("ifquery", "-a", "-i", badAddress.toString())).isZero();
        assertThat(rc("ifup", "--syntax-check", "-a", "-i", badAddress.toString())).isNotZero();
    }

    private int rc(String... command) {
        List<String> cmd = new ArrayList<>(checks.prefix());
        cmd.addAll(List.of(command));
        return Command.run(cmd, Duration.ofMinutes(1)).rc();
    }

    @Test
    void appliesWithIfreloadAndReloadsOnlyAChangedFile() throws Exception {
        try (IfupdownNamespace ns = IfupdownNamespace.start(dir)) {
            Path target = ns.etc().resolve("interfaces");
            InterfacesApplier applier = new InterfacesApplier(target, ns.ifupdown2());

            applier.apply(config(SMALL));
            assertThat(ns.run("ip", "-o", "addr", "show", "dev", "lo")).contains("inet 10.9.9.1/32");
            assertThat(ns.run("ip", "-o", "link", "show", "dev", "swp1")).contains("mtu 9000");

            applier.apply(config(SMALL));
            assertThat(ns.reloads()).as("an unchanged file is not reloaded").isEqualTo(1);

            applier.apply(config(SMALL_CHANGED));
            assertThat(ns.run("ip", "-o", "addr", "show", "dev", "lo")).contains("inet 10.9.9.2/32").doesNotContain("10.9.9.1");
            assertThat(ns.run("ip", "-o", "link", "show", "dev", "swp1")).contains("mtu 9100");
            assertThat(Files.readString(target.resolveSibling("interfaces.bak"))).isEqualTo(SMALL);
            assertThat(ns.reloads()).isEqualTo(2);
        }
    }

    @Test
    void aReloadThatFailsPutsThePreviousFileBackAndReloadsIt() throws Exception {
        try (IfupdownNamespace ns = IfupdownNamespace.start(dir)) {
            Path target = ns.etc().resolve("interfaces");
            InterfacesApplier applier = new InterfacesApplier(target, ns.ifupdown2());
            applier.apply(config(SMALL));

            assertThatThrownBy(() -> applier.apply(config(rendered("three-peers"))))
                    .isInstanceOf(ApplyException.class)
                    .hasMessageContaining("the reload failed")
                    .hasMessageContaining("vrf100: create failed")
                    .hasMessageContaining("the previous " + target + " was restored and reloaded");

            assertThat(Files.readString(target)).isEqualTo(SMALL);
            assertThat(ns.reloads()).as("the apply, the failed reload, the restore").isEqualTo(3);
            assertThat(ns.run("ip", "-o", "addr", "show", "dev", "lo")).contains("inet 10.9.9.1/32");
            assertThat(ns.run("ip", "-o", "link", "show", "dev", "swp1")).contains("mtu 9000");
        }
    }

    @Test
    void revertPutsThePreviousFileBackIntoTheRunningInterfaces() throws Exception {
        try (IfupdownNamespace ns = IfupdownNamespace.start(dir)) {
            Path target = ns.etc().resolve("interfaces");
            InterfacesApplier applier = new InterfacesApplier(target, ns.ifupdown2());
            applier.apply(config(SMALL));
            applier.apply(config(SMALL_CHANGED));

            applier.revert();

            assertThat(Files.readString(target)).isEqualTo(SMALL);
            assertThat(ns.run("ip", "-o", "addr", "show", "dev", "lo")).contains("inet 10.9.9.1/32").doesNotContain("10.9.9.2");
            assertThat(ns.run("ip", "-o", "link", "show", "dev", "swp1")).contains("mtu 9000");
            assertThat(ns.reloads()).isEqualTo(3);
        }
    }
}
