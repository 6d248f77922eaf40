package io.metalstack.peering.frr;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * FRR's own parser on every golden {@code frr.conf} of both dialects: {@code vtysh -C -f FILE} (the
 * {@code --dryrun} metal-networker uses) must exit 0 and print nothing. Needs FRR installed; fails when it is not.
 */
class VtyshSyntaxIT {
    /** vtysh prints this when run by a user without /etc/frr/vtysh.conf; it says nothing about the file checked. */
    private static final String NO_VTYSH_CONF = "Can't open configuration file /etc/frr/vtysh.conf";

    record Result(int exitCode, String output) {}

    @BeforeAll
    static void vtyshIsInstalled() {
        try {
            run(List.of("vtysh", "--version"));
        } catch (UncheckedIOException e) {
            fail("vtysh is not installed (it checks the rendered FRR configs): install FRR, e.g. apt-get install -y frr frr-pythontools; " + e.getMessage());
        }
    }

    @TestFactory
    Stream<DynamicTest> everyGoldenFrrConfPassesVtysh() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(GoldenFilesTest.GOLDEN)) {
            files = s.filter(p -> p.getFileName().toString().equals(FrrRenderer.FRR_CONF)).sorted().toList();
        }
        assertThat(files).as("golden frr.conf files: every case x 2 dialects").hasSize(2 * Fixtures.cases().size());
        return files.stream().map(f -> DynamicTest.dynamicTest(GoldenFilesTest.GOLDEN.relativize(f).toString(), () -> {
            Result r = check(f);
            assertThat(r.output()).as("vtysh -C -f %s output", f).isEmpty();
            assertThat(r.exitCode()).as("vtysh -C -f %s exit code", f).isZero();
        }));
    }

    /** The gate must be able to fail: a typo in an otherwise valid rendered config is rejected. */
    @Test
    void aBrokenConfigFailsTheGate(@TempDir Path dir) throws IOException {
        String valid = new FrrRenderer().render(Fixtures.cases().get("private-private").apply(io.metalstack.peering.model.SwitchOs.SONIC)).frrConf();
        Path broken = dir.resolve("frr.conf");
        Files.writeString(broken, valid.replace(" import vrf route-map ", " import vrf route-mapp "), StandardCharsets.UTF_8);
        Result r = check(broken);
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.output()).contains("Unknown command");
    }

    static Result check(Path file) {
        Result r = run(List.of("vtysh", "-C", "-f", file.toAbsolutePath().toString()));
        String output = r.output().lines().filter(l -> !l.strip().equals(NO_VTYSH_CONF)).collect(Collectors.joining("\n"));
        return new Result(r.exitCode(), output);
    }

    private static Result run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(command + " did not finish");
            }
            return new Result(p.exitValue(), out.strip());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
