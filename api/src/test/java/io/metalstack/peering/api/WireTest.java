package io.metalstack.peering.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.metalstack.peering.api.fixture.BgpRequest;
import io.metalstack.peering.api.fixture.PeeringRequest;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WireTest {

    private final ObjectMapper json = Json.mapper();

    @Test
    void peeringUsesMetalApiNames() throws Exception {
        V1Peering p = PeeringRequest.stored("p1", "proj", null, "privnet1", "internet").type("external").name("to-internet")
                .bgp(BgpRequest.session(65000L, "172.16.0.1/30", "Ethernet0@exit01", 65001L, "172.16.0.2/30").build()).labels(Map.of("a", "b"))
                .status(new V1PeeringStatus("pending", List.of("IPv6"), Map.of("IPv4", "private-use"), null))
                .created(Instant.parse("2026-01-01T00:00:00Z")).build();
        String text = json.writeValueAsString(p);
        assertThat(text).isEqualTo("{\"id\":\"p1\",\"name\":\"to-internet\",\"projectid\":\"proj\",\"network1\":\"privnet1\","
                + "\"network2\":\"internet\",\"peeringtype\":\"external\",\"bgp\":{\"local\":{\"as\":65000,\"cidr\":\"172.16.0.1/30\","
                + "\"port\":\"Ethernet0@exit01\"},\"remote\":{\"as\":65001,\"cidr\":\"172.16.0.2/30\"}},\"labels\":{\"a\":\"b\"},"
                + "\"origin\":\"manual\",\"status\":{\"phase\":\"pending\",\"families\":[\"IPv6\"],\"omitted\":{\"IPv4\":\"private-use\"}},"
                + "\"created\":\"2026-01-01T00:00:00Z\"}");
        assertThat(json.readValue(text, V1Peering.class)).isEqualTo(p);
    }

    @Test
    void networkRoundTrip() throws Exception {
        String text = "{\"id\":\"n1\",\"partitionid\":\"fra\",\"projectid\":\"p\",\"parentnetworkid\":\"super\",\"networktype\":\"child\","
                + "\"prefixes\":[\"10.0.0.0/22\"],\"destinationprefixes\":[],\"vrf\":42,\"defaultchildprefixlength\":{\"IPv4\":22},\"unknown\":1}";
        V1Network n = json.readValue(text, V1Network.class);
        assertThat(n.partitionid()).isEqualTo("fra");
        assertThat(n.parentnetworkid()).isEqualTo("super");
        assertThat(n.defaultchildprefixlength()).containsEntry("IPv4", 22);
        assertThat(n.vrf()).isEqualTo(42);
    }

    @Test
    void unreachableServerIsDistinctFromAnApiError() {
        MetalApiClient client = new MetalApiClient(URI.create("http://127.0.0.1:1"), "t");
        assertThatThrownBy(client::health).isInstanceOf(ApiUnreachableException.class).hasMessageContaining("unreachable");
    }
}
