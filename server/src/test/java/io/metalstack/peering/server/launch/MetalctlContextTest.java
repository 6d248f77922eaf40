package io.metalstack.peering.server.launch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MetalctlContextTest {

    @TempDir
    Path dir;

    @Test
    void writesANewConfigWithCurrentSet() throws Exception {
        Path file = dir.resolve(".metalctl/config.yaml");
        MetalctlContext.merge(file, "http://localhost:8080", "secret");
        assertThat(Files.readString(file)).isEqualTo("""
                current: metal-peering
                contexts:
                  metal-peering:
                    url: http://localhost:8080
                    token: secret
                """);
    }

    @Test
    void keepsOtherContextsAndTheirCurrent() throws Exception {
        Path file = dir.resolve("config.yaml");
        Files.writeString(file, """
                current: prod
                contexts:
                  prod:
                    url: https://api.example.com
                    token: p
                  metal-peering:
                    url: http://old
                    token: old
                """);
        MetalctlContext.merge(file, "http://localhost:9090", "new");
        assertThat(Files.readString(file)).isEqualTo("""
                current: prod
                contexts:
                  prod:
                    url: https://api.example.com
                    token: p
                  metal-peering:
                    url: http://localhost:9090
                    token: new
                """);
    }

    @Test
    void refusesAFileThatIsNoMapping() throws Exception {
        Path file = dir.resolve("config.yaml");
        Files.writeString(file, "- a\n- b\n");
        assertThatThrownBy(() -> MetalctlContext.merge(file, "u", "t")).hasMessageContaining("is not a metalctl config");
    }

    @Test
    void optionsParseDefaultsAndFlags() {
        Main.Options d = Main.Options.parse(new String[0], dir);
        assertThat(d.port()).isEqualTo(8080);
        assertThat(d.dataDir()).isEqualTo(Path.of(".metal"));
        assertThat(d.dbUrl()).isNull();
        assertThat(d.writeHomeConfig()).isTrue();
        Main.Options o = Main.Options.parse(new String[]{"--port", "0", "--data-dir=/x", "--db-url", "jdbc:postgresql://h/db",
                "--no-metalctl-config", "--peering-quota", "7"}, dir);
        assertThat(List.of(o.port(), o.dataDir(), o.dbUrl(), o.writeHomeConfig(), o.quota()))
                .containsExactly(0, Path.of("/x"), "jdbc:postgresql://h/db", false, 7);
        assertThatThrownBy(() -> Main.Options.parse(new String[]{"--colour", "red"}, dir)).hasMessageContaining("--colour");
        assertThatThrownBy(() -> Main.Options.parse(new String[]{"--port"}, dir)).hasMessageContaining("--port");
    }

    @Test
    void thePeeringApprovalTimeIsSevenDaysUnlessGiven() {
        assertThat(Main.Options.parse(new String[0], dir).approval().ttl()).isEqualTo(java.time.Duration.ofDays(7));
        assertThat(Main.Options.parse(new String[]{"--peering-approval-time", "72h"}, dir).approval().ttl()).isEqualTo(java.time.Duration.ofHours(72));
        assertThatThrownBy(() -> Main.Options.parse(new String[]{"--peering-approval-time", "7d"}, dir)).isInstanceOf(Main.UsageException.class)
                .hasMessageContaining("--peering-approval-time: duration \"7d\" is not valid");
        assertThatThrownBy(() -> Main.Options.parse(new String[]{"--peering-approval-time", "0s"}, dir)).isInstanceOf(Main.UsageException.class)
                .hasMessageContaining("is not positive");
        assertThat(Main.usage()).contains("--peering-approval-time", "default: 168h, 7 days");
    }

    @Test
    void theEventRetentionIsNinetyDaysUnlessGiven() {
        assertThat(Main.Options.parse(new String[0], dir).eventRetention()).isEqualTo(java.time.Duration.ofDays(90));
        assertThat(Main.Options.parse(new String[]{"--event-retention", "720h"}, dir).eventRetention()).isEqualTo(java.time.Duration.ofDays(30));
        assertThatThrownBy(() -> Main.Options.parse(new String[]{"--event-retention", "0s"}, dir)).isInstanceOf(Main.UsageException.class)
                .hasMessageContaining("--event-retention: event retention 0s is not allowed: use a positive duration");
        assertThat(Main.usage()).contains("--event-retention", "default: 2160h, 90 days");
    }

    @Test
    void helpListsEveryOption() {
        assertThatThrownBy(() -> Main.Options.parse(new String[]{"--help"}, dir)).isInstanceOf(Main.UsageException.class).hasMessage(null);
        assertThat(Main.usage()).contains("--port", "--host", "--data-dir", "--db-url", "--peering-quota", "--network-quota",
                "--event-retention", "--no-metalctl-config", "--demo", "--help", "METAL_API_ADMIN_TOKEN");
    }
}
