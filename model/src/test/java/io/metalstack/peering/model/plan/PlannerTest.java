package io.metalstack.peering.model.plan;

import io.metalstack.peering.model.AddressFamily;
import io.metalstack.peering.model.Approval;
import io.metalstack.peering.model.Asn;
import io.metalstack.peering.model.DomainException;
import io.metalstack.peering.model.Network;
import io.metalstack.peering.model.NetworkType;
import io.metalstack.peering.model.Peering;
import io.metalstack.peering.model.PeeringId;
import io.metalstack.peering.model.SwitchRole;
import io.metalstack.peering.model.Vni;
import io.metalstack.peering.model.rules.ImportReason;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import static io.metalstack.peering.model.plan.Fabric.net;
import static io.metalstack.peering.model.plan.Fabric.port;
import static io.metalstack.peering.model.plan.Fabric.prefixes;
import static io.metalstack.peering.model.plan.Fabric.sw;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PlannerTest {

    /** Project p-a: networks a (vrf 100), b (vrf 200), c (vrf 300); three leaves. */
    private static Fabric abc() {
        return new Fabric().partition("p1").project("p-a")
                .child("a", "p-a", 100, "10.0.8.0/22")
                .child("b", "p-a", 200, "10.0.16.0/22")
                .child("c", "p-a", 300, "10.0.24.0/22")
                .leaf("leaf01", "z1", "swp1", "swp2", "swp3", "swp4")
                .leaf("leaf02", "z1", "swp1", "swp2", "swp3", "swp4")
                .leaf("leaf03", "z2", "swp1", "swp2", "swp3", "swp4");
    }

    private static Map<Vni, VrfIntent> vrfs(Plan plan, String leaf) {
        return plan.intent(sw(leaf)).orElseThrow().vrfs().stream().collect(Collectors.toMap(VrfIntent::vni, Function.identity()));
    }

    private static Set<Integer> importsOf(VrfIntent vrf) {
        return vrf.imports().stream().map(i -> i.from().value()).collect(Collectors.toSet());
    }

    @Test
    void machinePortsCarryTheirPrimaryNetworksVrfFirewallsAndFreePortsStayInTheDefaultVrf() {
        Inventory inv = abc().shared("storage", "p-s", 400, "10.1.0.0/22").project("p-s")
                .network("underlay", "p1", null, NetworkType.UNDERLAY, 1000, "10.255.0.0/24")
                .machine("m1", "p-a", "a", "leaf01:swp1", "leaf02:swp1")
                .unallocated("m2", "leaf01:swp2")
                .firewall("fw1", "p-a", List.of("a", "underlay", "storage"), "leaf01:swp3")
                .build();

        SwitchIntent leaf01 = Planner.plan(inv).intent(sw("leaf01")).orElseThrow();

        assertThat(leaf01.uplinks()).containsExactly(port("swp31"), port("swp32"));
        assertThat(leaf01.unprovisioned()).containsExactly(port("swp2"));
        assertThat(leaf01.firewalls()).containsExactly(new FirewallPort(port("swp3"), List.of(Vni.of(100), Vni.of(400)), List.of()));
        assertThat(leaf01.vrfs()).hasSize(1);
        VrfIntent a = leaf01.vrfs().get(0);
        assertThat(a.vni()).isEqualTo(Vni.of(100));
        assertThat(a.machinePorts()).containsExactly(port("swp1"));
        assertThat(a.ownPrefixes()).isEqualTo(prefixes("10.0.8.0/22"));
        assertThat(a.imports()).isEmpty();
        assertThat(a.families()).containsExactly(AddressFamily.IPV4);
        assertThat(Planner.plan(inv).intent(sw("leaf03")).orElseThrow().vrfs()).isEmpty();
    }

    @Test
    void aPeeringInstantiatesThePeerVrfWhereEitherSideIsLocalAndImportsRunBothWays() {
        Inventory inv = abc().machine("m1", "p-a", "a", "leaf01:swp1").machine("m2", "p-a", "b", "leaf02:swp1")
                .peering("ab", "a", "b").build();
        Plan plan = Planner.plan(inv);

        Map<Vni, VrfIntent> leaf01 = vrfs(plan, "leaf01");
        assertThat(leaf01.keySet()).containsExactlyInAnyOrder(Vni.of(100), Vni.of(200));
        assertThat(leaf01.get(Vni.of(100)).local()).isTrue();
        VrfImport aFromB = leaf01.get(Vni.of(100)).imports().get(0);
        assertThat(aFromB).isEqualTo(new VrfImport(Vni.of(200), net("b"), ImportReason.SAME_PROJECT, prefixes("10.0.16.0/22")));
        VrfIntent peerB = leaf01.get(Vni.of(200));
        assertThat(peerB.local()).isFalse();
        assertThat(peerB.imports()).containsExactly(new VrfImport(Vni.of(100), net("a"), ImportReason.SAME_PROJECT, prefixes("10.0.8.0/22")));

        Map<Vni, VrfIntent> leaf02 = vrfs(plan, "leaf02");
        assertThat(importsOf(leaf02.get(Vni.of(200)))).containsExactly(100);
        assertThat(importsOf(leaf02.get(Vni.of(100)))).containsExactly(200);
        assertThat(leaf02.get(Vni.of(100)).local()).isFalse();
        assertThat(vrfs(plan, "leaf03")).isEmpty();
    }

    @Test
    void importsAreNotTransitive() {
        // a-b and b-c, with a on leaf01, b on leaf02, c on leaf03
        Inventory inv = abc().machine("m1", "p-a", "a", "leaf01:swp1").machine("m2", "p-a", "b", "leaf02:swp1")
                .machine("m3", "p-a", "c", "leaf03:swp1").peering("ab", "a", "b").peering("bc", "b", "c").build();
        Plan plan = Planner.plan(inv);

        Map<Vni, VrfIntent> leaf01 = vrfs(plan, "leaf01");
        assertThat(leaf01.keySet()).containsExactlyInAnyOrder(Vni.of(100), Vni.of(200));
        assertThat(importsOf(leaf01.get(Vni.of(100)))).containsExactly(200);
        assertThat(importsOf(leaf01.get(Vni.of(200)))).as("peer VRF b imports only from the local a, not from c").containsExactly(100);

        Map<Vni, VrfIntent> leaf02 = vrfs(plan, "leaf02");
        assertThat(leaf02.keySet()).containsExactlyInAnyOrder(Vni.of(100), Vni.of(200), Vni.of(300));
        assertThat(importsOf(leaf02.get(Vni.of(200)))).containsExactlyInAnyOrder(100, 300);
        assertThat(importsOf(leaf02.get(Vni.of(100)))).as("a never sees c, even where both are instantiated").containsExactly(200);
        assertThat(importsOf(leaf02.get(Vni.of(300)))).containsExactly(200);
        assertThat(leaf02.get(Vni.of(100)).imports()).flatExtracting(VrfImport::prefixes).containsExactly(prefixes("10.0.16.0/22").get(0));

        Map<Vni, VrfIntent> leaf03 = vrfs(plan, "leaf03");
        assertThat(leaf03.keySet()).containsExactlyInAnyOrder(Vni.of(200), Vni.of(300));
        assertThat(importsOf(leaf03.get(Vni.of(200)))).containsExactly(300);
    }

    @Test
    void twoPeerVrfsOnOneSwitchDoNotImportFromEachOther() {
        // a local on leaf01, peered with b and c, which are also peered with each other: b and c are peer VRFs here
        Inventory inv = abc().machine("m1", "p-a", "a", "leaf01:swp1").peering("ab", "a", "b").peering("ac", "a", "c")
                .peering("bc", "b", "c").build();
        Map<Vni, VrfIntent> leaf01 = vrfs(Planner.plan(inv), "leaf01");
        assertThat(importsOf(leaf01.get(Vni.of(100)))).containsExactlyInAnyOrder(200, 300);
        assertThat(importsOf(leaf01.get(Vni.of(200)))).containsExactly(100);
        assertThat(importsOf(leaf01.get(Vni.of(300)))).containsExactly(100);
    }

    @Test
    void onlyTheFamiliesThePeeringExchangesAreImported() {
        Inventory inv = abc()
                .child("ds", "p-a", 500, "10.2.0.0/24", "2001:db8:1::/64")
                .child("v4", "p-a", 600, "10.3.0.0/24")
                .external("internet", 104009, true, true, List.of("185.1.2.0/24", "2001:db8:ff::/48"), List.of("0.0.0.0/0", "::/0"))
                .machine("m1", "p-a", "ds", "leaf01:swp1")
                .peering("p1", "ds", "v4").peering("p2", "ds", "internet").build();
        Map<Vni, VrfIntent> leaf01 = vrfs(Planner.plan(inv), "leaf01");

        VrfIntent ds = leaf01.get(Vni.of(500));
        assertThat(ds.families()).containsExactlyInAnyOrder(AddressFamily.IPV4, AddressFamily.IPV6);
        assertThat(ds.imports()).containsExactly(
                new VrfImport(Vni.of(600), net("v4"), ImportReason.SAME_PROJECT, prefixes("10.3.0.0/24")),
                // the internet NATs and ds's IPv4 is private-use: IPv6 only
                new VrfImport(Vni.of(104009), net("internet"), ImportReason.EXTERNAL, prefixes("2001:db8:ff::/48", "::/0")));
        assertThat(leaf01.get(Vni.of(104009)).imports()).containsExactly(
                new VrfImport(Vni.of(500), net("ds"), ImportReason.EXTERNAL, prefixes("2001:db8:1::/64")));
        assertThat(leaf01.get(Vni.of(600)).imports()).containsExactly(
                new VrfImport(Vni.of(500), net("ds"), ImportReason.SAME_PROJECT, prefixes("10.2.0.0/24")));
    }

    @Test
    void aPeeringThatExchangesNoFamilyInstantiatesNothing() {
        Inventory inv = abc().child("v6", "p-a", 700, "2001:db8:7::/64").machine("m1", "p-a", "a", "leaf01:swp1")
                .peering("p", "a", "v6").build();
        assertThat(vrfs(Planner.plan(inv), "leaf01").keySet()).containsExactly(Vni.of(100));
    }

    @Test
    void sharedAndPeerableExternalNetworksMayCrossProjectsWithTheirReason() {
        Inventory inv = abc().project("p-s").shared("storage", "p-s", 400, "10.1.0.0/22")
                .external("dci", 104010, true, false, List.of("10.200.0.0/16"), List.of())
                .machine("m1", "p-a", "a", "leaf01:swp1")
                .peering("s", "a", "storage").peering("x", "dci", "a").build();
        VrfIntent a = vrfs(Planner.plan(inv), "leaf01").get(Vni.of(100));
        assertThat(a.imports()).extracting(VrfImport::reason).containsExactly(ImportReason.SHARED, ImportReason.EXTERNAL);
    }

    @Test
    void refusesAnImportAcrossProjectsWithoutAReasonEvenIfTheInventoryHoldsSuchAPeering() {
        Fabric f = abc().project("p-b").child("foreign", "p-b", 800, "10.8.0.0/24").machine("m1", "p-a", "a", "leaf01:swp1")
                .peering("evil", "a", "foreign");
        assertThatThrownBy(() -> Planner.plan(f.build()))
                .isInstanceOf(DomainException.Unprocessable.class)
                .hasMessageContaining("evil").hasMessageContaining("across projects");

        // the foreign side local instead: refused just the same
        Fabric g = abc().project("p-b").child("foreign", "p-b", 800, "10.8.0.0/24")
                .machine("m9", "p-b", "foreign", "leaf02:swp1").peering("evil", "a", "foreign");
        assertThatThrownBy(() -> Planner.plan(g.build())).isInstanceOf(DomainException.Unprocessable.class);
    }

    @Test
    void refusesANonPeerableExternalNetworkOfNoProject() {
        Inventory inv = abc().external("internet", 104009, false, false, List.of("185.1.2.0/24"), List.of("0.0.0.0/0"))
                .machine("m1", "p-a", "a", "leaf01:swp1").peering("x", "a", "internet").build();
        assertThatThrownBy(() -> Planner.plan(inv)).isInstanceOf(DomainException.Unprocessable.class)
                .hasMessageContaining("peerable");
    }

    @Test
    void refusesLocalPeeringOfPrivateNetworksAcrossPartitions() {
        Inventory inv = abc().partition("p2").network("far", "p2", "p-a", NetworkType.CHILD, 900, "10.9.0.0/24")
                .machine("m1", "p-a", "a", "leaf01:swp1").peering("x", "a", "far").build();
        assertThatThrownBy(() -> Planner.plan(inv)).isInstanceOf(DomainException.Unprocessable.class)
                .hasMessageContaining("partitions");
    }

    @Test
    void aRefusedPeeringWithNoLocalSideEmitsNothingAndIsNotAnError() {
        Inventory inv = abc().project("p-b").child("foreign", "p-b", 800, "10.8.0.0/24").peering("evil", "a", "foreign").build();
        assertThat(Planner.plan(inv).intents().values()).allSatisfy(i -> assertThat(i.vrfs()).isEmpty());
    }

    @Test
    void zonesAreNumberedPerPartitionInNameOrder() {
        Inventory inv = new Fabric().partition("p1").partition("p2")
                .leaf("l1", "room-b").leaf("l2", "room-a").leaf("l3", "room-b")
                .switchOf("l4", "p2", "zz", SwitchRole.LEAF).switchOf("l5", "p2", "", SwitchRole.LEAF).build();
        Plan plan = Planner.plan(inv);
        Map<String, Integer> zones = plan.intents().values().stream()
                .collect(Collectors.toMap(i -> i.id().value(), SwitchIntent::zone));
        assertThat(zones).isEqualTo(Map.of("l1", 2, "l2", 1, "l3", 2, "l4", 2, "l5", 1));
    }

    @Test
    void vlansStayStableWhenVrfsComeAndGo() {
        Fabric f = abc().machine("m1", "p-a", "a", "leaf01:swp1").machine("m3", "p-a", "c", "leaf01:swp3");
        Plan before = Planner.plan(f.build());
        assertThat(before.vlans().get(sw("leaf01"))).isEqualTo(Map.of(Vni.of(100), 1001, Vni.of(300), 1002));

        // a goes away, b comes: c keeps 1002, b takes the freed 1001
        f.machines.remove("m1");
        f.machine("m2", "p-a", "b", "leaf01:swp2");
        Plan after = Planner.plan(f.build(), before.vlans());
        assertThat(after.vlans().get(sw("leaf01"))).isEqualTo(Map.of(Vni.of(200), 1001, Vni.of(300), 1002));
    }

    @Test
    void anExternalPeeringPutsAnEbgpSessionInNetwork1sVrfOnTheExitSwitch() {
        Inventory inv = abc().switchOf("exit01", "p1", "z1", SwitchRole.EXIT, "Ethernet0")
                .external("internet", 104009, true, false, List.of("185.1.2.0/24"), List.of("0.0.0.0/0"))
                .child("pub", "p-a", 110, "185.9.9.0/24")
                .externalPeering("ext", "pub", "internet", "Ethernet0@exit01", 65000, "172.16.0.1/30", 65001, "172.16.0.2/30")
                .build();
        SwitchIntent exit = Planner.plan(inv).intent(sw("exit01")).orElseThrow();
        assertThat(exit.external()).hasSize(1);
        ExternalSession s = exit.external().get(0);
        assertThat(s.peering()).isEqualTo(new PeeringId("ext"));
        assertThat(s.port()).isEqualTo(port("Ethernet0"));
        assertThat(s.vrf()).isEqualTo(Vni.of(110));
        assertThat(s.localAs()).isEqualTo(Asn.of(65000));
        assertThat(s.remoteAs()).isEqualTo(Asn.of(65001));
        assertThat(s.exportPrefixes()).isEqualTo(prefixes("185.9.9.0/24"));
        // from an internet network only its default route (rules.ExternalFilters), not its own address space
        assertThat(s.importPrefixes()).isEqualTo(prefixes("0.0.0.0/0"));
        assertThat(s.maxPrefixes()).isEqualTo(Planner.EXTERNAL_MAX_PREFIXES);
        assertThat(s.hasPassword()).isFalse();
        assertThat(exit.vrfs()).extracting(VrfIntent::vni).containsExactly(Vni.of(110));
        assertThat(vrfs(Planner.plan(inv), "leaf01")).isEmpty();
    }

    @Test
    void twoNetworksWithOneVrfOnOneSwitchAreRefused() {
        Inventory inv = abc().child("twin", "p-a", 100, "10.7.0.0/24").machine("m1", "p-a", "a", "leaf01:swp1")
                .machine("m2", "p-a", "twin", "leaf01:swp2").build();
        assertThatThrownBy(() -> Planner.plan(inv)).isInstanceOf(DomainException.Unprocessable.class).hasMessageContaining("vrf 100");
    }

    @Test
    void aPortWithTwoMachinesIsAConflict() {
        Inventory inv = abc().machine("m1", "p-a", "a", "leaf01:swp1").machine("m2", "p-a", "b", "leaf01:swp1").build();
        assertThatThrownBy(() -> Planner.plan(inv)).isInstanceOf(DomainException.Conflict.class).hasMessageContaining("swp1");
    }

    @Test
    void aMachineInAnUnknownNetworkIsReported() {
        Inventory inv = abc().machine("m1", "p-a", "ghost", "leaf01:swp1").build();
        assertThatThrownBy(() -> Planner.plan(inv)).isInstanceOf(DomainException.Unprocessable.class).hasMessageContaining("ghost");
    }

    @Test
    void theInventorysOrderDoesNotMatter() {
        Fabric f = abc().machine("m1", "p-a", "a", "leaf01:swp1", "leaf02:swp2").machine("m2", "p-a", "b", "leaf02:swp1")
                .machine("m3", "p-a", "c", "leaf03:swp1").peering("ab", "a", "b").peering("bc", "b", "c").peering("ac", "a", "c");
        Inventory inv = f.build();
        Inventory reversed = new Inventory(reverse(inv.partitions()), inv.projects(), reverse(inv.networks()),
                reverse(inv.switches()), reverse(inv.machines()), reverse(inv.peerings()));
        assertThat(Planner.plan(reversed)).isEqualTo(Planner.plan(inv));
        assertThat(Planner.plan(reversed).intents().values().stream().toList())
                .isEqualTo(Planner.plan(inv).intents().values().stream().toList());
    }

    @Test
    void aChangeAffectsOnlyTheSwitchesWhereItsNetworksAreLocalAndTheReplanEqualsAFullPlan() {
        Fabric f = abc().leaf("leaf04", "z2", "swp1").machine("m1", "p-a", "a", "leaf01:swp1").machine("m2", "p-a", "b", "leaf02:swp1")
                .machine("m3", "p-a", "c", "leaf03:swp1").machine("m4", "p-a", "c", "leaf04:swp1").peering("bc", "b", "c");
        Plan before = Planner.plan(f.build());
        Map<InventoryChange, Set<String>> expected = Map.of(
                new InventoryChange.PeeringSet(Fabric.localPeering("ab", "a", "b")), Set.of("leaf01", "leaf02"),
                new InventoryChange.PeeringRemoved(new PeeringId("bc")), Set.of("leaf02", "leaf03", "leaf04"),
                new InventoryChange.MachineRemoved(new io.metalstack.peering.model.MachineId("m1")), Set.of("leaf01"),
                new InventoryChange.NetworkSet(withPrefixes(f.networks.get("c"), "10.0.32.0/22")), Set.of("leaf02", "leaf03", "leaf04"));
        expected.forEach((change, switches) -> {
            assertThat(Planner.affected(before, change)).extracting(io.metalstack.peering.model.SwitchId::value)
                    .as(change.toString()).containsExactlyInAnyOrderElementsOf(switches);
            Plan replanned = Planner.replan(before, change);
            assertThat(replanned).isEqualTo(Planner.plan(change.applyTo(before.inventory()), before.vlans()));
            assertThat(replanned).isNotEqualTo(before);
        });
    }

    @Test
    void aDisabledPeeringIsPlannedAsAbsentAndReEnablingBringsBackExactlyWhatItHad() {
        Fabric f = abc().switchOf("exit01", "p1", "z1", SwitchRole.EXIT, "Ethernet0")
                .external("internet", 104009, true, false, List.of("185.1.2.0/24"), List.of("0.0.0.0/0"))
                .machine("m1", "p-a", "a", "leaf01:swp1").machine("m2", "p-a", "b", "leaf02:swp1")
                .externalPeering("ext", "a", "internet", "Ethernet0@exit01", 65000, "172.16.0.1/30", 65001, "172.16.0.2/30");
        Inventory none = f.build();
        Plan enabled = Planner.plan(f.peering("ab", "a", "b").build());
        Peering ab = f.peerings.get("ab");
        Peering ext = f.peerings.get("ext");
        assertThat(vrfs(enabled, "leaf01").get(Vni.of(100)).imports()).isNotEmpty();
        assertThat(enabled.intent(sw("exit01")).orElseThrow().external()).hasSize(1);

        Plan disabled = Planner.replan(Planner.replan(enabled, new InventoryChange.PeeringSet(ab.withEnabled(false))),
                new InventoryChange.PeeringSet(ext.withEnabled(false)));
        // no VRF, no import, no session: the switches get what they would without the peerings
        // (with the VLANs the switches had, which stay stable)
        Plan without = Planner.plan(new Inventory(none.partitions(), none.projects(), none.networks(), none.switches(), none.machines(), List.of()),
                enabled.vlans());
        assertThat(disabled.intents()).isEqualTo(without.intents());
        assertThat(disabled).isEqualTo(Planner.plan(disabled.inventory(), enabled.vlans()));
        assertThat(disabled.inventory().peerings()).hasSize(2);

        Plan reEnabled = Planner.replan(Planner.replan(disabled, new InventoryChange.PeeringSet(ab)), new InventoryChange.PeeringSet(ext));
        assertThat(reEnabled.intents()).isEqualTo(enabled.intents());
        assertThat(Planner.affected(disabled, new InventoryChange.PeeringSet(ab))).extracting(io.metalstack.peering.model.SwitchId::value)
                .containsExactlyInAnyOrder("leaf01", "leaf02");
    }

    @Test
    void aPeeringAwaitingApprovalIsPlannedAsAbsentAsARejectedOneAndApprovingBringsItOnTheSwitches() {
        Fabric f = abc().project("p-s").shared("storage", "p-s", 400, "10.1.0.0/22")
                .machine("m1", "p-a", "a", "leaf01:swp1").machine("m2", "p-s", "storage", "leaf02:swp1");
        Plan approved = Planner.plan(f.peering("s", "a", "storage").build());
        Peering s = f.peerings.get("s");
        assertThat(vrfs(approved, "leaf01").get(Vni.of(100)).imports()).isNotEmpty();
        Plan without = Planner.plan(new Inventory(approved.inventory().partitions(), approved.inventory().projects(),
                approved.inventory().networks(), approved.inventory().switches(), approved.inventory().machines(), List.of()), approved.vlans());
        for (Approval withheld : List.of(Approval.AWAITING, Approval.REJECTED, Approval.EXPIRED)) {
            Plan awaiting = Planner.replan(approved, new InventoryChange.PeeringSet(s.withApproval(withheld)));
            assertThat(awaiting.intents()).as(withheld.wire()).isEqualTo(without.intents());
            assertThat(awaiting).isEqualTo(Planner.plan(awaiting.inventory(), approved.vlans()));
            assertThat(awaiting.inventory().peerings()).hasSize(1);
            Plan back = Planner.replan(awaiting, new InventoryChange.PeeringSet(s.withApproval(Approval.APPROVED)));
            assertThat(back.intents()).isEqualTo(approved.intents());
        }
    }

    @Test
    void aSelectivePeeringImportsExactlyTheSelectionOnEverySwitchAndAChangeOfItReplans() {
        Fabric f = abc().machine("m1", "p-a", "a", "leaf01:swp1").machine("m2", "p-a", "b", "leaf02:swp1");
        io.metalstack.peering.model.ExchangedPrefixes selection = new io.metalstack.peering.model.ExchangedPrefixes(
                java.util.Optional.of(Fabric.prefixes("10.0.9.0/24")), java.util.Optional.of(Fabric.prefixes("10.0.16.0/25", "10.0.18.0/24")));
        Plan all = Planner.plan(f.peering("ab", "a", "b").build());
        Plan some = Planner.replan(all, new InventoryChange.PeeringSet(f.peerings.get("ab").withExchange(selection)));
        assertThat(some).isEqualTo(Planner.plan(some.inventory(), all.vlans()));
        // leaf01: a is local and imports what b lets it reach; the peer vrf b imports what a lets it reach
        assertThat(vrfs(some, "leaf01").get(Vni.of(100)).imports().get(0).prefixes()).isEqualTo(Fabric.prefixes("10.0.16.0/25", "10.0.18.0/24"));
        assertThat(vrfs(some, "leaf01").get(Vni.of(200)).imports().get(0).prefixes()).isEqualTo(Fabric.prefixes("10.0.9.0/24"));
        // leaf02, the other way round
        assertThat(vrfs(some, "leaf02").get(Vni.of(200)).imports().get(0).prefixes()).isEqualTo(Fabric.prefixes("10.0.9.0/24"));
        assertThat(vrfs(some, "leaf02").get(Vni.of(100)).imports().get(0).prefixes()).isEqualTo(Fabric.prefixes("10.0.16.0/25", "10.0.18.0/24"));
        // without a selection: the whole networks; a selection changes only the imports of the switches of a and b
        assertThat(vrfs(all, "leaf01").get(Vni.of(100)).imports().get(0).prefixes()).isEqualTo(Fabric.prefixes("10.0.16.0/22"));
        assertThat(Planner.affected(all, new InventoryChange.PeeringSet(f.peerings.get("ab").withExchange(selection))))
                .extracting(io.metalstack.peering.model.SwitchId::value).containsExactlyInAnyOrder("leaf01", "leaf02");
        assertThat(Planner.replan(some, new InventoryChange.PeeringSet(f.peerings.get("ab"))).intents()).isEqualTo(all.intents());
    }

    private static <T> List<T> reverse(List<T> l) {
        List<T> out = new java.util.ArrayList<>(l);
        java.util.Collections.reverse(out);
        return out;
    }

    static Network withPrefixes(Network n, String... prefixes) {
        return new Network(n.id(), n.name(), n.description(), n.partition(), n.project(), n.parent(), n.type(),
                prefixes(prefixes), n.destinationPrefixes(), n.vrf(), n.defaultChildPrefixLength(), n.nat(), n.labels(),
                n.created(), n.changed());
    }
}
