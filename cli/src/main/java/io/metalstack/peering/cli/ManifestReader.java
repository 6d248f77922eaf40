package io.metalstack.peering.cli;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import io.metalstack.peering.model.Asn;
import io.metalstack.peering.model.BgpPeer;
import io.metalstack.peering.model.DomainException;
import io.metalstack.peering.model.InterfaceAddress;
import io.metalstack.peering.model.IpPrefix;
import io.metalstack.peering.model.Labels;
import io.metalstack.peering.model.PeeringType;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Reads MEP peering manifests for {@code apply -f} and {@code create -f}: multi-document YAML, or a YAML
 * (or JSON) list, or both. Any mistake is a usage error naming the document, the field and the value.
 */
final class ManifestReader {
    static final String API_VERSION = "metal-stack.io/v1";
    static final String KIND = "Peering";
    private static final Set<String> TOP = Set.of("apiVersion", "kind", "metadata", "spec");
    private static final Set<String> METADATA = Set.of("name", "labels");
    private static final Set<String> SPEC = Set.of("network1", "network2", "peeringType", "bgp", "exchange");
    private static final Set<String> EXCHANGE = Set.of("network1", "network2");
    private static final Set<String> BGP = Set.of("local", "remote");
    private static final Set<String> LOCAL = Set.of("as", "cidr", "port");
    private static final Set<String> REMOTE = Set.of("as", "cidr");

    private ManifestReader() {}

    /** {@code source} names the file in messages. */
    static List<PeeringManifest> read(String source, String text) {
        List<PeeringManifest> manifests = new ArrayList<>();
        try (JsonParser parser = Codecs.YAML.createParser(text)) {
            int doc = 0;
            while (parser.nextToken() != null) {
                JsonNode node = Codecs.YAML.readTree(parser);
                doc++;
                if (node == null || node.isNull() || node.isMissingNode() || (node.isTextual() && node.asText().isBlank())) {
                    continue;
                }
                if (node.isArray()) {
                    for (int i = 0; i < node.size(); i++) {
                        manifests.add(one(source + ": document " + doc + ", item " + (i + 1), node.get(i)));
                    }
                } else {
                    manifests.add(one(source + ": document " + doc, node));
                }
            }
        } catch (JacksonException e) {
            throw CliException.usage("%s is not valid YAML: %s", source, e.getOriginalMessage());
        } catch (IOException e) {
            throw CliException.usage("%s cannot be read: %s", source, e.getMessage());
        }
        if (manifests.isEmpty()) {
            throw CliException.usage("%s holds no manifest: expect documents with apiVersion: %s, kind: %s", source, API_VERSION, KIND);
        }
        return manifests;
    }

    private static PeeringManifest one(String where, JsonNode doc) {
        if (!doc.isObject()) {
            throw CliException.usage("%s is not a manifest (a mapping with apiVersion, kind, metadata, spec)", where);
        }
        known(where, "", doc, TOP);
        String apiVersion = text(where, doc, "apiVersion", true);
        if (!API_VERSION.equals(apiVersion)) {
            throw CliException.usage("%s: apiVersion \"%s\" is not supported: use %s", where, apiVersion, API_VERSION);
        }
        String kind = text(where, doc, "kind", true);
        if (!KIND.equals(kind)) {
            throw CliException.usage("%s: kind \"%s\" is not supported: use %s", where, kind, KIND);
        }
        JsonNode metadata = object(where, doc, "metadata", true);
        known(where, "metadata.", metadata, METADATA);
        String name = text(where, metadata, "metadata.name", true);
        Labels labels = labels(where, metadata.get("labels"));
        JsonNode spec = object(where, doc, "spec", true);
        known(where, "spec.", spec, SPEC);
        String network1 = text(where, spec, "spec.network1", true);
        Optional<String> network2 = Optional.ofNullable(text(where, spec, "spec.network2", false));
        JsonNode bgpNode = object(where, spec, "spec.bgp", false);
        Optional<PeeringManifest.Bgp> bgp = bgpNode == null ? Optional.empty() : Optional.of(bgp(where, bgpNode));
        String typeText = text(where, spec, "spec.peeringType", false);
        PeeringType type = typeText == null ? (bgp.isPresent() ? PeeringType.EXTERNAL : PeeringType.LOCAL)
                : value(where, "spec.peeringType", typeText, PeeringType::parse);
        JsonNode exchange = object(where, spec, "spec.exchange", false);
        if (exchange != null) {
            known(where, "spec.exchange.", exchange, EXCHANGE);
        }
        return new PeeringManifest(where, name, labels, network1, network2, type, bgp,
                prefixes(where, exchange, "spec.exchange.network1"), prefixes(where, exchange, "spec.exchange.network2"));
    }

    /** One side of {@code spec.exchange}: a list of prefixes; absent when the side (or the block) is left out. */
    private static Optional<List<IpPrefix>> prefixes(String where, JsonNode exchange, String path) {
        JsonNode node = exchange == null ? null : exchange.get(leaf(path));
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isArray()) {
            throw CliException.usage("%s: %s must be a list of prefixes, e.g. [10.0.8.0/24]", where, path);
        }
        List<IpPrefix> prefixes = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            if (item.isContainerNode()) {
                throw CliException.usage("%s: %s[%d] must be a prefix such as 10.0.8.0/24", where, path, i);
            }
            prefixes.add(value(where, path + "[" + i + "]", item.asText(), IpPrefix::parse));
        }
        return Optional.of(List.copyOf(prefixes));
    }

    private static PeeringManifest.Bgp bgp(String where, JsonNode bgp) {
        known(where, "spec.bgp.", bgp, BGP);
        JsonNode local = object(where, bgp, "spec.bgp.local", true);
        known(where, "spec.bgp.local.", local, LOCAL);
        JsonNode remote = object(where, bgp, "spec.bgp.remote", true);
        known(where, "spec.bgp.remote.", remote, REMOTE);
        return new PeeringManifest.Bgp(
                value(where, "spec.bgp.local.as", text(where, local, "spec.bgp.local.as", true), Asn::parse),
                value(where, "spec.bgp.local.cidr", text(where, local, "spec.bgp.local.cidr", true), InterfaceAddress::parse),
                value(where, "spec.bgp.local.port", text(where, local, "spec.bgp.local.port", true), BgpPeer::parsePort),
                value(where, "spec.bgp.remote.as", text(where, remote, "spec.bgp.remote.as", true), Asn::parse),
                value(where, "spec.bgp.remote.cidr", text(where, remote, "spec.bgp.remote.cidr", true), InterfaceAddress::parse));
    }

    private static <T> T value(String where, String field, String text, Function<String, T> parse) {
        try {
            return parse.apply(text);
        } catch (DomainException e) {
            throw CliException.usage("%s: %s: %s", where, field, e.getMessage());
        }
    }

    private static Labels labels(String where, JsonNode node) {
        if (node == null || node.isNull()) {
            return Labels.EMPTY;
        }
        if (!node.isObject()) {
            throw CliException.usage("%s: metadata.labels must be a mapping of key: value", where);
        }
        Map<String, String> labels = new TreeMap<>();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            if (e.getValue().isContainerNode()) {
                throw CliException.usage("%s: metadata.labels.%s must be a plain value", where, e.getKey());
            }
            labels.put(e.getKey(), e.getValue().asText());
        }
        return Labels.of(labels);
    }

    private static void known(String where, String prefix, JsonNode node, Set<String> allowed) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!allowed.contains(field)) {
                throw CliException.usage("%s: field %s%s is unknown: use %s", where, prefix, field,
                        allowed.stream().sorted().map(f -> prefix + f).toList());
            }
        }
    }

    private static JsonNode object(String where, JsonNode parent, String path, boolean required) {
        JsonNode node = parent.get(leaf(path));
        if (node == null || node.isNull()) {
            if (required) {
                throw CliException.usage("%s: %s is missing", where, path);
            }
            return null;
        }
        if (!node.isObject()) {
            throw CliException.usage("%s: %s must be a mapping", where, path);
        }
        return node;
    }

    private static String text(String where, JsonNode parent, String path, boolean required) {
        JsonNode node = parent.get(leaf(path));
        if (node == null || node.isNull() || (node.isTextual() && node.asText().isBlank())) {
            if (required) {
                throw CliException.usage("%s: %s is missing", where, path);
            }
            return null;
        }
        if (node.isContainerNode()) {
            throw CliException.usage("%s: %s must be a plain value, not a %s", where, path, node.isArray() ? "list" : "mapping");
        }
        return node.asText();
    }

    private static String leaf(String path) {
        return path.substring(path.lastIndexOf('.') + 1);
    }
}
