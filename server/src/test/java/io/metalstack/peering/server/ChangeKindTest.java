package io.metalstack.peering.server;

import io.metalstack.peering.server.store.ChangeKind;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChangeKindTest {

    @Test
    void theStoredTextsAreThoseExistingChangeLogsHold() {
        assertThat(Arrays.stream(ChangeKind.values()).map(ChangeKind::text))
                .containsExactly("network", "switch", "machine", "peering", "peering-metadata");
        for (ChangeKind k : ChangeKind.values()) {
            assertThat(ChangeKind.parse(k.text())).isEqualTo(k);
        }
        assertThatThrownBy(() -> ChangeKind.parse("router")).hasMessageContaining("\"router\"");
    }
}
