package io.metalstack.peering.server.store;

import io.metalstack.peering.model.AddressFamily;
import io.metalstack.peering.model.Allocation;
import io.metalstack.peering.model.Asn;
import io.metalstack.peering.model.BgpPeer;
import io.metalstack.peering.model.InterfaceAddress;
import io.metalstack.peering.model.IpPrefix;
import io.metalstack.peering.model.Ipv4Address;
import io.metalstack.peering.model.Labels;
import io.metalstack.peering.model.Machine;
import io.metalstack.peering.model.MachineConnection;
import io.metalstack.peering.model.MachineId;
import io.metalstack.peering.model.MachineRole;
import io.metalstack.peering.model.Network;
import io.metalstack.peering.model.NetworkId;
import io.metalstack.peering.model.NetworkType;
import io.metalstack.peering.model.Partition;
import io.metalstack.peering.model.PartitionId;
import io.metalstack.peering.model.Peering;
import io.metalstack.peering.model.Approval;
import io.metalstack.peering.model.ExchangedPrefixes;
import io.metalstack.peering.model.IpPrefix;
import io.metalstack.peering.model.PeeringId;
import io.metalstack.peering.model.PeeringOrigin;
import io.metalstack.peering.model.PeeringType;
import io.metalstack.peering.model.PortName;
import io.metalstack.peering.model.Project;
import io.metalstack.peering.model.ProjectId;
import io.metalstack.peering.model.Switch;
import io.metalstack.peering.model.SwitchId;
import io.metalstack.peering.model.SwitchOs;
import io.metalstack.peering.model.SwitchPort;
import io.metalstack.peering.model.SwitchRole;
import io.metalstack.peering.model.Vni;
import io.metalstack.peering.model.status.SwitchReport;
import io.metalstack.peering.model.status.Warning;
import io.metalstack.peering.server.auth.Role;
import io.metalstack.peering.server.auth.Token;
import org.junit.jupiter.api.Test;

import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each storage record holds its model record field for field, and a document written is read back as the same value. */
class StoredFormTest {

    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
    private static final Instant T1 = Instant.parse("2026-03-02T12:30:00.123Z");

    /**
     * A field added to a model record fails here until its storage record has it too (same name, same place): the one
     * edit is the storage record's component, its {@code of} and its reader.
     */
    @Test
    void everyStorageRecordHasTheFieldsOfItsModelRecord() {
        Map<Class<?>, Class<?>> pairs = Map.ofEntries(
                Map.entry(Partition.class, StoredPartition.class), Map.entry(Project.class, StoredProject.class),
                Map.entry(Network.class, StoredNetwork.class), Map.entry(Switch.class, StoredSwitch.class),
                Map.entry(SwitchPort.class, StoredSwitch.Port.class), Map.entry(Machine.class, StoredMachine.class),
                Map.entry(MachineConnection.class, StoredMachine.Connection.class), Map.entry(Allocation.class, StoredMachine.StoredAllocation.class),
                Map.entry(Peering.class, StoredPeering.class), Map.entry(BgpPeer.class, StoredPeering.Bgp.class),
                Map.entry(ExchangedPrefixes.class, StoredPeering.Exchange.class),
                Map.entry(Token.class, StoredToken.class), Map.entry(SwitchReport.class, StoredSwitchReport.class),
                Map.entry(SwitchReport.Session.class, StoredSwitchReport.Session.class),
                Map.entry(Warning.class, StoredSwitchReport.Warning.class));
        pairs.forEach((model, stored) -> assertThat(names(stored).stream().filter(n -> !n.equals("schema")).toList())
                .as("the fields of %s (storage record of %s)", stored.getSimpleName(), model.getSimpleName())
                .isEqualTo(names(model)));
    }

    @Test
    void aWrittenDocumentReadsAsTheSameValue() {
        Partition partition = new Partition(PartitionId.parse("fra"), "Frankfurt", "site", Labels.of(Map.of("a", "b")), T0, T1);
        assertThat(roundTrip(StoredPartition.FORM, partition)).isEqualTo(partition);
        Project project = new Project(ProjectId.parse("p1"), "one", "acme", "d", Labels.of(Map.of("auto-peer", "true")), T0, T1);
        assertThat(roundTrip(StoredProject.FORM, project)).isEqualTo(project);
        Network network = new Network(NetworkId.parse("n1"), "privnet1", "d", Optional.of(PartitionId.parse("fra")),
                Optional.of(ProjectId.parse("p1")), Optional.of(NetworkId.parse("super")), NetworkType.CHILD_SHARED,
                prefixes("10.0.0.0/22", "2001:db8::/64"), prefixes("0.0.0.0/0"), Optional.of(Vni.of(42)), Map.of(AddressFamily.IPV6, 64),
                true, Labels.of(Map.of("x", "y")), T0, T1, prefixes("10.244.0.0/16"));
        assertThat(roundTrip(StoredNetwork.FORM, network)).isEqualTo(network);
        Network bare = new Network(NetworkId.parse("u"), null, null, Optional.empty(), Optional.empty(), Optional.empty(), NetworkType.UNDERLAY,
                List.of(), List.of(), Optional.empty(), Map.of(), false, null, T0, T0);
        assertThat(roundTrip(StoredNetwork.FORM, bare)).isEqualTo(bare);
        Switch sw = new Switch(SwitchId.parse("leaf01"), PartitionId.parse("fra"), "r1", "room1", SwitchRole.LEAF, SwitchOs.CUMULUS,
                Asn.of(4200000011L), Ipv4Address.parse("10.255.0.11"),
                List.of(new SwitchPort(PortName.parse("swp1"), false), new SwitchPort(PortName.parse("swp49"), true)), T0, T1);
        assertThat(roundTrip(StoredSwitch.FORM, sw)).isEqualTo(sw);
        Machine machine = new Machine(MachineId.parse("m1"), "m", PartitionId.parse("fra"), MachineRole.FIREWALL,
                List.of(new MachineConnection(SwitchId.parse("leaf01"), PortName.parse("swp1"))),
                Optional.of(new Allocation(ProjectId.parse("p1"), List.of(NetworkId.parse("n1"), NetworkId.parse("internet")))), T0, T1);
        assertThat(roundTrip(StoredMachine.FORM, machine)).isEqualTo(machine);
        Peering peering = new Peering(PeeringId.parse("pe"), "to-isp", "d", Optional.of(ProjectId.parse("p1")), Optional.of(PartitionId.parse("fra")),
                NetworkId.parse("n1"), Optional.empty(), PeeringType.EXTERNAL, Optional.of(bgp()), PeeringOrigin.MANUAL,
                Labels.of(Map.of("k", "v")), T0, T1, false);
        assertThat(roundTrip(StoredPeering.FORM, peering)).isEqualTo(peering);
        Peering local = new Peering(PeeringId.parse("pl"), "a-b", "", Optional.of(ProjectId.parse("p1")), Optional.of(PartitionId.parse("fra")),
                NetworkId.parse("n1"), Optional.of(NetworkId.parse("n2")), PeeringType.LOCAL, Optional.empty(), PeeringOrigin.MANUAL,
                Labels.EMPTY, T0, T1, true, Approval.AWAITING,
                new ExchangedPrefixes(Optional.of(List.of(IpPrefix.parse("10.0.1.0/24"), IpPrefix.parse("2001:db8::/64"))), Optional.empty()));
        assertThat(roundTrip(StoredPeering.FORM, local)).isEqualTo(local);
        assertThat(StoredPeering.FORM.write(peering)).doesNotContain("approval").doesNotContain("exchange");
        Token token = new Token("t1", "ab12", Role.VIEWER, Optional.of(ProjectId.parse("p1")), "ci", T0, Optional.of(T1));
        assertThat(roundTrip(StoredToken.FORM, token)).isEqualTo(token);
        TreeMap<Vni, java.util.SortedSet<IpPrefix>> observed = new TreeMap<>(Map.of(Vni.of(42), new TreeSet<>(prefixes("10.0.0.0/24"))));
        SwitchReport report = new SwitchReport(T1, 7, 900, Optional.of("refused"), Optional.of(observed),
                List.of(new SwitchReport.Session(PeeringId.parse("pe"), "Established", 3)),
                List.of(new Warning("vrf 42", "imports vrf 7, which this switch does not host")));
        assertThat(roundTrip(StoredSwitchReport.FORM, report)).isEqualTo(report);
        String old = StoredSwitchReport.FORM.write(report).replaceFirst(",\"warnings\":\\[[^]]*]", "");
        assertThat(old).as("a document written before reports carried warnings").doesNotContain("warnings");
        assertThat(StoredSwitchReport.FORM.read(old).warnings()).isEmpty();
        SwitchReport empty = new SwitchReport(T1, 0, 0, Optional.empty(), Optional.empty(), List.of());
        assertThat(roundTrip(StoredSwitchReport.FORM, empty)).isEqualTo(empty);
        java.util.SortedMap<Vni, Integer> vlans = new TreeMap<>(Map.of(Vni.of(42), 1001, Vni.of(104009), 1002));
        assertThat(roundTrip(StoredVlans.FORM, vlans)).isEqualTo(vlans);
    }

    @Test
    void aDocumentCarriesItsSchemaAndOneOfAnotherSchemaIsRefused() {
        Partition partition = new Partition(PartitionId.parse("fra"), null, null, null, T0, T0);
        assertThat(StoredPartition.FORM.write(partition)).startsWith("{\"schema\":1,");
        assertThatThrownBy(() -> StoredPartition.FORM.read("{\"id\":\"fra\",\"created\":\"2026-03-01T12:00:00Z\",\"changed\":\"2026-03-01T12:00:00Z\"}"))
                .hasMessageContaining("stored partition document has schema 0: this server reads schema 1 to 1");
        assertThatThrownBy(() -> StoredPartition.FORM.read("{\"schema\":2,\"id\":\"fra\"}"))
                .hasMessageContaining("has schema 2: this server reads schema 1 to 1");
    }

    /** The exit switch needs the password, so the document keeps it; a stored record printed never shows it. */
    @Test
    void theBgpPasswordIsStoredButNeverPrinted() {
        Peering peering = new Peering(PeeringId.parse("pe"), null, null, Optional.empty(), Optional.empty(), NetworkId.parse("internet"),
                Optional.empty(), PeeringType.EXTERNAL, Optional.of(bgp()), PeeringOrigin.MANUAL, null, T0, T0, true);
        assertThat(StoredPeering.FORM.write(peering)).contains("\"password\":\"s3cret\"");
        assertThat(StoredPeering.of(peering).toString()).doesNotContain("s3cret");
    }

    private static BgpPeer bgp() {
        return new BgpPeer(Asn.of(65000), InterfaceAddress.parse("172.16.0.1/30"), SwitchId.parse("exit01"), PortName.parse("Ethernet0"),
                Asn.of(65001), InterfaceAddress.parse("172.16.0.2/30"), 2000, true, Optional.of(BgpPeer.Password.of("s3cret")),
                prefixes("198.51.100.0/24"), prefixes("185.1.2.0/25"));
    }

    private static <T> T roundTrip(StoredForm<T, ?> form, T value) {
        return form.read(form.write(value));
    }

    private static List<IpPrefix> prefixes(String... texts) {
        return Arrays.stream(texts).map(IpPrefix::parse).toList();
    }

    private static List<String> names(Class<?> record) {
        return Arrays.stream(record.getRecordComponents()).map(RecordComponent::getName).toList();
    }
}
