package io.metalstack.peering.agent;

import io.metalstack.peering.api.IntentCodec;
import io.metalstack.peering.api.V1SwitchIntent;
import io.metalstack.peering.api.V1SwitchIntentResponse;
import io.metalstack.peering.api.V1SwitchNotifyRequest;
import io.metalstack.peering.api.fixture.SwitchIntentBuilder;
import io.metalstack.peering.frr.FrrRenderer;
import io.metalstack.peering.frr.RenderedConfig;
import io.metalstack.peering.frr.lab.Poll;
import io.metalstack.peering.model.IpPrefix;
import io.metalstack.peering.api.ApiUnreachableException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

import static io.metalstack.peering.agent.Intents.A;
import static io.metalstack.peering.agent.Intents.B;
import static io.metalstack.peering.agent.Intents.leaf;
import static io.metalstack.peering.agent.Intents.peered;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The FRR target against real daemons (netns VRF backend, see reference frr-lab.md): a leaf with VRFs vrf100 (A) and
 * vrf200 (B), each with a machine port and its connected prefixes. One lab for the class; the tests run in order,
 * each starting from the config the previous one left.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FrrTargetIT {
    private static final Duration CONVERGE = Duration.ofSeconds(30);
    private static final FrrRenderer RENDERER = new FrrRenderer();
    private static LabLeaf leaf;
    private static FrrTarget target;

    @BeforeAll
    static void startLeaf() {
        leaf = LabLeaf.start("agent-it");
        leaf.addVrf("vrf100", "swp1", List.of("10.0.8.1/22", "2001:db8:8::1/64"));
        leaf.addVrf("vrf200", "swp2", List.of("10.0.16.1/22", "2001:db8:16::1/64"));
        target = leaf.target();
    }

    @AfterAll
    static void stopLeaf() {
        leaf.close();
    }

    private static RenderedConfig render(V1SwitchIntent intent) {
        return RENDERER.render(IntentCodec.toModel(intent));
    }

    private static SortedMap<String, SortedSet<IpPrefix>> observeUntil(java.util.function.Predicate<SortedMap<String, SortedSet<IpPrefix>>> done) {
        return Poll.until(CONVERGE, () -> target.observe().orElseThrow(), done);
    }

    private static boolean has(SortedMap<String, SortedSet<IpPrefix>> seen, String vrf, String prefix) {
        return seen.getOrDefault(vrf, new java.util.TreeSet<>()).contains(IpPrefix.parse(prefix));
    }

    @Test
    @Order(1)
    void appliesARenderedLeafAndReadsBackTheLeakedPrefixes() throws Exception {
        target.apply(render(leaf(A.vrf(), B.vrf())));
        var own = observeUntil(s -> has(s, "vrf100", "10.0.8.0/22") && has(s, "vrf200", "10.0.16.0/22"));
        assertThat(own.get("vrf100")).doesNotContain(IpPrefix.parse("10.0.16.0/22"));

        target.apply(render(peered(A, B, "same-project")));

        var leaked = observeUntil(s -> has(s, "vrf100", "10.0.16.0/22") && has(s, "vrf200", "10.0.8.0/22")
                && has(s, "vrf100", "2001:db8:16::/64") && has(s, "vrf200", "2001:db8:8::/64"));
        assertThat(leaked.get("vrf100")).extracting(IpPrefix::toString)
                .containsExactlyInAnyOrder("10.0.8.0/22", "10.0.16.0/22", "2001:db8:8::/64", "2001:db8:16::/64");
        assertThat(leaked.get("vrf200")).extracting(IpPrefix::toString)
                .containsExactlyInAnyOrder("10.0.8.0/22", "10.0.16.0/22", "2001:db8:8::/64", "2001:db8:16::/64");
        assertThat(Files.readString(leaf.configFile())).isEqualTo(render(peered(A, B, "same-project")).frrConf());
        assertThat(leaf.runningConfig()).contains("import vrf vrf200", "import vrf vrf100");
    }

    @Test
    @Order(2)
    void aConfigFrrRejectsAtApplyIsRolledBack() throws Exception {
        String good = render(peered(A, B, "same-project")).frrConf();
        String runningBefore = leaf.runningConfig();
        // passes vtysh -C (no semantics there), but bgpd refuses it: "% Cannot import vrf vrf100 into itself"
        String bad = good.replace("  import vrf vrf200\n", "  import vrf vrf200\n  import vrf vrf100\n");
        assertThat(bad).isNotEqualTo(good);
        Path check = leaf.lab().dir().resolve("bad.conf");
        Files.writeString(check, bad);
        assertThat(new Vtysh("vtysh", null).syntaxProblems(check)).as("vtysh -C accepts it").isEmpty();

        assertThatThrownBy(() -> target.apply(new RenderedConfig(new TreeMap<>(Map.of(FrrRenderer.FRR_CONF, bad)), List.of())))
                .isInstanceOf(ApplyTarget.ApplyException.class)
                .hasMessageContaining("FRR rejected the config at apply (full reload)")
                .hasMessageContaining("into itself")
                .hasMessageContaining("the last good config was restored");

        assertThat(leaf.runningConfig()).isEqualTo(runningBefore);
        assertThat(Files.readString(leaf.configFile())).isEqualTo(good);
        assertThat(target.observe().orElseThrow().get("vrf100")).contains(IpPrefix.parse("10.0.16.0/22"));
    }

    @Test
    @Order(3)
    void aConfigThatFailsVtyshCheckIsNeverApplied() throws Exception {
        String good = render(peered(A, B, "same-project")).frrConf();
        String runningBefore = leaf.runningConfig();
        String typo = good.replace(" neighbor MACHINE timers 2 8\n", " neighbr MACHINE timers 2 8\n");

        assertThatThrownBy(() -> target.apply(new RenderedConfig(new TreeMap<>(Map.of(FrrRenderer.FRR_CONF, typo)), List.of())))
                .isInstanceOf(ApplyTarget.ApplyException.class)
                .hasMessageContaining("vtysh -C rejected the rendered config, nothing applied")
                .hasMessageContaining("neighbr");

        assertThat(leaf.runningConfig()).isEqualTo(runningBefore);
        assertThat(Files.readString(leaf.configFile())).isEqualTo(good);
    }

    @Test
    @Order(4)
    void withTheServerDownTheAgentKeepsTheConfig() {
        V1SwitchIntent peeredIntent = peered(A, B, "same-project");
        int[] calls = {0};
        SwitchApi flaky = new SwitchApi() {
            @Override
            public V1SwitchIntentResponse intent(Long after, Duration timeout) {
                if (calls[0]++ == 0) {
                    return SwitchIntentBuilder.answer(11, peeredIntent);
                }
                throw new ApiUnreachableException("connection refused (metal-api stopped)", null);
            }

            @Override
            public void notify(V1SwitchNotifyRequest report) {
                if (calls[0] > 1) {
                    throw new ApiUnreachableException("connection refused (metal-api stopped)", null);
                }
            }
        };
        Agent agent = new Agent("leaf01", flaky, new Reconciler(target, RENDERER, System::nanoTime, Duration.ofSeconds(10)), Agent.Settings.defaults(), d -> { });
        String before = leaf.runningConfig();

        assertThat(agent.step()).isEqualTo(Agent.Step.RECONCILED);
        for (int i = 0; i < 5; i++) {
            assertThat(agent.step()).isEqualTo(Agent.Step.FAILED);
        }

        assertThat(leaf.runningConfig()).isEqualTo(before).contains("import vrf vrf200");
        assertThat(target.observe().orElseThrow().get("vrf100")).contains(IpPrefix.parse("10.0.16.0/22"));
    }

    @Test
    @Order(5)
    void removingThePeeringWithdrawsTheLeakedRoutes() throws Exception {
        target.apply(render(leaf(A.vrf(), B.vrf())));

        var after = observeUntil(s -> !has(s, "vrf100", "10.0.16.0/22") && !has(s, "vrf200", "10.0.8.0/22")
                && !has(s, "vrf100", "2001:db8:16::/64"));
        assertThat(after.get("vrf100")).extracting(IpPrefix::toString).containsExactlyInAnyOrder("10.0.8.0/22", "2001:db8:8::/64");
        assertThat(after.get("vrf200")).extracting(IpPrefix::toString).containsExactlyInAnyOrder("10.0.16.0/22", "2001:db8:16::/64");
        assertThat(leaf.runningConfig()).doesNotContain("import vrf vrf200").doesNotContain("import vrf vrf100");
    }

    @Test
    @Order(6)
    void aDeltaFrrRefusesIsUndoneByAFullReloadOfTheLastGoodConfig() throws Exception {
        // vtysh, except that loading a delta also loads a line bgpd refuses (vtysh -C cannot see it): the trigger is
        // ours, the refusal FRR's
        Path selfImport = leaf.lab().dir().resolve("self-import.conf");
        Files.writeString(selfImport, "router bgp 4200000011 vrf vrf100\n address-family ipv4 unicast\n  import vrf vrf100\n");
        Path refusing = leaf.lab().dir().resolve("vtysh-refusing");
        Files.writeString(refusing, String.join("\n", "#!/bin/sh",
                "case \"$4\" in 'configure terminal') vtysh \"$@\"; exec vtysh \"$1\" \"$2\" -f '" + selfImport + "';; esac",
                "exec vtysh \"$@\"", ""));
        Files.setPosixFilePermissions(refusing, PosixFilePermissions.fromString("rwxr-xr-x"));
        FrrTarget refusingTarget = new FrrTarget(leaf.configFile(), new Vtysh(refusing.toString(), leaf.socketDir()),
                new ReloadDelta("/usr/lib/frr/frr-reload.py"), Duration.ofMinutes(10));
        refusingTarget.apply(render(peered(A, B, "same-project")));
        String runningBefore = leaf.runningConfig();
        String fileBefore = Files.readString(leaf.configFile());

        assertThatThrownBy(() -> refusingTarget.apply(render(leaf(A.vrf(), B.vrf()))))
                .isInstanceOf(ApplyTarget.ApplyException.class)
                .hasMessageContaining("FRR rejected the config at apply (delta push)")
                .hasMessageContaining("into itself")
                .hasMessageContaining("the last good config was restored");

        assertThat(leaf.runningConfig()).isEqualTo(runningBefore).contains("import vrf vrf200");
        assertThat(Files.readString(leaf.configFile())).isEqualTo(fileBefore);
        target.apply(render(peered(A, B, "same-project")));
        target.apply(render(leaf(A.vrf(), B.vrf())));
        assertThat(leaf.runningConfig()).doesNotContain("import vrf vrf200", "route-map vrf100-import-map");
    }

    @Test
    @Order(7)
    void afterTheDriftCheckIntervalAnApplyIsAFullReloadThatRepairsChangesByHand() throws Exception {
        AtomicLong clock = new AtomicLong();
        List<String> loads = new ArrayList<>();
        FrrTarget drifting = new FrrTarget(leaf.configFile(), new Vtysh("vtysh", leaf.socketDir()),
                new ReloadDelta("/usr/lib/frr/frr-reload.py"), Duration.ofMinutes(10), clock::get, loads::add);
        drifting.apply(render(leaf(A.vrf(), B.vrf())));
        assertThat(loads).as("the first apply").contains("config").doesNotContain("delta");
        loads.clear();
        clock.addAndGet(Duration.ofMinutes(9).toNanos());
        drifting.apply(render(peered(A, B, "same-project")));
        assertThat(loads).as("an apply within the interval").containsExactly("delta");
        assertThat(drifting.driftCheckDue()).isFalse();
        Path byHand = leaf.lab().dir().resolve("by-hand.conf");
        Files.writeString(byHand, "ip prefix-list by-hand seq 5 permit 10.9.9.0/24\n");
        assertThat(new Vtysh("vtysh", leaf.socketDir()).load(byHand)).isEmpty();
        loads.clear();
        clock.addAndGet(Duration.ofMinutes(1).toNanos());
        assertThat(drifting.driftCheckDue()).as("ten minutes after the last full reload").isTrue();

        drifting.apply(render(leaf(A.vrf(), B.vrf())));

        assertThat(loads).as("an apply after the interval").contains("config", "deletions").doesNotContain("delta");
        assertThat(drifting.driftCheckDue()).isFalse();
        assertThat(leaf.runningConfig()).doesNotContain("by-hand", "import vrf vrf200");
    }

    @Test
    @Order(8)
    void aPeerVrfWithoutPortComesAndGoesByDeltaPushes() throws Exception {
        Intents.Net e = new Intents.Net(500, "net-e", "p1", "child", null, List.of("10.0.40.0/22"));
        List<String> loads = new ArrayList<>();
        FrrTarget pushing = new FrrTarget(leaf.configFile(), new Vtysh("vtysh", leaf.socketDir()),
                new ReloadDelta("/usr/lib/frr/frr-reload.py"), Duration.ofMinutes(10), System::nanoTime, loads::add);
        pushing.apply(render(leaf(A.vrf(), B.vrf())));
        loads.clear();

        pushing.apply(render(leaf(A.vrf(e.asImport("same-project")), B.vrf(), e.vrf(A.asImport("same-project")))));

        assertThat(leaf.runningConfig()).contains("vrf vrf500\n", " vni 500", "router bgp 4200000011 vrf vrf500", "import vrf vrf500",
                "route-map vrf500-import-map permit 10");
        // no routes to read: with the netns backend a VRF without a namespace (no port here) stays inactive in zebra

        pushing.apply(render(leaf(A.vrf(), B.vrf())));

        assertThat(loads).containsExactly("delta", "delta");
        assertThat(leaf.runningConfig()).doesNotContain("vrf500");
    }
    /**
     * A delta push with a line FRR's parser refuses (a vtysh wrapper puts a misspelt {@code match} right after the first
     * {@code match source-vrf} the agent pushes: the refusal is FRR's, its trigger ours): vtysh stops at that line, so
     * none of the delta's later lines reach the daemons (no {@code import vrf}, no entry turned into a permit), and the
     * apply restores the last good config. With a load that goes on after a refused line ({@code vtysh -f}) the running
     * config after the push would hold the imports.
     */
    @Test
    @Order(9)
    void aDeltaLineFrrsParserRefusesStopsThePushWhichIsRolledBack() throws Exception {
        Path refusing = leaf.lab().dir().resolve("vtysh-misspelling");
        Files.writeString(refusing, String.join("\n", "#!/bin/sh",
                "n=$#; done=",
                "for a in \"$@\"; do",
                "  set -- \"$@\" \"$a\"",
                "  case \"$a\" in *'match source-vrf '*) [ -z \"$done\" ] && set -- \"$@\" -c ' matchh source-vrf vrf200' && done=1;; esac",
                "done",
                "shift $n",
                "exec vtysh \"$@\"", ""));
        Files.setPosixFilePermissions(refusing, PosixFilePermissions.fromString("rwxr-xr-x"));
        List<String> afterPush = new ArrayList<>();
        FrrTarget misspelling = new FrrTarget(leaf.configFile(), new Vtysh(refusing.toString(), leaf.socketDir()),
                new ReloadDelta("/usr/lib/frr/frr-reload.py"), Duration.ofMinutes(10), System::nanoTime,
                step -> afterPush.add(step + ":\n" + leaf.runningConfig()));
        misspelling.apply(render(leaf(A.vrf(), B.vrf())));
        afterPush.clear();
        String runningBefore = leaf.runningConfig();
        String fileBefore = Files.readString(leaf.configFile());

        assertThatThrownBy(() -> misspelling.apply(render(peered(A, B, "same-project"))))
                .isInstanceOf(ApplyTarget.ApplyException.class)
                .hasMessageContaining("FRR rejected the config at apply (delta push)")
                .hasMessageContaining("Unknown command").hasMessageContaining("matchh source-vrf vrf200")
                .hasMessageContaining("the lines after it were not applied")
                .hasMessageContaining("the last good config was restored");

        assertThat(afterPush).as("the running config right after the push, then the restore's loads").isNotEmpty();
        String pushed = afterPush.get(0);
        assertThat(pushed).startsWith("delta:").contains("match source-vrf")
                .doesNotContain("import vrf vrf200", "import vrf vrf100", "import vrf route-map");
        assertThat(ImportMapReloadIT.barePermits(pushed.substring(pushed.indexOf('\n') + 1))).isEmpty();
        assertThat(pushed).doesNotContainPattern("route-map vrf\\d+-import-map permit");
        assertThat(leaf.runningConfig()).isEqualTo(runningBefore);
        assertThat(Files.readString(leaf.configFile())).isEqualTo(fileBefore);
    }
}
