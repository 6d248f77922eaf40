package io.metalstack.peering.agent;

import io.metalstack.peering.api.V1SessionState;
import io.metalstack.peering.frr.FrrRenderer;
import io.metalstack.peering.frr.RenderedConfig;
import io.metalstack.peering.model.IpPrefix;
import io.metalstack.peering.model.plan.ExternalSession;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;

import static java.util.Objects.requireNonNull;

/**
 * Writes the rendered files into a directory ({@code frr.conf} and {@code config_db.json} or {@code interfaces}), each
 * atomically ({@link AtomicFiles}), so a reader never sees half a file; a file that already holds what was rendered is
 * not written again.
 * Files of the other dialect that an earlier render left behind are removed.
 */
final class DirectoryTarget implements ApplyTarget {
    private final Path dir;

    DirectoryTarget(Path dir) {
        this.dir = requireNonNull(dir, "dir is null");
    }

    @Override
    public void apply(RenderedConfig config) throws ApplyException {
        try {
            Files.createDirectories(dir);
            for (Map.Entry<String, String> file : config.files().entrySet()) {
                Path target = dir.resolve(file.getKey());
                if (!holds(target, file.getValue())) {
                    AtomicFiles.write(target, file.getValue());
                }
            }
            for (String stale : List.of(FrrRenderer.FRR_CONF, FrrRenderer.CONFIG_DB, FrrRenderer.INTERFACES)) {
                if (!config.files().containsKey(stale)) {
                    Files.deleteIfExists(dir.resolve(stale));
                }
            }
        } catch (IOException e) {
            throw new ApplyException("cannot write the rendered config into " + dir + ": " + e, e);
        }
    }

    /**
     * True when {@code file} already holds {@code content}: it is left alone, which spares a change its flushes to disk
     * (two per file written, tens of milliseconds on a busy disk) for the files it does not touch.
     */
    private static boolean holds(Path file, String content) throws IOException {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        byte[] wanted = content.getBytes(StandardCharsets.UTF_8);
        return Files.size(file) == wanted.length && Arrays.equals(Files.readAllBytes(file), wanted);
    }

    @Override
    public Optional<SortedMap<String, SortedSet<IpPrefix>>> observe() {
        return Optional.empty();
    }

    @Override
    public List<V1SessionState> sessions(List<ExternalSession> sessions) {
        return List.of();
    }

    @Override
    public String toString() {
        return "directory " + dir;
    }
}
