package io.metalstack.peering.cli;

import io.metalstack.peering.api.V1Peering;
import io.metalstack.peering.api.V1PeeringDryRun;

import java.util.List;

/**
 * What {@code --dry-run} prints: the verdict, the peerings as they would be (as the real command prints them) and per
 * switch whose files would change the unified diff, after a {@code ==> switch <==} line. Colored (added lines green,
 * removed red, hunk headers cyan) only on a terminal and when {@code NO_COLOR} is unset; yaml/json print the answers.
 */
final class PeeringDryRunOutput {
    static final String GREEN = "\u001b[32m";
    static final String RED = "\u001b[31m";
    static final String CYAN = "\u001b[36m";
    static final String RESET = "\u001b[0m";

    private PeeringDryRunOutput() {
    }

    /** {@code --dry-run} with {@code --wait} is a usage error: nothing changes, nothing is to wait for. */
    static void refuseWait(boolean dryRun, Waiter waiter) {
        if (dryRun && waiter != null) {
            throw CliException.usage("--dry-run and --wait cannot be combined: a dry run changes nothing to wait for");
        }
    }

    static void print(Session session, String verb, List<V1PeeringDryRun> runs, TableView<V1Peering> view) {
        Printer printer = session.printer();
        printer.note("dry run: the " + verb + " is admitted; nothing was changed");
        printer.report(runs.stream().map(V1PeeringDryRun::peering).toList(), view, runs.size() == 1 ? runs.get(0) : runs,
                diffs(runs, colored(session.env())));
    }

    /** Colors only for a human at a terminal who did not ask for none (https://no-color.org). */
    static boolean colored(Environment env) {
        String noColor = env.variables().get("NO_COLOR");
        return env.terminal().interactive() && (noColor == null || noColor.isEmpty());
    }

    static String diffs(List<V1PeeringDryRun> runs, boolean colored) {
        StringBuilder out = new StringBuilder();
        boolean any = false;
        for (V1PeeringDryRun run : runs) {
            for (V1PeeringDryRun.SwitchDiff s : run.switches() == null ? List.<V1PeeringDryRun.SwitchDiff>of() : run.switches()) {
                any = true;
                out.append("\n==> ").append(s.switchid()).append(" <==\n");
                s.diff().lines().forEach(line -> out.append(colored ? color(line) : line).append('\n'));
            }
        }
        if (!any) {
            out.append("\nno switch's files would change\n");
        }
        return out.toString();
    }

    private static String color(String line) {
        if (line.startsWith("+++ ") || line.startsWith("--- ")) {
            return line;
        }
        String c = line.startsWith("+") ? GREEN : line.startsWith("-") ? RED : line.startsWith("@@") ? CYAN : null;
        return c == null ? line : c + line + RESET;
    }
}
