package io.metalstack.peering.frr.lab;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

import static java.util.Objects.requireNonNull;

/**
 * The BGP tables of every VRF as {@code show bgp vrf all ipv4|ipv6 unicast json} prints them in FRR 8.4:
 * {@code {vrfName: {vrfId, routes: {prefix: [path, ...]}}}}. A valid path has {@code "valid": true} (an invalid one
 * has no such key); a path leaked from another VRF names it in {@code nhVrfName}.
 */
public record BgpTables(SortedMap<String, SortedMap<String, List<BgpTables.Path>>> vrfs) {

    /** One path of a prefix; {@code sourceVrf} is the VRF it was leaked from, empty for a route of the VRF itself. */
    public record Path(boolean valid, boolean best, Optional<String> sourceVrf) {
        public Path {
            requireNonNull(sourceVrf, "sourceVrf is null");
        }
    }

    public BgpTables {
        SortedMap<String, SortedMap<String, List<Path>>> copy = new TreeMap<>();
        vrfs.forEach((vrf, routes) -> {
            SortedMap<String, List<Path>> r = new TreeMap<>();
            routes.forEach((prefix, paths) -> r.put(prefix, List.copyOf(paths)));
            copy.put(vrf, Collections.unmodifiableSortedMap(r));
        });
        vrfs = Collections.unmodifiableSortedMap(copy);
    }

    public static BgpTables parse(JsonNode vrfAll) {
        SortedMap<String, SortedMap<String, List<Path>>> vrfs = new TreeMap<>();
        for (Map.Entry<String, JsonNode> vrf : vrfAll.properties()) {
            SortedMap<String, List<Path>> routes = new TreeMap<>();
            for (Map.Entry<String, JsonNode> route : vrf.getValue().path("routes").properties()) {
                List<Path> paths = new ArrayList<>();
                for (JsonNode p : route.getValue()) {
                    String source = p.path("nhVrfName").asText("");
                    paths.add(new Path(p.path("valid").asBoolean(false), p.path("bestpath").asBoolean(false),
                            source.isEmpty() ? Optional.empty() : Optional.of(source)));
                }
                routes.put(route.getKey(), paths);
            }
            vrfs.put(vrf.getKey(), routes);
        }
        return new BgpTables(vrfs);
    }

    /** Prefixes of {@code vrf} with at least one valid path; empty when FRR shows no such VRF. */
    public SortedSet<String> validPrefixes(String vrf) {
        SortedSet<String> valid = new TreeSet<>();
        vrfs.getOrDefault(vrf, Collections.emptySortedMap()).forEach((prefix, paths) -> {
            if (paths.stream().anyMatch(Path::valid)) {
                valid.add(prefix);
            }
        });
        return valid;
    }

    /** The VRFs a valid path of {@code prefix} in {@code vrf} was leaked from. */
    public SortedSet<String> leakedFrom(String vrf, String prefix) {
        SortedSet<String> sources = new TreeSet<>();
        vrfs.getOrDefault(vrf, Collections.emptySortedMap()).getOrDefault(prefix, List.of()).stream()
                .filter(Path::valid).forEach(p -> p.sourceVrf().ifPresent(sources::add));
        return sources;
    }

    /** Both tables side by side; prefixes of the two families never collide. */
    public BgpTables merge(BgpTables other) {
        SortedMap<String, SortedMap<String, List<Path>>> all = new TreeMap<>();
        for (BgpTables t : List.of(this, other)) {
            t.vrfs.forEach((vrf, routes) -> all.computeIfAbsent(vrf, v -> new TreeMap<>()).putAll(routes));
        }
        return new BgpTables(all);
    }

    /** Reads both unicast families of every VRF from a running instance. */
    public static BgpTables read(FrrInstance frr) {
        return parse(frr.json("show bgp vrf all ipv4 unicast json")).merge(parse(frr.json("show bgp vrf all ipv6 unicast json")));
    }
}
