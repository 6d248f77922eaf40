package io.metalstack.peering.frr;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.metalstack.peering.model.DomainException;
import io.metalstack.peering.model.IpPrefix;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reads FRR's {@code show bgp vrf all ipv4 unicast json} (or {@code ipv6}): {@code {vrfName: {vrfId, routes:
 * {prefix: [path, ...]}}}} in FRR 8.4. A valid path has {@code "valid": true} (an invalid one has no such key), the
 * best path {@code "bestpath": true}, and a leaked path names its source VRF in {@code nhVrfName}.
 */
public final class BgpTableParser {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The paths of every VRF, by VRF name; each VRF's paths sorted by prefix. */
    public SortedMap<String, List<BgpPath>> parse(String json) {
        JsonNode root;
        try {
            root = json == null ? null : JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw invalid("is not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw invalid("is not a JSON object of VRFs");
        }
        SortedMap<String, List<BgpPath>> vrfs = new TreeMap<>();
        for (Map.Entry<String, JsonNode> vrf : root.properties()) {
            JsonNode routes = vrf.getValue().get("routes");
            if (routes == null || !routes.isObject()) {
                throw invalid("has no \"routes\" object for VRF " + vrf.getKey());
            }
            List<BgpPath> paths = new ArrayList<>();
            for (Map.Entry<String, JsonNode> route : routes.properties()) {
                IpPrefix prefix = prefix(vrf.getKey(), route.getKey());
                if (!route.getValue().isArray()) {
                    throw invalid("has no path list for " + route.getKey() + " in VRF " + vrf.getKey());
                }
                for (JsonNode p : route.getValue()) {
                    String source = p.path("nhVrfName").asText("");
                    paths.add(new BgpPath(prefix, p.path("valid").asBoolean(false), p.path("bestpath").asBoolean(false),
                            source.isEmpty() ? Optional.empty() : Optional.of(source)));
                }
            }
            Collections.sort(paths);
            vrfs.put(vrf.getKey(), List.copyOf(paths));
        }
        return Collections.unmodifiableSortedMap(vrfs);
    }

    /** The prefixes of {@code vrf} that have at least one valid path; empty when the VRF is absent. */
    public static SortedSet<IpPrefix> validPrefixes(Map<String, List<BgpPath>> table, String vrf) {
        SortedSet<IpPrefix> valid = new TreeSet<>();
        table.getOrDefault(vrf, List.of()).stream().filter(BgpPath::valid).forEach(p -> valid.add(p.prefix()));
        return valid;
    }

    private static IpPrefix prefix(String vrf, String text) {
        try {
            return IpPrefix.parse(text);
        } catch (DomainException e) {
            throw invalid("has an invalid prefix " + text + " in VRF " + vrf + ": " + e.getMessage());
        }
    }

    private static IllegalArgumentException invalid(String what) {
        return new IllegalArgumentException("FRR output of 'show bgp vrf all ipv4|ipv6 unicast json' " + what);
    }
}
