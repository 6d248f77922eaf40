package io.metalstack.peering.server;

import io.metalstack.peering.api.ApiException;
import io.metalstack.peering.api.V1Network;
import io.metalstack.peering.api.V1Partition;
import io.metalstack.peering.api.V1Peering;
import io.metalstack.peering.api.fixture.FindRequest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Concurrent writes leave a consistent state, and a restart keeps all data. */
abstract class ConsistencyContract extends MetalApiContract {

    ConsistencyContract(MetalApiFixture api) {
        super(api);
    }

    @Test
    void concurrentCreatesOfTheSamePairLeaveExactlyOne() throws Exception {
        V1Network a = net("p1"), b = net("p1");
        List<Object> outcomes = race(24, i -> as("owner1").peerings().create(peering(i % 2 == 0 ? a.id() : b.id(), i % 2 == 0 ? b.id() : a.id())));
        assertThat(outcomes).filteredOn(o -> o instanceof V1Peering).hasSize(1);
        assertThat(outcomes).filteredOn(o -> o instanceof ApiException).hasSize(23)
                .allSatisfy(o -> {
                    ApiException e = (ApiException) o;
                    assertThat(e.statuscode()).isEqualTo(409);
                    assertThat(e.getMessage()).contains("already peered");
                });
        assertThat(as("owner1").findPeerings(FindRequest.peeringsOf(a.id()))).hasSize(1);
    }

    @Test
    void concurrentCreatesThatWouldOverlapInOneVrfLeaveExactlyOne() throws Exception {
        V1Network a = net("p1");
        List<V1Network> externals = new ArrayList<>();
        for (int i = 0; i < 22; i++) {
            externals.add(external(name("race"), 300001 + i, false, "198.51.100.0/24"));
        }
        List<Object> outcomes = race(externals.size(), i -> as("owner1").peerings().create(peering(a.id(), externals.get(i).id())));
        assertThat(outcomes).filteredOn(o -> o instanceof V1Peering).hasSize(1);
        assertThat(outcomes).filteredOn(o -> o instanceof ApiException).hasSize(21)
                .allSatisfy(o -> {
                    ApiException e = (ApiException) o;
                    assertThat(e.statuscode()).isEqualTo(409);
                    assertThat(e.getMessage()).contains("overlaps prefix 198.51.100.0/24");
                });
        assertThat(as("owner1").findPeerings(FindRequest.peeringsOf(a.id()))).hasSize(1);
    }

    @Test
    void restartKeepsAllData() {
        V1Network a = net("p1"), b = net("p1");
        V1Peering p = as("owner1").peerings().create(peering(a.id(), b.id()));
        long revision = admin().health().revision();
        api.restart();
        assertThat(as("owner1").peerings().get(p.id())).isEqualTo(p);
        assertThat(as("owner1").networks().get(a.id())).isEqualTo(a);
        assertThat(admin().health().revision()).isEqualTo(revision);
        assertThat(admin().partitions().list()).extracting(V1Partition::id).contains("fra", "ber");
        assertThatThrownBy(() -> as("owner1").peerings().create(peering(a.id(), b.id()))).isInstanceOf(ApiException.class);
    }
}
