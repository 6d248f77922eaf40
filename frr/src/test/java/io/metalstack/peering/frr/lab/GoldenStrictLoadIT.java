package io.metalstack.peering.frr.lab;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every golden {@code frr.conf} (both dialects) passes FRR's parser and loads into real daemons with
 * strict output checking: any line but the route-map forward-reference warning fails, naming file and line.
 */
class GoldenStrictLoadIT {
    static final Path GOLDEN = Path.of(System.getProperty("basedir", System.getProperty("user.dir")), "src", "test", "resources", "golden");

    /** A small leaf config in the renderer's shape: one VRF importing another through a route-map. */
    private static final String VALID = """
            frr defaults datacenter
            hostname leaf01
            !
            vrf vrf10
             vni 10
            exit-vrf
            !
            vrf vrf20
             vni 20
            exit-vrf
            !
            router bgp 4200000011
             bgp router-id 10.0.0.11
             address-family l2vpn evpn
              advertise-all-vni
             exit-address-family
            !
            router bgp 4200000011 vrf vrf10
             bgp router-id 10.0.0.11
             address-family ipv4 unicast
              redistribute connected
              import vrf route-map vrf10-import-map
              import vrf vrf20
             exit-address-family
            !
            router bgp 4200000011 vrf vrf20
             bgp router-id 10.0.0.11
             address-family ipv4 unicast
              redistribute connected
             exit-address-family
            !
            ip prefix-list vrf10-import-from-vrf20 seq 10 permit 10.20.0.0/22 le 32
            !
            route-map vrf10-import-map permit 10
             match source-vrf vrf20
             match ip address prefix-list vrf10-import-from-vrf20
            route-map vrf10-import-map deny 100
            """;

    private static FrrLab lab;
    private static StrictLoad strict;

    @BeforeAll
    static void startLab() {
        lab = FrrLab.start("golden");
        strict = new StrictLoad(lab);
    }

    @AfterAll
    static void closeLab() {
        if (lab != null) {
            lab.close();
        }
    }

    @TestFactory
    Stream<DynamicTest> everyGoldenFrrConfPassesTheParserAndLoadsStrictly() {
        List<Path> files = goldenFrrConfs();
        assertThat(files).as("golden frr.conf files under %s (the renderer's golden test writes them with -Dgolden.update=true)", GOLDEN)
                .isNotEmpty();
        return files.stream().map(file -> DynamicTest.dynamicTest(GOLDEN.relativize(file).toString(), () -> {
            FrrSyntax.Result syntax = FrrSyntax.check(file);
            assertThat(syntax.ok()).as("vtysh -C -f %s", file).withFailMessage("%s", syntax).isTrue();
            List<String> problems = strict.problems(file);
            assertThat(problems).as("lines FRR printed while loading %s", file).isEmpty();
        }));
    }

    /** The base of the negative tests is itself clean, so the failures below come from the one change each makes. */
    @Test
    void theValidBaseConfigLoadsWithoutProblems() {
        Path file = write("valid.conf", VALID);
        assertThat(FrrSyntax.check(file).ok()).isTrue();
        assertThat(strict.problems(file)).isEmpty();
    }

    @Test
    void aSelfImportPassesTheParserButTheStrictLoadCatchesIt() {
        Path file = write("self-import.conf", VALID.replace(" import vrf vrf20\n", " import vrf vrf10\n"));
        assertThat(FrrSyntax.check(file).ok()).as("vtysh -C sees no semantic error").isTrue();
        assertThat(strict.problems(file)).contains("% Cannot import vrf vrf10 into itself");
    }

    @Test
    void aPrefixListLeShorterThanTheLengthPassesTheParserButTheStrictLoadCatchesIt() {
        Path file = write("bad-le.conf", VALID.replace("10.20.0.0/22 le 32", "10.20.0.0/22 le 16"));
        assertThat(FrrSyntax.check(file).ok()).as("vtysh -C sees no semantic error").isTrue();
        assertThat(strict.problems(file)).anyMatch(l -> l.contains("Invalid prefix range for 10.20.0.0/22"));
    }

    @Test
    void theParserCatchesATypoWithItsLineNumber() {
        Path file = write("typo.conf", VALID.replace("  redistribute connected\n  import vrf route-map", "  redistribute conected\n  import vrf route-map"));
        FrrSyntax.Result syntax = FrrSyntax.check(file);
        assertThat(syntax.rc()).isEqualTo(2);
        assertThat(syntax.problems()).anyMatch(l -> l.startsWith("line 21:") && l.contains("Unknown command"));
    }

    static List<Path> goldenFrrConfs() {
        if (!Files.isDirectory(GOLDEN)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(GOLDEN)) {
            return files.filter(p -> p.getFileName().toString().equals("frr.conf")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + GOLDEN, e);
        }
    }

    private static Path write(String name, String config) {
        try {
            return Files.writeString(lab.dir().resolve(name), config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
