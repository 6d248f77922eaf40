package io.metalstack.peering.frr;

import io.metalstack.peering.model.SwitchOs;
import io.metalstack.peering.model.plan.SwitchIntent;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rendered files must equal the golden files under {@code src/test/resources/golden/<case>/<os>/}.
 * Regenerate with {@code mvn -pl frr test -Dgolden.update=true} and review the diff.
 */
class GoldenFilesTest {
    /** Surefire and failsafe set {@code basedir} to the module directory; an IDE may run from elsewhere. */
    static final Path GOLDEN = Path.of(System.getProperty("basedir", System.getProperty("user.dir")), "src", "test", "resources", "golden");
    private static final boolean UPDATE = Boolean.getBoolean("golden.update");

    static String dialectDir(SwitchOs os) {
        return os.name().toLowerCase(Locale.ROOT);
    }

    @TestFactory
    Stream<DynamicTest> renderedFilesEqualGoldenFiles() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Map.Entry<String, Function<SwitchOs, SwitchIntent>> c : Fixtures.cases().entrySet()) {
            for (SwitchOs os : SwitchOs.values()) {
                tests.add(DynamicTest.dynamicTest(c.getKey() + "/" + dialectDir(os), () -> check(c.getKey(), os, c.getValue().apply(os))));
            }
        }
        return tests.stream();
    }

    private void check(String name, SwitchOs os, SwitchIntent intent) throws IOException {
        RenderedConfig rendered = new FrrRenderer().render(intent, Fixtures.local(name, os));
        assertThat(rendered.warnings()).as("warnings of a valid intent").isEmpty();
        Path dir = GOLDEN.resolve(name).resolve(dialectDir(os));
        if (UPDATE) {
            Files.createDirectories(dir);
            for (Path stale : list(dir)) {
                if (!rendered.files().containsKey(stale.getFileName().toString())) {
                    Files.delete(stale);
                }
            }
            for (Map.Entry<String, String> f : rendered.files().entrySet()) {
                Files.writeString(dir.resolve(f.getKey()), f.getValue(), StandardCharsets.UTF_8);
            }
        }
        Set<String> golden = new TreeSet<>();
        list(dir).forEach(p -> golden.add(p.getFileName().toString()));
        assertThat(golden).as("golden files in %s (regenerate with -Dgolden.update=true)", dir)
                .isEqualTo(rendered.files().keySet());
        for (Map.Entry<String, String> f : rendered.files().entrySet()) {
            assertThat(f.getValue()).as("%s/%s differs from the golden file (regenerate with -Dgolden.update=true)", dir, f.getKey())
                    .isEqualTo(Files.readString(dir.resolve(f.getKey()), StandardCharsets.UTF_8));
        }
    }

    @Test
    void everyGoldenCaseDirectoryHasAFixture() throws IOException {
        Set<String> dirs = new TreeSet<>();
        list(GOLDEN).forEach(p -> dirs.add(p.getFileName().toString()));
        assertThat(dirs).isEqualTo(new TreeSet<>(Fixtures.cases().keySet()));
    }

    private static List<Path> list(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
