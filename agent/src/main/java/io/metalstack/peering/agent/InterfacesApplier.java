package io.metalstack.peering.agent;

import io.metalstack.peering.agent.ApplyTarget.ApplyException;
import io.metalstack.peering.frr.FrrRenderer;
import io.metalstack.peering.frr.Interfaces;
import io.metalstack.peering.frr.RenderedConfig;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The Cumulus OS side: the rendered {@code interfaces} file made the running state with ifupdown2, as metal-core does.
 *
 * <ol>
 *   <li>An unchanged file is neither written nor reloaded, unless {@link #reapplyNext} asked for it: unchanged means
 *       the file on disk reads ({@link Interfaces#parse}) into the typed model that was rendered
 *       ({@link RenderedConfig#interfacesModel}), so that blank lines someone added cost no {@code ifreload}; where either
 *       is not in the rendered layout (a file made by hand), the same bytes.</li>
 *   <li>The new file goes to a temp file next to the target and is checked there by {@link Ifupdown2#problems}: a file
 *       ifupdown2 finds fault with is never written in place.</li>
 *   <li>The file on disk is kept as {@code <file>.bak}; the temp file is renamed over the target (see
 *       {@link AtomicFiles}).</li>
 *   <li>{@code ifreload -a}. When it fails, the previous file is put back and reloaded again, and the apply throws.</li>
 * </ol>
 * {@link #revert()} puts back the file the last successful apply replaced (FRR failed after it) and reloads.
 */
final class InterfacesApplier implements OsApplier {
    static final Path DEFAULT_FILE = Path.of("/etc/network/interfaces");

    private final Path file;
    private final Ifupdown2 ifupdown2;
    /** The file the last apply replaced (empty: there was none); null when the last apply changed nothing. */
    private Optional<String> replaced;
    /** A reload, or the reload of a restore, failed: the running state may differ from the file, so reload next time. */
    private boolean reloadOwed;

    InterfacesApplier(Path file, Ifupdown2 ifupdown2) {
        this.file = requireNonNull(file, "file is null");
        this.ifupdown2 = requireNonNull(ifupdown2, "ifupdown2 is null");
    }

    @Override
    public synchronized void apply(RenderedConfig config) throws ApplyException {
        String wanted = config.file(FrrRenderer.INTERFACES);
        replaced = null;
        Optional<String> current = read();
        if (current.isPresent() && unchanged(current.get(), config) && !reloadOwed) {
            return;
        }
        Path tmp = AtomicFiles.temp(file);
        try {
            AtomicFiles.writeSynced(tmp, wanted);
            List<String> problems = ifupdown2.problems(tmp);
            if (!problems.isEmpty()) {
                throw new ApplyException("ifupdown2 refused the rendered interfaces file, " + file + " left as it was: "
                        + String.join("; ", problems));
            }
            if (current.isPresent()) {
                AtomicFiles.write(bak(), current.get());
            }
            AtomicFiles.moveInto(tmp, file);
        } catch (IOException e) {
            throw new ApplyException("cannot write " + file + ": " + e, e);
        } catch (RuntimeException e) {
            throw new ApplyException("cannot check the rendered interfaces file with ifupdown2, " + file + " left as it was: "
                    + e.getMessage(), e);
        } finally {
            deleteQuietly(tmp);
        }
        String failure = reload();
        if (failure == null) {
            replaced = current;
            reloadOwed = false;
            return;
        }
        String restore = current.isPresent() ? putBack(current.get()) : remove();
        reloadOwed = restore != null;
        throw new ApplyException(failure + (restore == null
                ? "; the previous " + file + " was restored and reloaded"
                : "; restoring the previous file failed too: " + restore));
    }

    /** True if the file on disk says what {@code config}'s does: the same typed model, or else the same bytes. */
    private static boolean unchanged(String current, RenderedConfig config) {
        try {
            return Interfaces.parse(current).equals(config.interfacesModel());
        } catch (IllegalArgumentException e) {
            return current.equals(config.file(FrrRenderer.INTERFACES));
        }
    }

    /** The next apply checks, writes and reloads the file even when it is unchanged. */
    @Override
    public synchronized void reapplyNext() {
        reloadOwed = true;
    }

    @Override
    public synchronized void revert() throws ApplyException {
        Optional<String> previous = replaced;
        replaced = null;
        if (previous == null) {
            return;
        }
        if (previous.isEmpty()) {
            throw new ApplyException("there was no " + file + " before the last apply, so there is nothing to put back");
        }
        String failure = putBack(previous.get());
        if (failure != null) {
            reloadOwed = true;
            throw new ApplyException("cannot put back the previous " + file + ": " + failure);
        }
    }

    /** Writes {@code content} over the file (keeping the replaced one as {@code .bak}) and reloads; null when both worked. */
    private String putBack(String content) {
        try {
            Optional<String> current = read();
            if (current.isPresent()) {
                AtomicFiles.write(bak(), current.get());
            }
            AtomicFiles.write(file, content);
        } catch (IOException | ApplyException e) {
            return "cannot write " + file + ": " + e.getMessage();
        }
        return reload();
    }

    /** After a failed reload when there was no file before: removes the new one, says the interfaces stay as they are. */
    private String remove() {
        try {
            Files.deleteIfExists(file);
            return "there was no " + file + " before: removed the new one, the interfaces stay as the failed reload left them";
        } catch (IOException e) {
            return "there was no " + file + " before, and the new one cannot be removed: " + e;
        }
    }

    /** Runs the reload; null when it exited 0, else what it printed. */
    private String reload() {
        try {
            Command.Result r = ifupdown2.reload();
            return r.rc() == 0 ? null : "the reload failed: " + r.describe();
        } catch (RuntimeException e) {
            return "the reload failed: " + e.getMessage();
        }
    }

    private Optional<String> read() throws ApplyException {
        try {
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new ApplyException("cannot read " + file + ": " + e, e);
        }
    }

    private Path bak() {
        return file.resolveSibling(file.getFileName() + ".bak");
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // a leftover temp file is harmless: the next apply truncates it
        }
    }

    @Override
    public String toString() {
        return "interfaces " + file + " via " + ifupdown2;
    }
}
