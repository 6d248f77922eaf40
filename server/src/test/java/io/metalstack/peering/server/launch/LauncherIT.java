package io.metalstack.peering.server.launch;

import io.metalstack.peering.api.MetalApiClient;
import io.metalstack.peering.api.V1Partition;
import io.metalstack.peering.api.fixture.PartitionRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code Main}: admin token generated once and kept, metalctl contexts written, data kept across restarts. */
class LauncherIT {

    @TempDir
    Path dir;

    @Test
    void generatesTheAdminTokenOnceAndWritesMetalctlContexts() throws Exception {
        Path data = dir.resolve("data");
        Path home = dir.resolve("home");
        Main.Options options = Main.Options.parse(new String[]{"--port", "0", "--data-dir", data.toString(), "--host", "127.0.0.1"}, home);
        String token;
        try (Main.Running r = Main.start(options, null)) {
            token = Files.readString(data.resolve("admin-token")).trim();
            assertThat(token).hasSizeGreaterThan(30);
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("admin-token")))).isEqualTo("rw-------");
            assertThat(Files.readString(data.resolve("metalctl.yaml"))).contains("current: metal-peering", "url: " + r.url(), "token: " + token);
            assertThat(Files.readString(home.resolve(".metalctl/config.yaml"))).contains("token: " + token);
            assertThat(r.report()).anySatisfy(l -> assertThat(l).contains("admin token: " + data.toAbsolutePath().resolve("admin-token")));
            new MetalApiClient(URI.create(r.url()), token).partitions().create(PartitionRequest.of("fra").build());
        }
        try (Main.Running r = Main.start(options, null)) {
            assertThat(Files.readString(data.resolve("admin-token")).trim()).isEqualTo(token);
            assertThat(new MetalApiClient(URI.create(r.url()), token).partitions().list()).extracting(V1Partition::id).containsExactly("fra");
        }
    }

    @Test
    void environmentTokenWinsAndHomeConfigCanBeSkipped() throws Exception {
        Path data = dir.resolve("data");
        Path home = dir.resolve("home");
        Main.Options options = Main.Options.parse(new String[]{"--port", "0", "--data-dir", data.toString(), "--host", "127.0.0.1",
                "--no-metalctl-config"}, home);
        try (Main.Running r = Main.start(options, "from-env")) {
            assertThat(data.resolve("admin-token")).doesNotExist();
            assertThat(home.resolve(".metalctl")).doesNotExist();
            assertThat(new MetalApiClient(URI.create(r.url()), "from-env").health().status()).isEqualTo("ok");
            assertThat(new MetalApiClient(URI.create(r.url()), "from-env").partitions().list()).isEmpty();
        }
    }

    private static String mode(Path file) throws java.io.IOException {
        return java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }

    /**
     * The files that hold a secret are readable by their owner only: the admin token, both metalctl configs
     * (also one that existed before with another mode) and the H2 database (BGP passwords), also after a restart and
     * when an older database file was world-readable.
     */
    @Test
    void filesWithSecretsAreReadableByTheirOwnerOnly() throws Exception {
        Path data = dir.resolve("data");
        Path home = dir.resolve("home");
        Path homeConfig = home.resolve(".metalctl/config.yaml");
        Files.createDirectories(homeConfig.getParent());
        Files.writeString(homeConfig, "current: other\ncontexts:\n  other: {url: http://other:8080, token: other-secret}\n");
        Files.setPosixFilePermissions(homeConfig, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        Main.Options options = Main.Options.parse(new String[]{"--port", "0", "--data-dir", data.toString(), "--host", "127.0.0.1"}, home);
        for (int start = 1; start <= 2; start++) {
            try (Main.Running r = Main.start(options, null)) {
                new MetalApiClient(URI.create(r.url()), Files.readString(data.resolve("admin-token")).trim()).partitions()
                        .create(PartitionRequest.of("p" + start).build());
                assertThat(mode(data)).isEqualTo("rwx------");
                assertThat(mode(data.resolve("admin-token"))).isEqualTo("rw-------");
                assertThat(mode(data.resolve("metalctl.yaml"))).isEqualTo("rw-------");
                assertThat(mode(homeConfig)).isEqualTo("rw-------");
                assertThat(Files.readString(homeConfig)).contains("other-secret");
                assertThat(mode(data.resolve("metal.mv.db"))).isEqualTo("rw-------");
            }
            assertThat(mode(data.resolve("metal.mv.db"))).as("after close").isEqualTo("rw-------");
            try (var files = Files.list(data)) {
                assertThat(files.map(f -> f.getFileName().toString())).as("no H2 trace file").noneMatch(f -> f.endsWith(".trace.db"));
            }
            // a database file of an older server, world-readable: restricted on the next start
            Files.setPosixFilePermissions(data.resolve("metal.mv.db"), java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        }
    }
}
