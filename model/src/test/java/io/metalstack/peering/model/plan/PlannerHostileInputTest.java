package io.metalstack.peering.model.plan;

import io.metalstack.peering.model.Labels;
import io.metalstack.peering.model.Machine;
import io.metalstack.peering.model.Network;
import io.metalstack.peering.model.Partition;
import io.metalstack.peering.model.Peering;
import io.metalstack.peering.model.Project;
import io.metalstack.peering.model.Switch;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nothing a user typed reaches an intent. Names, descriptions, labels, racks and zone names full of
 * config syntax give the same intents as benign text. (A zone name only orders the zones, so the hostile zones
 * keep the benign ones' order.) The intent holds only typed ids, numbers and prefixes; the renderer is a pure
 * function of it, so equal intents render equal bytes.
 */
class PlannerHostileInputTest {
    static final List<String> HOSTILE = List.of(
            "\nrouter bgp 1\n neighbor 6.6.6.6 remote-as 666\n",
            "!\nend\n",
            "end",
            " exit-vrf\nvrf vrf666\n vni 666\n",
            "ip prefix-list evil seq 1 permit 0.0.0.0/0 le 32",
            "\"}, {\"VRF\": {\"Vrf666\": {}}, \"x\": \"",
            "\r\n\t\u0000\u202e\u2028",
            "Ωmega ünïcødé 🐉 𝔘",
            "x".repeat(20_000));

    @Test
    void hostileTextChangesNoIntent() {
        for (long seed = 1; seed <= 60; seed++) {
            Inventory benign = withoutForbidden(RandomFabric.generate(seed, false).build());
            Random random = new Random(seed);
            Inventory hostile = hostile(benign, random);
            Plan plan = Planner.plan(benign);
            Plan hostilePlan = Planner.plan(hostile);
            assertThat(hostilePlan).as("seed %d", seed).isEqualTo(plan);
            String text = hostilePlan.intents().values().toString();
            for (String h : HOSTILE) {
                assertThat(text).as("seed %d", seed).doesNotContain(h.strip().isEmpty() ? "\u0000" : h.strip());
            }
            assertThat(text).doesNotContain("evil").doesNotContain("666").doesNotContain("🐉");
        }
    }

    /**
     * The renderer sees only the intent; this keeps the intent unable to carry text: every component, down through
     * nested records and collections, is a typed value, never a String, a free label map or an Object. (The one
     * secret an exit switch needs, an external session's MD5 password, is the validated {@code BgpPeer.Password}.)
     */
    @Test
    void theIntentHasNoComponentThatCouldCarryText() {
        List<Class<?>> records = List.of(SwitchIntent.class, VrfIntent.class, VrfImport.class, FirewallPort.class, ExternalSession.class);
        for (Class<?> r : records) {
            for (java.lang.reflect.RecordComponent c : r.getRecordComponents()) {
                java.lang.reflect.Type type = c.getGenericType();
                assertThat(type.getTypeName()).as(r.getSimpleName() + "." + c.getName())
                        .doesNotContain("java.lang.String").doesNotContain("java.lang.Object").doesNotContain("Labels")
                        .doesNotContain("CharSequence").doesNotContain("?");
                assertThat(type.getTypeName()).as(r.getSimpleName() + "." + c.getName())
                        .matches("(int|boolean|java\\.util\\.(List|Set|Optional)<io\\.metalstack\\.peering\\.model\\.[\\w.$]+>|io\\.metalstack\\.peering\\.model\\.[\\w.$]+)");
            }
        }
    }

    static Inventory withoutForbidden(Inventory inv) {
        Oracle o = new Oracle(inv);
        return new Inventory(inv.partitions(), inv.projects(), inv.networks(), inv.switches(), inv.machines(),
                inv.peerings().stream().filter(p -> o.allowed(p).isPresent()).toList());
    }

    private static String pick(Random random) {
        return HOSTILE.get(random.nextInt(HOSTILE.size()));
    }

    /** Keeps the labels the rules read (peerable, auto-peer), adds hostile ones. */
    private static Labels labels(Labels labels, Random random) {
        Map<String, String> out = new TreeMap<>(labels.values());
        out.put(pick(random).isBlank() ? "k" : pick(random), pick(random));
        out.put("description", pick(random));
        return Labels.of(out);
    }

    static Inventory hostile(Inventory i, Random r) {
        String zonePrefix = "\nrouter bgp 1\n!";
        return new Inventory(
                i.partitions().stream().map(p -> new Partition(p.id(), pick(r), pick(r), labels(p.labels(), r), p.created(), p.changed())).toList(),
                i.projects().stream().map(p -> new Project(p.id(), pick(r), pick(r), pick(r), labels(p.labels(), r), p.created(), p.changed())).toList(),
                i.networks().stream().map(n -> new Network(n.id(), pick(r), pick(r), n.partition(), n.project(), n.parent(), n.type(),
                        n.prefixes(), n.destinationPrefixes(), n.vrf(), n.defaultChildPrefixLength(), n.nat(), labels(n.labels(), r),
                        n.created(), n.changed())).toList(),
                i.switches().stream().map(s -> new Switch(s.id(), s.partition(), pick(r), zonePrefix + s.zone(), s.role(), s.os(),
                        s.asn(), s.routerId(), s.ports(), s.created(), s.changed())).toList(),
                i.machines().stream().map(m -> new Machine(m.id(), pick(r), m.partition(), m.role(), m.connections(), m.allocation(),
                        m.created(), m.changed())).toList(),
                i.peerings().stream().map(p -> new Peering(p.id(), pick(r), pick(r), p.project(), p.partition(), p.network1(),
                        p.network2(), p.type(), p.bgp(), p.origin(), labels(p.labels(), r), p.created(), p.changed(), p.enabled(),
                        p.exchange())).toList());
    }
}
