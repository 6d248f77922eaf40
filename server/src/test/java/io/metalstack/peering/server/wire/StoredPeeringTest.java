package io.metalstack.peering.server.wire;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.metalstack.peering.api.Json;
import io.metalstack.peering.api.V1Peering;
import io.metalstack.peering.model.Peering;
import org.junit.jupiter.api.Test;

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
    void aSelectionIsStoredAndReadBackAndARowWithoutOneExchangesEverything() throws Exception {
        String old = "{\"id\":\"p1\",\"name\":\"a-b\",\"projectid\":\"p\",\"partitionid\":\"fra\",\"network1\":\"a\",\"network2\":\"b\","
                + "\"peeringtype\":\"local\",\"origin\":\"manual\",\"created\":\"2026-01-01T00:00:00Z\",\"changed\":\"2026-01-01T00:00:00Z\"}";
        Peering p = read(old);
        assertThat(p.exchange()).isEqualTo(io.metalstack.peering.model.ExchangedPrefixes.ALL);
        assertThat(json.writeValueAsString(Wire.stored(p))).doesNotContain("exchange");
        Peering selective = p.withExchange(new io.metalstack.peering.model.ExchangedPrefixes(
                java.util.Optional.of(java.util.List.of(io.metalstack.peering.model.IpPrefix.parse("10.0.1.0/24"))), java.util.Optional.empty()));
        String stored = json.writeValueAsString(Wire.stored(selective));
        assertThat(stored).contains("\"exchange\":{\"network1\":[\"10.0.1.0/24\"]}");
        assertThat(read(stored)).isEqualTo(selective);
    }
}
