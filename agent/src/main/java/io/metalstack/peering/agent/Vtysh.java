package io.metalstack.peering.agent;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * FRR's shell, pointed at one set of daemons by their vty socket directory. {@code vtysh -f}'s exit code is 0 for
 * several real errors in FRR 8.4, so a load is judged by its output: every line but the benign forward-reference
 * warning {@code The route-map 'X' does not exist.} is a problem.
 */
final class Vtysh {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Pattern BENIGN = Pattern.compile(
            "^(The route-map '[^']+' does not exist\\.|Can't open configuration file /etc/frr/vtysh\\.conf\\.?)$");

    private final String binary;
    private final Path socketDir;

    /** @param socketDir the daemons' {@code --vty_socket} directory; null for the default ({@code /var/run/frr}) */
    Vtysh(String binary, Path socketDir) {
        this.binary = requireNonNull(binary, "binary is null");
        this.socketDir = socketDir;
    }

    /** {@code vtysh -C -f file}: FRR's parser without daemons; the problems it printed, empty when the file is valid. */
    List<String> syntaxProblems(Path file) {
        Command.Result r = Command.run(List.of(binary, "-C", "-f", file.toString()), TIMEOUT);
        List<String> problems = new ArrayList<>(problems(r.err()));
        if (r.rc() != 0 && problems.isEmpty()) {
            problems.add("vtysh -C exited " + r.rc());
        }
        return problems;
    }

    /** Pushes a config file into the running daemons; the non-benign lines FRR printed (empty: accepted). */
    List<String> load(Path file) {
        Command.Result r = Command.run(withSocket("-f", file.toString()), TIMEOUT);
        List<String> problems = new ArrayList<>(problems(r.out()));
        problems.addAll(problems(r.err()));
        return problems;
    }

    /**
     * Applies {@code commands} (config lines, indented or not, starting at the configure node) in one vtysh session, one
     * {@code -c} each after {@code configure terminal}. vtysh parses each line against FRR's grammar before it sends it
     * to a daemon, and in this mode stops at the first line that is refused or fails (exit code 1): no line after it is
     * sent. A line a daemon answers with a warning (e.g. {@code % Cannot import vrf X into itself}) does not stop it.
     * Returns the problems: every non-benign line printed, and the exit code when it is not 0.
     */
    List<String> configure(List<String> commands) {
        List<String> args = new ArrayList<>(List.of("-c", "configure terminal"));
        for (String c : commands) {
            args.addAll(List.of("-c", c));
        }
        args.addAll(List.of("-c", "end"));
        Command.Result r = Command.run(withSocket(args.toArray(String[]::new)), TIMEOUT);
        List<String> problems = new ArrayList<>(problems(r.out()));
        problems.addAll(problems(r.err()));
        if (r.rc() != 0) {
            problems.add("vtysh stopped at the refused line and exited " + r.rc() + ": the lines after it were not applied");
        }
        return problems;
    }

    /** Runs {@code show ...} commands in one vtysh process, their outputs one after the other; throws when vtysh fails. */
    String show(String... commands) {
        List<String> args = new ArrayList<>();
        for (String c : commands) {
            args.addAll(List.of("-c", c));
        }
        Command.Result r = Command.run(withSocket(args.toArray(String[]::new)), TIMEOUT);
        if (r.rc() != 0) {
            throw new IllegalStateException("vtysh failed: " + r.describe());
        }
        return r.out();
    }

    String runningConfig() {
        return show("show running-config no-header");
    }

    Path socketDir() {
        return socketDir;
    }

    private List<String> withSocket(String... args) {
        List<String> cmd = new ArrayList<>(List.of(binary));
        if (socketDir != null) {
            cmd.addAll(List.of("--vty_socket", socketDir.toString()));
        }
        cmd.addAll(List.of(args));
        return cmd;
    }

    static List<String> problems(String output) {
        return output.lines().map(String::strip).filter(l -> !l.isEmpty() && !BENIGN.matcher(l).matches()).toList();
    }
}
