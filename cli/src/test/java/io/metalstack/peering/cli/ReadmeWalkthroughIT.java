package io.metalstack.peering.cli;

import io.metalstack.peering.model.rules.PeeringRules;
import io.metalstack.peering.server.launch.EmbeddedMetalApi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's metalctl walkthrough, run verbatim: every {@code sh} block of the cli section, in order, through
 * {@code bin/metalctl} (the packaged jar, as a user runs it) against the real server on a random port.
 */
class ReadmeWalkthroughIT {
    private static final String ADMIN = "admin-secret-for-readme-it";

    @TempDir
    Path tmp;

    @Test
    void walkthroughRunsVerbatim() throws Exception {
        Path root = Path.of("").toAbsolutePath().getParent();
        Path readme = root.resolve("README.md");
        assertThat(readme).as("the repository's README.md").exists();
        String script = "set -e\n" + String.join("\n", shellBlocks(Files.readString(readme)));
        assertThat(script).contains("bin/metalctl network peering create --network1 privnet1 --network2 privnet2");

        Path work = Files.createDirectories(tmp.resolve("work"));
        Files.createDirectories(work.resolve("bin"));
        Files.createSymbolicLink(work.resolve("bin/metalctl"), root.resolve("bin/metalctl"));
        Path home = Files.createDirectories(tmp.resolve("home"));
        try (EmbeddedMetalApi server = EmbeddedMetalApi.start(EmbeddedMetalApi.h2Url(Files.createDirectories(tmp.resolve("data"))),
                ADMIN, PeeringRules.DEFAULT_QUOTA)) {
            ProcessBuilder pb = new ProcessBuilder("bash", "-c", script).directory(work.toFile()).redirectErrorStream(true);
            pb.environment().put(Connection.ENV_URL, server.url().toString());
            pb.environment().put(Connection.ENV_TOKEN, ADMIN);
            pb.environment().put("METALCTL_JAVA_OPTS", "-Duser.home=" + home);
            Process p = pb.start();
            p.getOutputStream().close();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
            assertThat(p.exitValue()).as("walkthrough output:\n%s", output).isZero();
            assertThat(output)
                    .contains("privnet1-to-privnet2", "privnet1-to-storage", "privnet1-to-internet", "privnet2-to-internet")
                    .contains("internet-to-as65001")
                    .doesNotContain("network2 is missing")
                    .contains("Error: network \"privnet3\" not found")
                    // owner approval: the requests await it, one is approved, the other rejected
                    .contains("privnet1-to-backup", "privnet2-to-backup", "awaiting-approval", "rejected")
                    // the peering graph: SVG into a file (through Graphviz), Mermaid on stdout
                    .contains("flowchart LR", "|\"privnet1-to-privnet2 (")
                    .contains("peering \"privnet1-to-storage\" updated", "peering \"privnet2-to-storage\" created")
                    .contains("peering \"privnet1-to-storage\" unchanged", "peering \"privnet2-to-storage\" unchanged")
                    .contains("stdin is not a terminal, pass --yes-i-really-mean-it to confirm\nexit code 5")
                    // --dry-run: the delete's verdict and exit01's diff, the create refused as the real one
                    .contains("dry run: the delete is admitted; nothing was changed\n", "==> exit01 <==\n",
                            "-router bgp 4200000099 vrf Vrf104009\n", "are already peered by peering")
                    .contains("omitted:", "IPv4: \"network \\\"privnet1\\\"")
                    // selective exchange: what the describe shows after create and update
                    .contains("Exchange:    network1: 10.0.1.0/24, 10.0.2.0/23\n             network2: 10.0.4.0/24\n")
                    .contains("==> config_db.json <==\n==> frr.conf <==\n neighbor 172.16.0.2 remote-as 65001\n==> frr.conf <==\n==> interfaces <==\n")
                    .contains("SWITCH  PHASE    REVISION  ERROR  MISSING  UNEXPECTED  LAST SYNC\nexit01  pending\n")
                    .contains("waiting for the delete of peering privnet2-to-internet: 0/1 switches synced\n"
                            + "Error: timed out after 1s waiting for the delete of peering privnet2-to-internet: 0/1 switches synced; "
                            + "the peering privnet2-to-internet was deleted: see `metalctl switch describe <switch>`\nexit code 6");
        }
    }

    /** The {@code ```sh} blocks between the cli section's markers. */
    static List<String> shellBlocks(String readme) {
        int start = readme.indexOf("<!-- section:cli (cli) -->");
        int end = readme.indexOf("<!-- /section:cli -->");
        assertThat(start).as("README has the cli section").isNotNegative();
        assertThat(end).isGreaterThan(start);
        Matcher m = Pattern.compile("(?ms)^```sh\\n(.*?)^```").matcher(readme.substring(start, end));
        List<String> blocks = new ArrayList<>();
        while (m.find()) {
            blocks.add(m.group(1));
        }
        return blocks;
    }
}
