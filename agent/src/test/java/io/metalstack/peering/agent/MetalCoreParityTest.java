package io.metalstack.peering.agent;

import io.metalstack.peering.frr.FrrRenderer;
import io.metalstack.peering.frr.RenderedConfig;
import io.metalstack.peering.model.SwitchOs;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Parity with metal-core: three switches modelled on metal-core's own test cases dev, lab and notenants (our own names,
 * addresses and ports, under {@code src/test/resources/parity/<case>/}) are rendered through {@code bin/metal-core
 * render}'s path ({@link RenderCommand#render}: conf.yaml → {@link MetalCoreConf} → {@link FrrRenderer}) in both
 * dialects and compared with what metal-core's templates render for the same input ({@code sonic_frr.conf},
 * {@code cumulus_frr.conf}, {@code interfaces}, derived by hand from the templates), after {@link ConfigNormalizer}.
 * What remains must be exactly the case's reviewed list of deviations ({@code deviations}: dialect, file, reason,
 * {@code +} ours only / {@code -} metal-core's only, entry), each with one of the {@link #REASONS}: a new difference
 * fails, and so does a listed one that went away.
 */
class MetalCoreParityTest {
    static final Path PARITY = Path.of(System.getProperty("basedir", System.getProperty("user.dir")), "src", "test", "resources", "parity");
    static final List<String> CASES = List.of("dev", "lab", "notenants");

    /** Why we differ from metal-core, one line each; every listed deviation names one. */
    static final Map<String, String> REASONS = Map.of(
            "DEBUG", "FRR 8.4 shows `debug bgp updates` as `debug bgp updates in` and `... out`: we render what the running config shows, so the reload delta stays empty",
            "FABRIC-V6", "ours: FABRIC also active in the default VRF's ipv6 unicast (metal-core activates only FIREWALL there)",
            "FW-PER-FAMILY", "correctness: a firewall gets fw-<port>-in6 in ipv6 unicast (deny without IPv6 cidrs); metal-core applies its IPv4 map fw-<port>-in there",
            "ZONE", "MEP: zone preference, FABRIC-evpn-in raises local-preference of EVPN routes tagged with this switch's zone (LOCAL-ZONE)",
            "ORIGIN-CONNECTED", "MEP: origin tag on redistributed connected routes (<vrf>-connected)",
            "ORIGIN-MACHINE", "MEP: origin tag on machine-learned routes (set large-community in <vrf>-in/-in6)",
            "IPV6-PREFIX-LIST", "correctness: FRR rejects an IPv6 prefix in an `ip prefix-list`; ours is an `ipv6 prefix-list`");

    record Deviation(String os, String file, String reason, String difference) {
        @Override
        public String toString() {
            return os + " " + file + " " + reason + " " + difference;
        }
    }

    @TestFactory
    Stream<DynamicTest> ourRenderingEqualsMetalCoresUpToTheListedDeviations() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String c : CASES) {
            for (SwitchOs os : SwitchOs.values()) {
                String dialect = os.name().toLowerCase(Locale.ROOT);
                tests.add(DynamicTest.dynamicTest(c + "/" + dialect, () -> check(c, os, dialect)));
            }
        }
        return tests.stream();
    }

    private static void check(String c, SwitchOs os, String dialect) {
        RenderedConfig ours = RenderCommand.render(PARITY.resolve(c).resolve("conf.yaml"), os);
        assertThat(ours.warnings()).as("warnings").isEmpty();
        List<Deviation> listed = deviations(c);
        compare(c, dialect, FrrRenderer.FRR_CONF, read(c, dialect + "_frr.conf"), ours.frrConf(), listed);
        if (os == SwitchOs.CUMULUS) {
            compare(c, dialect, FrrRenderer.INTERFACES, read(c, "interfaces"), ours.file(FrrRenderer.INTERFACES), listed);
        }
    }

    private static void compare(String c, String dialect, String file, String theirs, String ours, List<Deviation> listed) {
        List<String> actual = ConfigNormalizer.differences(ConfigNormalizer.normalize(theirs), ConfigNormalizer.normalize(ours));
        List<String> expected = listed.stream().filter(d -> d.os().equals(dialect) && d.file().equals(file))
                .map(Deviation::difference).sorted().toList();
        assertThat(actual).as("%s/%s %s: differences to metal-core (list each in %s/deviations with a reason, or fix the renderer):%n%s",
                        c, dialect, file, c, actual.stream().map(d -> dialect + " " + file + " ? " + d).collect(Collectors.joining("\n")))
                .isEqualTo(expected);
    }

    /** The comparison can fail: our dev rendering without its management default route differs by exactly that route. */
    @Test
    void aDroppedManagementRouteIsADifference() {
        String ours = RenderCommand.render(PARITY.resolve("dev").resolve("conf.yaml"), SwitchOs.SONIC).frrConf();
        String route = "ip route 0.0.0.0/0 192.0.2.1 nexthop-vrf mgmt\n";
        assertThat(ours).contains(route);
        List<String> normal = ConfigNormalizer.normalize(ours);
        assertThat(ConfigNormalizer.differences(normal, ConfigNormalizer.normalize(ours.replace(route, ""))))
                .containsExactly("- ip route 0.0.0.0/0 192.0.2.1 nexthop-vrf mgmt");
    }

    @Test
    void theNormalizerDropsOnlyWhatItNames() {
        assertThat(ConfigNormalizer.normalize("""
                ! a comment
                # another
                router bgp 1
                 !
                 address-family ipv6 unicast
                  neighbor X activate
                 exit-address-family
                 neighbor X peer-group
                exit
                !
                ip prefix-list p seq 10 permit 10.0.0.0/8 le 32
                route-map m permit 10
                  match interface eth0
                end
                """)).containsExactly(
                "ip prefix-list p permit 10.0.0.0/8 le 32",
                "route-map m permit 10",
                "route-map m permit 10 > match interface eth0",
                "router bgp 1",
                "router bgp 1 > address-family ipv6 unicast",
                "router bgp 1 > address-family ipv6 unicast > neighbor X activate",
                "router bgp 1 > neighbor X peer-group");
    }

    @Test
    void everyListedDeviationHasAKnownReasonAndEveryReasonIsUsed() {
        List<Deviation> all = CASES.stream().flatMap(c -> deviations(c).stream()).toList();
        assertThat(all).allSatisfy(d -> assertThat(REASONS).as("reason of %s", d).containsKey(d.reason()));
        assertThat(all.stream().map(Deviation::reason).distinct()).containsExactlyInAnyOrderElementsOf(REASONS.keySet());
    }

    static List<Deviation> deviations(String c) {
        List<Deviation> out = new ArrayList<>();
        for (String line : read(c, "deviations").lines().toList()) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split(" ", 4);
            assertThat(f).as("deviation line %s: os file reason +|- entry", line).hasSize(4);
            assertThat(f[3]).as("deviation line %s", line).matches("[+-] .+");
            out.add(new Deviation(f[0], f[1], f[2], f[3]));
        }
        return out;
    }

    private static String read(String c, String file) {
        try {
            return Files.readString(PARITY.resolve(c).resolve(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
