package io.metalstack.peering.cli;

import io.metalstack.peering.api.V1PeeringDryRun;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

class PeeringDryRunOutputTest {

    private static final String DIFF = "--- a/etc/frr/frr.conf\n+++ b/etc/frr/frr.conf\n@@ -1,2 +1,2 @@\n a\n-b\n+c\n";

    private static Environment env(Map<String, String> vars, Terminal terminal) {
        return new Environment(vars, Path.of("/nonexistent"), new ByteArrayInputStream(new byte[0]), new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter()), terminal, UnaryOperator.identity());
    }

    @Test
    void coloredOnlyOnATerminalWithoutNoColor() {
        Terminal tty = Invocation.answering("y");
        assertThat(PeeringDryRunOutput.colored(env(Map.of(), tty))).isTrue();
        assertThat(PeeringDryRunOutput.colored(env(Map.of("NO_COLOR", ""), tty))).isTrue();
        assertThat(PeeringDryRunOutput.colored(env(Map.of("NO_COLOR", "1"), tty))).isFalse();
        assertThat(PeeringDryRunOutput.colored(env(Map.of(), Terminal.NONE))).isFalse();
    }

    @Test
    void eachSwitchAfterItsNameAddedGreenRemovedRedHunksCyan() {
        List<V1PeeringDryRun> runs = List.of(new V1PeeringDryRun(null, List.of(new V1PeeringDryRun.SwitchDiff("leaf01", DIFF))));
        assertThat(PeeringDryRunOutput.diffs(runs, false)).isEqualTo("\n==> leaf01 <==\n" + DIFF);
        assertThat(PeeringDryRunOutput.diffs(runs, true)).isEqualTo("\n==> leaf01 <==\n--- a/etc/frr/frr.conf\n+++ b/etc/frr/frr.conf\n"
                + "\u001b[36m@@ -1,2 +1,2 @@\u001b[0m\n a\n\u001b[31m-b\u001b[0m\n\u001b[32m+c\u001b[0m\n");
        assertThat(PeeringDryRunOutput.diffs(List.of(new V1PeeringDryRun(null, List.of())), true))
                .isEqualTo("\nno switch's files would change\n");
    }
}
