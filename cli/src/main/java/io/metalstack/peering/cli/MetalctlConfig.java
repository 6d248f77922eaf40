package io.metalstack.peering.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JacksonException;
import io.metalstack.peering.api.PrivateFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code ~/.metalctl/config.yaml}:
 * <pre>
 * current: local
 * contexts:
 *   local: {url: http://localhost:8080, token: ...}
 * </pre>
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record MetalctlConfig(String current, Map<String, Context> contexts) {
    static final MetalctlConfig EMPTY = new MetalctlConfig(null, Map.of());

    MetalctlConfig {
        contexts = contexts == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(contexts));
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Context(String url, String token) {}

    static Path defaultPath(Path home) {
        return home.resolve(".metalctl").resolve("config.yaml");
    }

    /** The file's contents, or {@link #EMPTY} when it does not exist. */
    static MetalctlConfig load(Path file) {
        if (!Files.exists(file)) {
            return EMPTY;
        }
        try {
            MetalctlConfig config = Codecs.YAML.readValue(file.toFile(), MetalctlConfig.class);
            return config == null ? EMPTY : config;
        } catch (JacksonException e) {
            throw CliException.usage("config file %s is not valid: %s; fix or remove it", file, e.getOriginalMessage());
        } catch (IOException e) {
            throw CliException.usage("config file %s cannot be read: %s", file, e.getMessage());
        }
    }

    void save(Path file) {
        try {
            // it holds tokens: 0600 in a directory created 0700, replaced atomically
            PrivateFiles.write(file, Codecs.YAML.writeValueAsBytes(this));
        } catch (IOException e) {
            throw CliException.usage("config file %s cannot be written: %s", file, e.getMessage());
        }
    }

    Optional<Context> currentContext() {
        return Optional.ofNullable(current).map(contexts::get);
    }

    MetalctlConfig with(String name, Context context) {
        Map<String, Context> copy = new TreeMap<>(contexts);
        copy.put(name, context);
        return new MetalctlConfig(current, copy);
    }

    MetalctlConfig use(String name) {
        if (!contexts.containsKey(name)) {
            throw CliException.usage("context \"%s\" does not exist: use one of %s, or add it with `metalctl context add`",
                    name, contexts.keySet());
        }
        return new MetalctlConfig(name, contexts);
    }
}
