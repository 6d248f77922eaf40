package io.metalstack.peering.model;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DurationsTest {

    @Test
    void theSpellingsOfBothCommandLines() {
        assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Durations.parse("60")).isEqualTo(Duration.ofSeconds(60));
        assertThat(Durations.parse(" 2S ")).isEqualTo(Duration.ofSeconds(2));
        assertThat(Durations.parse("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(Durations.parse("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(Durations.parse("PT1M30S")).isEqualTo(Duration.ofSeconds(90));
        assertThat(Durations.parse("pt2s")).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void anythingElseIsRefusedWithTheValidSpellings() {
        for (String bad : new String[]{"", "-1s", "1d", "1.5s", "P", "soon", "1234567890s"}) {
            assertThatThrownBy(() -> Durations.parse(bad)).isInstanceOf(DomainException.Invalid.class)
                    .hasMessage("duration \"" + bad + "\" is not valid: use e.g. 500ms, 60s, 5m or 1h");
        }
    }

    @Test
    void formatIsTheShortestExactSpelling() {
        assertThat(Durations.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
        assertThat(Durations.format(Duration.ofSeconds(90))).isEqualTo("90s");
        assertThat(Durations.format(Duration.ofMinutes(5))).isEqualTo("5m");
        assertThat(Durations.format(Duration.ofHours(2))).isEqualTo("2h");
        assertThat(Durations.format(Duration.ZERO)).isEqualTo("0s");
        for (String s : java.util.List.of("500ms", "1500ms", "45s", "2m", "90s", "3h")) {
            assertThat(Durations.format(Durations.parse(s))).isEqualTo(s);
        }
    }
}
