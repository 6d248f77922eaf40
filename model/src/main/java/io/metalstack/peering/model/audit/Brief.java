package io.metalstack.peering.model.audit;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The change of a write in brief, for the audit timeline: per field of a record that differs, {@code field: old → new}
 * when both are short, else {@code field changed}; a record-valued field is compared field by field ({@code bgp.remote}).
 * A secret (a field whose name holds password, secret or hash) is never shown, only that it changed. Pure.
 */
public final class Brief {

    /** Longer values are named, not shown. */
    static final int SHOWN_MAX = 60;
    /** Fields every update changes: the timeline has the time. */
    private static final List<String> SKIPPED = List.of("changed", "created");

    private Brief() {}

    /** What differs between two versions of one record ({@code before} empty: what a create set, its short fields). */
    public static String of(Optional<? extends Record> before, Record after) {
        List<String> out = new ArrayList<>();
        diff("", before.orElse(null), after, out);
        return out.isEmpty() && before.isPresent() ? NOTHING : String.join("; ", out);
    }

    /** The brief of an update that sent the stored values again. */
    public static final String NOTHING = "nothing changed";

    /** A deleted record in brief: its short fields, secrets left out. */
    public static String deleted(Record before) {
        List<String> out = new ArrayList<>();
        diff("", null, before, out);
        return String.join("; ", out);
    }

    private static void diff(String prefix, Record before, Record after, List<String> out) {
        for (RecordComponent c : after.getClass().getRecordComponents()) {
            String name = prefix + c.getName();
            if (SKIPPED.contains(name)) {
                continue;
            }
            Object a = unwrap(value(c, after));
            Object b = before == null ? null : unwrap(value(c, before));
            if (before != null && java.util.Objects.equals(a, b)) {
                continue;
            }
            if (secret(c.getName())) {
                if (before != null) {
                    out.add(name + " changed");
                }
                continue;
            }
            if (a instanceof Record ra && ra.getClass().getRecordComponents().length > 1 && (before == null || b instanceof Record)) {
                diff(name + ".", (Record) b, ra, out);
                continue;
            }
            String at = text(a);
            if (before == null) {
                if (a != null && !empty(a) && !at.isEmpty() && at.length() <= SHOWN_MAX) {
                    out.add(name + ": " + at);
                }
                continue;
            }
            String bt = text(b);
            out.add(bt.length() <= SHOWN_MAX && at.length() <= SHOWN_MAX ? name + ": " + shown(bt) + " → " + shown(at) : name + " changed");
        }
    }

    private static boolean secret(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.contains("password") || n.contains("secret") || n.contains("hash");
    }

    /**
     * The value to compare and show: an optional's content, and a value record of one field (a typed id such as
     * {@code NetworkId}, {@code Labels}) as that field.
     */
    private static Object unwrap(Object v) {
        Object x = v instanceof Optional<?> o ? o.orElse(null) : v;
        if (x instanceof Record r && r.getClass().getRecordComponents().length == 1) {
            return unwrap(value(r.getClass().getRecordComponents()[0], r));
        }
        return x;
    }

    private static boolean empty(Object v) {
        return v instanceof java.util.Collection<?> c && c.isEmpty() || v instanceof java.util.Map<?, ?> m && m.isEmpty();
    }

    private static String text(Object v) {
        return v == null ? "" : v.toString();
    }

    private static String shown(String text) {
        return text.isEmpty() ? "(none)" : text;
    }

    private static Object value(RecordComponent c, Record r) {
        try {
            java.lang.reflect.Method accessor = c.getAccessor();
            accessor.trySetAccessible();
            return accessor.invoke(r);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + c.getName() + " of " + r.getClass().getSimpleName(), e);
        }
    }
}
