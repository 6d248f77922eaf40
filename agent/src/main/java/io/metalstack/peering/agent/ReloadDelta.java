package io.metalstack.peering.agent;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * FRR's own config differ, offline: {@code frr-reload.py --test --stdout --input RUNNING WANTED} prints the
 * "Lines To Delete" (already negated, each under its context) and "Lines To Add" that a reload would apply, without
 * talking to any daemon. The agent pushes the deletions and then the whole wanted file with {@code vtysh -f}
 * instead of letting {@code frr-reload.py --reload} push them line by line (see docs/agent.md: that crashes zebra
 * 8.4 with netns VRFs). A non-zero exit (the 8.4 script crashes on some diffs) is a failure, never ignored.
 */
final class ReloadDelta {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    /**
     * Lines a running config shows differently from the file that was pushed, with no effect on routing: vtysh does
     * not apply a pushed hostname, and the daemons add forwarding and vty lines of their own.
     */
    private static final Set<String> NOISE = Set.of("hostname", "ip forwarding", "ipv6 forwarding", "no ip forwarding",
            "no ipv6 forwarding", "service integrated-vtysh-config", "line vty", "exit", "end", "frr defaults datacenter",
            "frr version", "!");

    /** The two halves of a delta, as frr-reload prints them: each line with its leading context lines. */
    record Delta(List<String> delete, List<String> add) {
        Delta {
            delete = List.copyOf(delete);
            add = List.copyOf(add);
        }

        /** The added lines that matter: leaf commands (not their context headers) that are not known noise. */
        List<String> significantAdds() {
            return significant(add);
        }

        List<String> significantDeletes() {
            return significant(delete);
        }

        private static List<String> significant(List<String> lines) {
            List<String> out = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                boolean header = i + 1 < lines.size() && indent(lines.get(i + 1)) > indent(line);
                String bare = line.strip();
                if (!header && !bare.isEmpty() && NOISE.stream().noneMatch(n -> bare.equals(n) || bare.startsWith(n + " "))) {
                    out.add(bare);
                }
            }
            return out;
        }

        private static int indent(String line) {
            int i = 0;
            while (i < line.length() && line.charAt(i) == ' ') {
                i++;
            }
            return i;
        }
    }

    private final String script;

    ReloadDelta(String script) {
        this.script = requireNonNull(script, "script is null");
    }

    Delta between(Path running, Path wanted) {
        Command.Result r = Command.run(List.of(script, "--test", "--stdout", "--input", running.toString(), wanted.toString()), TIMEOUT);
        if (r.rc() != 0) {
            throw new IllegalStateException("frr-reload.py could not compute the delta: " + r.describe());
        }
        return parse(r.out());
    }

    static Delta parse(String out) {
        List<String> delete = new ArrayList<>();
        List<String> add = new ArrayList<>();
        List<String> current = null;
        List<String> lines = out.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            boolean underlined = i + 1 < lines.size() && lines.get(i + 1).matches("=+");
            if (line.equals("Lines To Delete") && underlined) {
                current = delete;
                i++;
            } else if (line.equals("Lines To Add") && underlined) {
                current = add;
                i++;
            } else if (current != null && !line.isBlank()) {
                current.add(line);
            }
        }
        return new Delta(delete, add);
    }
}
