package io.metalstack.peering.cli;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConnectionTest {
    private static final MetalctlConfig CONFIG = new MetalctlConfig("dev", Map.of(
            "dev", new MetalctlConfig.Context("http://ctx:1/", "ctx-token"),
            "prod", new MetalctlConfig.Context("http://prod:2", "prod-token")));
    private static final Map<String, String> ENV = Map.of(Connection.ENV_URL, "http://env:3", Connection.ENV_TOKEN, "env-token");

    @Test
    void flagBeatsEnvironmentBeatsContext() {
        assertThat(Connection.resolve("http://flag:4", "flag-token", ENV, CONFIG))
                .isEqualTo(new Connection("http://flag:4", Optional.of("flag-token"), "--api-url"));
        assertThat(Connection.resolve(null, null, ENV, CONFIG))
                .isEqualTo(new Connection("http://env:3", Optional.of("env-token"), Connection.ENV_URL));
        assertThat(Connection.resolve(null, null, Map.of(), CONFIG))
                .isEqualTo(new Connection("http://ctx:1", Optional.of("ctx-token"), "context \"dev\""));
    }

    @Test
    void eachValueIsResolvedOnItsOwn() {
        Connection c = Connection.resolve("http://flag:4", null, Map.of(Connection.ENV_TOKEN, "env-token"), CONFIG);
        assertThat(c.url()).isEqualTo("http://flag:4");
        assertThat(c.token()).contains("env-token");
        assertThat(Connection.resolve(null, "  ", Map.of(), CONFIG).token()).contains("ctx-token");
    }

    @Test
    void noUrlAnywhereIsAUsageErrorSayingWhatToDo() {
        assertThatThrownBy(() -> Connection.resolve(null, null, Map.of(), MetalctlConfig.EMPTY))
                .isInstanceOfSatisfying(CliException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE))
                .hasMessageContaining("--api-url").hasMessageContaining("METALCTL_API_URL").hasMessageContaining("context add");
    }

    @Test
    void noTokenIsAllowed() {
        assertThat(Connection.resolve("http://x", null, Map.of(), MetalctlConfig.EMPTY).token()).isEmpty();
    }
}
