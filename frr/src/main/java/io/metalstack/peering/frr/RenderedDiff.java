package io.metalstack.peering.frr;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;

import java.util.List;
import java.util.SortedMap;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * The unified diff between two renderings of one switch ({@link RenderedConfig#files()}), as a patch of the files where
 * they lie on the switch ({@code a/etc/frr/frr.conf}, {@code b/etc/frr/frr.conf}), {@value #CONTEXT} lines of context.
 * Secrets never reach it: a BGP session's password is masked on both sides before the lines are compared, so a diff
 * shows that a password line comes or goes, never its value. Pure: the same files give the same text.
 */
public final class RenderedDiff {

    /** Lines of context around each change, as {@code diff -u}. */
    public static final int CONTEXT = 3;
    /** What a masked secret reads as. */
    public static final String MASKED = "<hidden>";

    private static final Pattern PASSWORD = Pattern.compile("^(\\s*neighbor \\S+ password )\\S+$");

    private RenderedDiff() {
    }

    /** The diff of every file either side has, in file-name order; empty when they are equal. */
    public static String unified(SortedMap<String, String> before, SortedMap<String, String> after) {
        return unified(before, after, UnaryOperator.identity());
    }

    /**
     * The same, with {@code redact} applied to every line of both sides after the secrets are masked (a caller's view:
     * what it may not see replaced); a change that redaction makes invisible is no change.
     */
    public static String unified(SortedMap<String, String> before, SortedMap<String, String> after, UnaryOperator<String> redact) {
        requireNonNull(before, "before is null");
        requireNonNull(after, "after is null");
        requireNonNull(redact, "redact is null");
        TreeSet<String> names = new TreeSet<>(before.keySet());
        names.addAll(after.keySet());
        StringBuilder out = new StringBuilder();
        for (String name : names) {
            List<String> a = lines(before.getOrDefault(name, ""), redact);
            List<String> b = lines(after.getOrDefault(name, ""), redact);
            Patch<String> patch = DiffUtils.diff(a, b);
            if (patch.getDeltas().isEmpty()) {
                continue;
            }
            String path = path(name);
            for (String line : UnifiedDiffUtils.generateUnifiedDiff("a/" + path, "b/" + path, a, patch, CONTEXT)) {
                out.append(line).append('\n');
            }
        }
        return out.toString();
    }

    /** Where a rendered file lies on the switch: {@code etc/frr/frr.conf}, {@code etc/sonic/config_db.json}, {@code etc/network/interfaces}. */
    public static String path(String file) {
        return switch (file) {
            case FrrRenderer.FRR_CONF -> "etc/frr/" + file;
            case FrrRenderer.CONFIG_DB -> "etc/sonic/" + file;
            case FrrRenderer.INTERFACES -> "etc/network/" + file;
            default -> throw new IllegalArgumentException("no rendered file " + file);
        };
    }

    /** A line with a BGP session's password masked. */
    static String masked(String line) {
        Matcher m = PASSWORD.matcher(line);
        return m.matches() ? m.group(1) + MASKED : line;
    }

    private static List<String> lines(String text, UnaryOperator<String> redact) {
        return text.lines().map(RenderedDiff::masked).map(redact).toList();
    }
}
