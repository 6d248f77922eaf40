package io.metalstack.peering.server.fabric;

import io.metalstack.peering.model.NetworkId;
import io.metalstack.peering.model.Peering;
import io.metalstack.peering.model.PeeringId;
import io.metalstack.peering.model.PeeringType;
import io.metalstack.peering.model.SwitchId;
import io.metalstack.peering.model.plan.ExternalSession;
import io.metalstack.peering.model.plan.InventoryChange;
import io.metalstack.peering.model.plan.Plan;
import io.metalstack.peering.model.plan.Planner;
import io.metalstack.peering.model.plan.RandomInventories;
import io.metalstack.peering.model.plan.SwitchIntent;
import io.metalstack.peering.model.plan.VrfImport;
import io.metalstack.peering.model.plan.VrfIntent;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** The indexes a state derives from the previous one ({@link FabricState#replanned}) against a fresh build of them. */
class FabricStateIndexTest {

    private static final int FABRICS = 12;
    private static final int CHANGES_PER_FABRIC = 40;

    @Test
    void indexesDerivedOverRandomChangesEqualAFreshBuildAndAnswerAsTheScanOfEveryIntent() {
        int derived = 0;
        for (long seed = 1; seed <= FABRICS; seed++) {
            Random random = new Random(seed * 104_729);
            Plan plan = Planner.plan(RandomInventories.inventory(seed));
            FabricState state = new FabricState(plan, Map.of(), 0, Map.of(), Optional.empty(), true);
            state.switchesOf(new PeeringId("none")); // builds the indexes, so that the next state derives its own
            for (int i = 0; i < CHANGES_PER_FABRIC; i++) {
                Optional<InventoryChange> change = RandomInventories.change(plan.inventory(), random, seed * 1000 + i);
                if (change.isEmpty()) {
                    continue;
                }
                InventoryChange c = change.get();
                Plan next = Planner.replanEach(plan, c);
                List<PeeringId> written = c instanceof InventoryChange.PeeringSet s ? List.of(s.peering().id())
                        : c instanceof InventoryChange.PeeringRemoved r ? List.of(r.id()) : List.of();
                state = FabricState.replanned(state, next, Map.of(), i + 1, Map.of(), written);
                plan = next;
                String what = "seed " + seed + " change " + i + " " + c;
                assertThat(state.indexMaps(false)).as(what).isEqualTo(state.indexMaps(true));
                for (Peering p : plan.inventory().peerings()) {
                    assertThat(state.switchesOf(p.id())).as(what + ": switches of " + p.id()).isEqualTo(scanned(plan).getOrDefault(p.id(), new TreeSet<>()));
                }
                for (SwitchId sw : plan.intents().keySet()) {
                    List<PeeringId> expected = scanned(plan).entrySet().stream().filter(e -> e.getValue().contains(sw)).map(Map.Entry::getKey).sorted().toList();
                    assertThat(state.peeringsOn(sw)).as(what + ": peerings on " + sw).extracting(Peering::id).isEqualTo(expected);
                }
                derived++;
            }
        }
        assertThat(derived).as("changes applied").isGreaterThan(FABRICS * CHANGES_PER_FABRIC / 3);
    }

    /** Per peering the switches it shows on, by a scan of every intent (how the state answered before it derived). */
    private static Map<PeeringId, SortedSet<SwitchId>> scanned(Plan plan) {
        Map<List<NetworkId>, PeeringId> byPair = new HashMap<>();
        for (Peering p : plan.inventory().peerings()) {
            if (p.type() == PeeringType.LOCAL) {
                byPair.merge(pair(p.network1(), p.network2().orElseThrow()), p.id(), (a, b) -> a.compareTo(b) <= 0 ? a : b);
            }
        }
        Map<PeeringId, SortedSet<SwitchId>> out = new TreeMap<>();
        for (SwitchIntent intent : plan.intents().values()) {
            for (VrfIntent v : intent.vrfs()) {
                for (VrfImport x : v.imports()) {
                    PeeringId p = byPair.get(pair(v.network(), x.network()));
                    if (p != null) {
                        out.computeIfAbsent(p, k -> new TreeSet<>()).add(intent.id());
                    }
                }
            }
            for (ExternalSession s : intent.external()) {
                out.computeIfAbsent(s.peering(), k -> new TreeSet<>()).add(intent.id());
            }
        }
        return out;
    }

    private static List<NetworkId> pair(NetworkId a, NetworkId b) {
        return a.compareTo(b) <= 0 ? List.of(a, b) : List.of(b, a);
    }
}
