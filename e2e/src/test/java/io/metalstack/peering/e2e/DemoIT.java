package io.metalstack.peering.e2e;

import io.metalstack.peering.api.MetalApiClient;
import io.metalstack.peering.api.V1Network;
import io.metalstack.peering.frr.lab.Poll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The main job as a user runs it: {@code bin/metal-api --demo} (the server seeds the demo partition and
 * the script starts one {@code bin/metal-core} per switch in directory mode), then the MEP's four commands verbatim
 * through {@code bin/metalctl}. Checks that a peering reaches the leaves' rendered {@code frr.conf} within seconds, the
 * external session the exit switch's, that stopping the script stops every agent, and that a restart seeds nothing
 * twice. Needs the server, agent and cli jars (the reactor builds them before this module's integration tests).
 */
class DemoIT {
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    @Test
    void theDemoRunsTheMepCommandsAndSeedsOnce(@TempDir Path tmp) throws Exception {
        Path data = tmp.resolve("data");
        Demo first = Demo.start(data, tmp.resolve("first.log"));
        String admin;
        try {
            admin = Files.readString(data.resolve("admin-token")).trim();
            MetalApiClient api = new MetalApiClient(first.url(), admin);
            V1Network privnet1 = network(api, "privnet1"), privnet2 = network(api, "privnet2");
            Path leaf01 = data.resolve("switches/leaf01/frr.conf"), exit01 = data.resolve("switches/exit01/frr.conf");
            assertThat(read(leaf01)).contains("vrf Vrf" + privnet1.vrf(), "vrf Vrf" + privnet2.vrf())
                    .doesNotContain("import vrf Vrf" + privnet2.vrf());

            long t0 = System.nanoTime();
            metalctl(first, admin, "network", "peering", "create", "--network1", "privnet1", "--network2", "privnet2");
            String after = Poll.until(Duration.ofSeconds(15), () -> read(leaf01), c -> c.contains("import vrf Vrf" + privnet2.vrf()));
            System.out.printf("demo: peering in leaf01's frr.conf %d ms after metalctl started%n", (System.nanoTime() - t0) / 1_000_000);
            assertThat(after).contains("import vrf Vrf" + privnet2.vrf());
            metalctl(first, admin, "network", "peering", "create", "--network1", "privnet1", "--network2", "storage");
            metalctl(first, admin, "network", "peering", "create", "--network1", "privnet1", "--network2", "internet");
            metalctl(first, admin, "network", "peering", "create", "--network1", "internet", "--localAs", "65000", "--localCidr",
                    "172.16.0.1", "--localPort", "Ethernet0@exit01", "--remoteAs", "65001", "--remoteCidr", "172.16.0.2");
            assertThat(Poll.until(Duration.ofSeconds(15), () -> read(exit01), c -> c.contains("neighbor 172.16.0.2 remote-as 65001")))
                    .contains("neighbor 172.16.0.2 remote-as 65001");
            assertThat(api.peerings().list()).hasSize(4);
        } finally {
            first.stop();
        }

        Demo second = Demo.start(data, tmp.resolve("second.log"));
        try {
            assertThat(Files.readString(tmp.resolve("second.log"))).contains("demo: partition fra-equ01 already seeded");
            MetalApiClient api = new MetalApiClient(second.url(), admin);
            assertThat(api.partitions().list()).hasSize(1);
            assertThat(api.switches().list()).hasSize(5);
            assertThat(api.machines().list()).hasSize(5);
            assertThat(api.networks().list().stream().filter(n -> n.name().equals("privnet1"))).hasSize(1);
            assertThat(api.peerings().list()).hasSize(4);
        } finally {
            second.stop();
        }
    }

    private static V1Network network(MetalApiClient api, String name) {
        return api.networks().list().stream().filter(n -> n.name().equals(name)).findFirst().orElseThrow();
    }

    private static String read(Path p) {
        try {
            return Files.exists(p) ? Files.readString(p) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void metalctl(Demo demo, String token, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", ROOT.resolve("bin/metalctl").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("METALCTL_API_URL", demo.url().toString());
        pb.environment().put("METALCTL_API_TOKEN", token);
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("metalctl %s", String.join(" ", args)).isTrue();
        assertThat(p.exitValue()).as("metalctl %s:\n%s", String.join(" ", args), out).isZero();
    }

    /** A running {@code bin/metal-api --demo} with its agents. */
    private record Demo(Process process, URI url, Path log) {

        static Demo start(Path data, Path log) throws Exception {
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            Process p = new ProcessBuilder("bash", ROOT.resolve("bin/metal-api").toString(), "--demo", "--port", String.valueOf(port),
                    "--data-dir", data.toString(), "--no-metalctl-config").redirectErrorStream(true).redirectOutput(log.toFile()).start();
            Demo demo = new Demo(p, URI.create("http://localhost:" + port), log);
            // the script has started every agent (after the seed), and every agent has written its switch's config
            Poll.until(Duration.ofSeconds(90), () -> read(log).contains("demo: try") || !p.isAlive(), x -> x);
            for (String sw : List.of("exit01", "leaf01", "leaf02", "leaf03", "leaf04")) {
                Path conf = data.resolve("switches").resolve(sw).resolve("frr.conf");
                Poll.until(Duration.ofSeconds(90), () -> Files.exists(conf) || !p.isAlive(), x -> x);
                if (!Files.exists(conf) || !p.isAlive()) {
                    String output = Files.readString(log);
                    demo.stop();
                    throw new AssertionError("no " + conf + " (demo " + (p.isAlive() ? "running" : "exited") + "); demo output:\n" + output);
                }
            }
            return demo;
        }

        /** SIGTERM to the script: it stops the agents and the server; none of them may survive. */
        void stop() throws Exception {
            List<ProcessHandle> children = process.descendants().toList();
            process.destroy();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the demo stops on SIGTERM").isTrue();
            for (ProcessHandle h : children) {
                h.onExit().get(30, TimeUnit.SECONDS);
                assertThat(h.isAlive()).as("process %s of the demo", h.info().commandLine().orElse("?")).isFalse();
            }
            assertThat(children).as("the server and five agents").hasSizeGreaterThanOrEqualTo(6);
        }
    }
}
