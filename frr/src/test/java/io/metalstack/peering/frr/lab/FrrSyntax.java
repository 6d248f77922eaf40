package io.metalstack.peering.frr.lab;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * FRR's own parser without daemons: {@code vtysh -C -f FILE} (what metal-networker calls {@code --dryrun}). It catches
 * unknown, misplaced, incomplete and ambiguous commands and bad tokens; it finds no semantic errors (use
 * {@link StrictLoad} for those). Needs FRR installed, not root.
 */
public final class FrrSyntax {
    /** vtysh complains about its own missing config file on hosts without /etc/frr/vtysh.conf; not about ours. */
    private static final Pattern BENIGN = Pattern.compile("^Can't open configuration file /etc/frr/vtysh\\.conf\\.?$");

    private FrrSyntax() {}

    /**
     * The parser's verdict: {@code rc} 0 means valid (2 unknown command, 3 ambiguous, 4 incomplete), and
     * {@code stderr} holds lines such as {@code line 60: % Unknown command[25]: neighbr ...}.
     */
    public record Result(Path file, int rc, List<String> stderr) {
        public Result {
            requireNonNull(file, "file is null");
            stderr = List.copyOf(stderr);
        }

        /** Valid: rc 0 and nothing on stderr but the vtysh.conf notice. */
        public boolean ok() {
            return rc == 0 && problems().isEmpty();
        }

        public List<String> problems() {
            return stderr.stream().filter(l -> !l.isBlank() && !BENIGN.matcher(l.strip()).matches()).toList();
        }

        @Override
        public String toString() {
            return file + ": vtysh -C rc " + rc + (stderr.isEmpty() ? "" : ", stderr:\n  " + String.join("\n  ", stderr));
        }
    }

    public static Result check(Path file) {
        if (FrrLab.onPath("vtysh") == null) {
            throw new IllegalStateException("vtysh is not installed: apt-get install -y frr (scripts/test.sh does this in CI)");
        }
        Exec.Result r = Exec.run(List.of("vtysh", "-C", "-f", file.toString()), false, Duration.ofSeconds(30));
        return new Result(file, r.rc(), r.errLines());
    }
}
