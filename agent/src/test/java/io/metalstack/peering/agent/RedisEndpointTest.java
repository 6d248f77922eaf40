package io.metalstack.peering.agent;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RedisEndpointTest {

    @Test
    void sonicsConfigDbIsDatabase4OnTheUnixSocket() {
        assertThat(RedisEndpoint.SONIC_CONFIG_DB).hasToString("unix:///var/run/redis/redis.sock?db=4");
        assertThat(RedisEndpoint.parse("unix:///var/run/redis/redis.sock?db=4")).isEqualTo(RedisEndpoint.SONIC_CONFIG_DB);
    }

    @Test
    void parsesWhatItPrints() {
        for (String text : new String[] {"unix:///run/redis.sock?db=0", "redis://127.0.0.1:6379/4", "redis://[::1]:7000/15",
                "redis://switch.local:6380/0"}) {
            assertThat(RedisEndpoint.parse(text)).hasToString(text);
        }
        assertThat(RedisEndpoint.parse("redis://127.0.0.1")).isEqualTo(new RedisEndpoint.Tcp("127.0.0.1", 6379, 0));
        assertThat(RedisEndpoint.parse("unix:///run/redis.sock")).isEqualTo(new RedisEndpoint.UnixSocket(Path.of("/run/redis.sock"), 0));
    }

    @Test
    void refusesWhatIsNoEndpoint() {
        for (String text : new String[] {"/var/run/redis/redis.sock", "unix://relative.sock", "redis://h:0/4", "redis://h:6379/x",
                "http://h:6379/4", "redis://user:pw@h:6379/4", "unix:///s?db=-1"}) {
            assertThatThrownBy(() -> RedisEndpoint.parse(text)).as(text).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(text);
        }
        assertThatThrownBy(() -> new RedisEndpoint.Tcp("h", 6379, -1)).hasMessageContaining("must not be negative: -1");
        assertThatThrownBy(() -> new RedisEndpoint.UnixSocket(Path.of("redis.sock"), 4)).hasMessageContaining("must be absolute");
    }
}
