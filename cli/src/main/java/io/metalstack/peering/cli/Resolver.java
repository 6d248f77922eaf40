package io.metalstack.peering.cli;

import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * Finds the one object a command-line argument means: an exact id wins, else a unique name. No match or
 * several matches is a refusal that lists the candidates, so the user can retry with an id.
 */
record Resolver<T>(String kind, Function<T, String> id, Function<T, String> name, Function<T, String> detail) {
    private static final int MAX_CANDIDATES = 20;

    Resolver {
        requireNonNull(kind, "kind is null");
        requireNonNull(id, "id is null");
        requireNonNull(name, "name is null");
        requireNonNull(detail, "detail is null");
    }

    /** Without details: candidates are shown as {@code name (id)}. */
    Resolver(String kind, Function<T, String> id, Function<T, String> name) {
        this(kind, id, name, t -> "");
    }

    T resolve(String arg, List<T> all) {
        for (T t : all) {
            if (arg.equals(id.apply(t))) {
                return t;
            }
        }
        List<T> named = all.stream().filter(t -> arg.equals(name.apply(t))).toList();
        if (named.size() == 1) {
            return named.get(0);
        }
        if (named.isEmpty()) {
            throw CliException.refused("%s \"%s\" not found: no %s has this id or name; candidates: %s",
                    kind, arg, kind, candidates(all));
        }
        throw CliException.refused("%s name \"%s\" is ambiguous: %d %ss have it, use an id: %s",
                kind, arg, named.size(), kind, candidates(named));
    }

    /** {@code name (id, detail)} of each, sorted by name, detail, id; at most {@value #MAX_CANDIDATES}. */
    private String candidates(List<T> list) {
        if (list.isEmpty()) {
            return "none (there is no " + kind + " you can see)";
        }
        Comparator<T> order = Comparator.comparing((T t) -> text(name.apply(t))).thenComparing(t -> text(detail.apply(t)))
                .thenComparing(t -> text(id.apply(t)));
        List<String> all = list.stream().sorted(order).map(this::label).toList();
        String shown = all.stream().limit(MAX_CANDIDATES).collect(Collectors.joining(", "));
        return all.size() > MAX_CANDIDATES ? shown + ", ... (" + (all.size() - MAX_CANDIDATES) + " more)" : shown;
    }

    private String label(T t) {
        String n = text(name.apply(t));
        String d = text(detail.apply(t));
        String inner = id.apply(t) + (d.isEmpty() ? "" : ", " + d);
        return n.isEmpty() ? inner : n + " (" + inner + ")";
    }

    private static String text(String s) {
        return s == null ? "" : s;
    }
}
