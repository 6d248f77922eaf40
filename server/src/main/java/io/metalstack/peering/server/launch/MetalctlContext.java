package io.metalstack.peering.server.launch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.metalstack.peering.api.PrivateFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes metalctl contexts for this server: {@code current: <name>} and {@code contexts: {<name>: {url, token}}}.
 * A merge keeps the other contexts and sets {@code current} only where none is set.
 */
public final class MetalctlContext {

    static final String NAME = "metal-peering";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

    private MetalctlContext() {}

    /** Merges the context into {@code file} (created if missing). */
    static void merge(Path file, String url, String token) throws IOException {
        Map<String, Object> config = new LinkedHashMap<>();
        if (Files.exists(file) && Files.size(file) > 0) {
            Object read = YAML.readValue(file.toFile(), Object.class);
            if (read instanceof Map<?, ?> m) {
                m.forEach((k, v) -> config.put(String.valueOf(k), v));
            } else if (read != null) {
                throw new IOException(file + " is not a metalctl config (expected a mapping with current and contexts)");
            }
        }
        Map<String, Object> contexts = new LinkedHashMap<>();
        if (config.get("contexts") instanceof Map<?, ?> m) {
            m.forEach((k, v) -> contexts.put(String.valueOf(k), v));
        }
        Map<String, Object> ctx = new LinkedHashMap<>();
        ctx.put("url", url);
        ctx.put("token", token);
        contexts.put(NAME, ctx);
        Object current = config.get("current");
        config.put("current", current == null || current.toString().isBlank() ? NAME : current);
        config.put("contexts", contexts);
        // it holds the admin token: 0600, replaced atomically
        PrivateFiles.write(file, YAML.writeValueAsBytes(config));
    }
}
