package io.metalstack.peering.model.plan;

import io.metalstack.peering.frr.FrrRenderer;
import io.metalstack.peering.frr.RenderedConfig;
import io.metalstack.peering.frr.SwitchLocal;
import io.metalstack.peering.frr.SyslogLevel;
import io.metalstack.peering.frr.VlanId;
import io.metalstack.peering.frr.VlanRange;
import io.metalstack.peering.model.DomainException;
import io.metalstack.peering.model.InterfaceAddress;
import io.metalstack.peering.model.IpPrefix;
import io.metalstack.peering.model.Ipv4Address;
import io.metalstack.peering.model.PortName;
import io.metalstack.peering.model.SwitchOs;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End to end: hostile names, descriptions, labels, racks and zone names (newlines, {@code !},
 * {@code end}, FRR commands, JSON breakers, unicode, 20,000 characters) go through the planner AND the renderer and
 * change not one rendered byte, in either dialect; hostile switch-local facts are refused. Lives in the model's package (in the frr module, which can see
 * both) to reuse the planner tests' generators from the model test-jar.
 */
class HostileInputRenderTest {
    @Test
    void hostileTextChangesNoRenderedByte() {
        int files = 0;
        for (long seed = 1; seed <= 40; seed++) {
            Inventory benign = PlannerHostileInputTest.withoutForbidden(RandomFabric.generate(seed, false).build());
            Inventory hostile = PlannerHostileInputTest.hostile(benign, new Random(seed));
            Map<String, RenderedConfig> expected = render(Planner.plan(benign));
            Map<String, RenderedConfig> actual = render(Planner.plan(hostile));
            assertThat(actual.keySet()).as("seed %d", seed).isEqualTo(expected.keySet());
            for (String sw : expected.keySet()) {
                assertThat(actual.get(sw).files()).as("seed %d switch %s", seed, sw).isEqualTo(expected.get(sw).files());
                files += expected.get(sw).files().size();
                actual.get(sw).files().values().forEach(text -> assertThat(text)
                        .doesNotContain("6.6.6.6").doesNotContain("evil").doesNotContain("vrf666").doesNotContain("Vrf666")
                        .doesNotContain("\u0000").doesNotContain("\u202e").doesNotContain("🐉"));
            }
        }
        assertThat(files).as("rendered files compared").isGreaterThan(100);
    }

    /**
     * Every switch-local fact is a typed value: hostile text in any of them is refused by its parser (or by
     * {@link SwitchLocal}'s own checks), never rendered.
     */
    @Test
    void hostileSwitchLocalValuesAreRefused() {
        Map<String, Function<String, Object>> fields = new TreeMap<>();
        fields.put("log level", SyslogLevel::parse);
        fields.put("management address", t -> SwitchLocal.builder().managementAddress(InterfaceAddress.parse(t)).build());
        fields.put("management gateway", Ipv4Address::parse);
        fields.put("management route", t -> SwitchLocal.builder().managementGateway(Ipv4Address.parse("192.0.2.1"))
                .managementRoutes(List.of(IpPrefix.parse(t))).build());
        fields.put("metal-core CIDR", t -> SwitchLocal.builder().metalCoreCidr(InterfaceAddress.parse(t)).build());
        fields.put("PXE VLAN", VlanId::parse);
        fields.put("bridge VIDs", VlanRange::parse);
        fields.put("blade port", t -> SwitchLocal.builder().bladePorts(List.of(PortName.parse(t))).build());
        Map<String, String> valid = Map.of("log level", "warn", "management address", "192.0.2.9/24", "management gateway", "192.0.2.1",
                "management route", "10.1.0.0/16", "metal-core CIDR", "10.255.255.2/24", "PXE VLAN", "966", "bridge VIDs", "201-256",
                "blade port", "swp7");
        int refused = 0;
        List<String> accepted = new java.util.ArrayList<>();
        for (Map.Entry<String, Function<String, Object>> f : fields.entrySet()) {
            assertThat(f.getValue().apply(valid.get(f.getKey()))).as("%s accepts its valid value", f.getKey()).isNotNull();
            for (String h : HostileValues.around(valid.get(f.getKey()))) {
                try {
                    accepted.add(f.getKey() + ": " + f.getValue().apply(h) + " from " + (h.length() > 60 ? h.substring(0, 60) : h));
                } catch (DomainException | IllegalArgumentException e) {
                    refused++;
                }
            }
        }
        assertThat(accepted).isEmpty();
        assertThat(refused).isGreaterThan(200);
    }

    /** Blanks around a valid value are all the leeway the parsers give: they change no rendered byte. */
    @Test
    void paddedSwitchLocalValuesRenderTheSameBytes() {
        SwitchIntent leaf = Planner.plan(withoutForbiddenFabric()).intents().values().iterator().next();
        SwitchLocal plain = local("warn", "192.0.2.9/24", "192.0.2.1", "10.1.0.0/16", "10.255.255.2/24", "966", "201-256", "swp77");
        SwitchLocal padded = local(" warn\t", " 192.0.2.9/24 ", "\t192.0.2.1 ", " 10.1.0.0/16", "10.255.255.2/24 ", " 966 ", " 201-256 ", "swp77");
        assertThat(padded).isEqualTo(plain);
        assertThat(RENDERER.render(leaf, padded).files()).isEqualTo(RENDERER.render(leaf, plain).files());
    }

    private static Inventory withoutForbiddenFabric() {
        return PlannerHostileInputTest.withoutForbidden(RandomFabric.generate(7, false).build());
    }

    private static SwitchLocal local(String level, String address, String gateway, String route, String cidr, String pxe, String vids,
                                     String blade) {
        return SwitchLocal.builder().logLevel(SyslogLevel.parse(level)).managementAddress(InterfaceAddress.parse(address))
                .managementGateway(Ipv4Address.parse(gateway)).managementRoutes(List.of(IpPrefix.parse(route)))
                .metalCoreCidr(InterfaceAddress.parse(cidr)).setSrcLoopback(true).pxeVlan(VlanId.parse(pxe))
                .bridgeVids(List.of(VlanRange.parse(vids))).bladePorts(List.of(PortName.parse(blade))).build();
    }

    private static final FrrRenderer RENDERER = new FrrRenderer();

    /** Every switch in its own dialect and, as {@code <id>-other}, in the other one. */
    private static Map<String, RenderedConfig> render(Plan plan) {
        Map<String, RenderedConfig> out = new TreeMap<>();
        plan.intents().forEach((id, i) -> {
            out.put(id.value(), RENDERER.render(i));
            SwitchOs other = i.os() == SwitchOs.SONIC ? SwitchOs.CUMULUS : SwitchOs.SONIC;
            out.put(id.value() + "-other", RENDERER.render(new SwitchIntent(i.id(), i.partition(), i.role(), other, i.asn(),
                    i.routerId(), i.zone(), i.uplinks(), i.firewalls(), i.unprovisioned(), i.vrfs(), i.external())));
        });
        return out;
    }
}
