package io.metalstack.peering.agent;

import io.metalstack.peering.frr.ProtectedDeletions;
import io.metalstack.peering.frr.ShownConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
     * not apply a pushed hostname, and the daemons add forwarding and vty lines of their own. {@code username X
     * nopassword} (Cumulus) is vtysh's own setting: {@code vtysh -f} accepts it, no daemon keeps it.
     */
    private static final Set<String> NOISE = Set.of("hostname", "ip forwarding", "ipv6 forwarding", "no ip forwarding",
            "no ipv6 forwarding", "service integrated-vtysh-config", "line vty", "exit", "end", "frr defaults datacenter",
            "frr version", "!", "netns", "log", "username");
    /** The two halves of a delta, as frr-reload prints them: each line with its leading context lines. */
    record Delta(List<String> delete, List<String> add) {
        Delta {
            delete = List.copyOf(delete);
            add = List.copyOf(add);
        }

        /**
         * The deletions to push, in order: the "Lines To Delete" without {@link ProtectedDeletions}, then the negated
         * lines frr-reload lists under "Lines To Add" (it spells some removals so, e.g. of prefix-list entries); each
         * with its context headers, none left empty.
         */
        List<String> deletionsToPush() {
            List<String> out = select(delete, l -> !ProtectedDeletions.contains(l), MGMT_CONTEXT);
            out.addAll(select(add, l -> l.startsWith("no ") && !ProtectedDeletions.contains(l), MGMT_CONTEXT));
            return out;
        }

        /** Context headers whose lines are never deleted: the management VRF's own configuration. */
        private static final java.util.function.Predicate<String> MGMT_CONTEXT = h -> h.strip().equals("vrf mgmt");

        /**
         * The leaf lines (stripped text) that {@code keep} accepts, each preceded by its not yet emitted headers; none
         * below a header that {@code protectedContext} names.
         */
        private static List<String> select(List<String> lines, java.util.function.Predicate<String> keep,
                                           java.util.function.Predicate<String> protectedContext) {
            List<String> out = new ArrayList<>();
            List<String> headers = new ArrayList<>();
            List<Boolean> emitted = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                int indent = indent(line);
                while (!headers.isEmpty() && indent(headers.get(headers.size() - 1)) >= indent) {
                    headers.remove(headers.size() - 1);
                    emitted.remove(emitted.size() - 1);
                }
                boolean header = i + 1 < lines.size() && indent(lines.get(i + 1)) > indent;
                if (header) {
                    headers.add(line);
                    emitted.add(false);
                } else if (keep.test(line.strip()) && headers.stream().noneMatch(protectedContext)) {
                    for (int h = 0; h < headers.size(); h++) {
                        if (!emitted.get(h)) {
                            out.add(headers.get(h));
                            emitted.set(h, true);
                        }
                    }
                    out.add(line);
                }
            }
            return out;
        }

        /**
         * The added lines that matter: leaf commands (not their context headers) that are not known noise, nor a
         * deletion the agent never pushes ({@link ProtectedDeletions}).
         */
        List<String> significantAdds() {
            return significant(add).stream().filter(l -> !ProtectedDeletions.contains(l)).toList();
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

    /**
     * The delta from the running config to the wanted one, both first put into {@link ShownConfig#comparable} form (in work files
     * next to {@code wanted}).
     */
    Delta between(Path running, Path wanted) {
        Path r1 = wanted.resolveSibling(wanted.getFileName() + ".cmp-running");
        Path w1 = wanted.resolveSibling(wanted.getFileName() + ".cmp-wanted");
        try {
            Files.writeString(r1, ShownConfig.comparable(Files.readString(running, StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
            Files.writeString(w1, ShownConfig.comparable(Files.readString(wanted, StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
            Command.Result r = Command.run(List.of(script, "--test", "--stdout", "--input", r1.toString(), w1.toString()), TIMEOUT);
            if (r.rc() != 0) {
                throw new IllegalStateException("frr-reload.py could not compute the delta: " + r.describe());
            }
            return parse(r.out());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the delta's work files next to " + wanted, e);
        } finally {
            try {
                Files.deleteIfExists(r1);
                Files.deleteIfExists(w1);
            } catch (IOException e) {
                // the work files are overwritten by the next delta
            }
        }
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
