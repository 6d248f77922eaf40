package io.metalstack.peering.server.wire;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.metalstack.peering.api.Json;
import io.metalstack.peering.api.V1Peering;
import io.metalstack.peering.model.Approval;
import io.metalstack.peering.model.Peering;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The peering document as the database stores it (the wire JSON): rows written before {@code enabled} existed read as enabled. */
class StoredPeeringTest {

    private final ObjectMapper json = Json.mapper();

    private Peering read(String document) throws Exception {
        V1Peering w = json.readValue(document, V1Peering.class);
        return Wire.peering(w, w.created(), w.changed());
    }

    @Test
    void aRowWithoutEnabledReadsAsEnabledAndADisabledOneStaysDisabled() throws Exception {
        String old = "{\"id\":\"p1\",\"name\":\"a-b\",\"projectid\":\"p\",\"partitionid\":\"fra\",\"network1\":\"a\",\"network2\":\"b\","
                + "\"peeringtype\":\"local\",\"origin\":\"manual\",\"created\":\"2026-01-01T00:00:00Z\",\"changed\":\"2026-01-01T00:00:00Z\"}";
        Peering p = read(old);
        assertThat(p.enabled()).isTrue();
        String disabled = json.writeValueAsString(Wire.stored(p.withEnabled(false)));
        assertThat(disabled).contains("\"enabled\":false");
        assertThat(read(disabled)).isEqualTo(p.withEnabled(false));
        assertThat(json.writeValueAsString(Wire.stored(p))).contains("\"enabled\":true");
    }

    @Test
    void aRowWithoutApprovalNeedsNoneAndAnAwaitedOneStaysAwaited() throws Exception {
        String old = "{\"id\":\"p1\",\"name\":\"a-b\",\"projectid\":\"p\",\"partitionid\":\"fra\",\"network1\":\"a\",\"network2\":\"b\","
                + "\"peeringtype\":\"local\",\"origin\":\"manual\",\"created\":\"2026-01-01T00:00:00Z\",\"changed\":\"2026-01-01T00:00:00Z\"}";
        Peering p = read(old);
        assertThat(p.approval()).isEqualTo(Approval.NONE);
        assertThat(json.writeValueAsString(Wire.stored(p))).doesNotContain("approval");
        for (Approval a : List.of(Approval.AWAITING,
                Approval.APPROVED, Approval.REJECTED)) {
            String stored = json.writeValueAsString(Wire.stored(p.withApproval(a)));
            assertThat(stored).contains("\"approval\":\"" + a.wire() + "\"");
            assertThat(read(stored)).isEqualTo(p.withApproval(a));
        }
    }
}
