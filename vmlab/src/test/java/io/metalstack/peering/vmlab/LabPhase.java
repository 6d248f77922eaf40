package io.metalstack.peering.vmlab;

import io.metalstack.peering.model.SwitchId;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * One phase of a lab run: per leaf the rendered {@code frr.conf} and {@code interfaces}, and the "leaf vrf prefix"
 * lines the guest waits for (it stops waiting when the tables match or stop changing; the host asserts).
 */
record LabPhase(String name, SortedMap<SwitchId, String> frrConf, SortedMap<SwitchId, String> interfaces,
                SortedSet<String> expectedRoutes) {
    private static final Pattern NAME = Pattern.compile("[a-z0-9-]{1,40}");

    LabPhase {
        requireNonNull(name, "name is null");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("phase name must match " + NAME + ": " + name);
        }
        frrConf = Collections.unmodifiableSortedMap(new TreeMap<>(frrConf));
        interfaces = Collections.unmodifiableSortedMap(new TreeMap<>(interfaces));
        expectedRoutes = Collections.unmodifiableSortedSet(new TreeSet<>(expectedRoutes));
        if (!frrConf.keySet().equals(interfaces.keySet())) {
            throw new IllegalArgumentException("phase " + name + ": frr.conf for " + frrConf.keySet() + " but interfaces for " + interfaces.keySet());
        }
    }

    static LabPhase of(String name, Map<SwitchId, String> frrConf, Map<SwitchId, String> interfaces, SortedSet<String> expected) {
        return new LabPhase(name, new TreeMap<>(frrConf), new TreeMap<>(interfaces), expected);
    }
}
