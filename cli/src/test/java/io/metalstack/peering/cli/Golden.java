package io.metalstack.peering.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Golden files under {@code src/test/resources/golden/}; {@code -Dgolden.update=true} rewrites them from the
 * actual output. A missing golden file fails (it is never created silently).
 */
final class Golden {
    private static final Path DIR = Path.of("src", "test", "resources", "golden");

    private Golden() {}

    static boolean updating() {
        return Boolean.getBoolean("golden.update");
    }

    static void check(String name, String actual) {
        Path file = DIR.resolve(name);
        try {
            if (updating()) {
                Files.createDirectories(file.getParent());
                Files.writeString(file, actual);
                return;
            }
            assertThat(file).as("golden file %s is missing: run the tests once with -Dgolden.update=true and review it", file).exists();
            assertThat(actual).as("output differs from golden file %s (regenerate with -Dgolden.update=true)", file)
                    .isEqualTo(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
