package io.metalstack.peering.model.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * Hostile text for the tests of every module: the planner tests' strings (config syntax, JSON breakers, control and
 * bidi characters, unicode, 20,000 characters), and each of them appended to a value that would be valid on its own.
 */
public final class HostileValues {
    private HostileValues() {}

    public static List<String> texts() {
        return PlannerHostileInputTest.HOSTILE;
    }

    /** {@link #texts()} alone and behind {@code valid}, e.g. {@code 10.0.0.1\nrouter bgp 1...}. */
    public static List<String> around(String valid) {
        List<String> out = new ArrayList<>(texts());
        for (String h : texts()) {
            out.add(valid + h);
            out.add(valid + " " + h.strip());
        }
        return out.stream().filter(v -> !v.strip().equals(valid)).distinct().toList();
    }
}
