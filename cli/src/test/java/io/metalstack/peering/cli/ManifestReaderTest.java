package io.metalstack.peering.cli;

import io.metalstack.peering.model.PeeringType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ManifestReaderTest {
    private static final String LOCAL = """
            apiVersion: metal-stack.io/v1
            kind: Peering
            metadata: {name: privnet1-to-storage, labels: {team: storage}}
            spec:
              network1: privnet1
              network2: storage
              peeringType: local
            """;
    private static final String EXTERNAL = """
            apiVersion: metal-stack.io/v1
            kind: Peering
            metadata: {name: internet-upstream}
            spec:
              network1: internet
              peeringType: external
              bgp:
                local:  {as: 65000, cidr: 172.16.0.1/30, port: "Ethernet0@exit01"}
                remote: {as: 65001, cidr: 172.16.0.2/30}
            """;

    @Test
    void readsMultiDocumentYaml() {
        List<PeeringManifest> m = ManifestReader.read("f.yaml", LOCAL + "---\n" + EXTERNAL);
        assertThat(m).hasSize(2);
        PeeringManifest local = m.get(0);
        assertThat(local.where()).isEqualTo("f.yaml: document 1");
        assertThat(local.name()).isEqualTo("privnet1-to-storage");
        assertThat(local.labels().values()).isEqualTo(Map.of("team", "storage"));
        assertThat(local.network1()).isEqualTo("privnet1");
        assertThat(local.network2()).contains("storage");
        assertThat(local.type()).isEqualTo(PeeringType.LOCAL);
        assertThat(local.bgp()).isEmpty();
        PeeringManifest ext = m.get(1);
        assertThat(ext.network2()).isEmpty();
        assertThat(ext.type()).isEqualTo(PeeringType.EXTERNAL);
        PeeringManifest.Bgp bgp = ext.bgp().orElseThrow();
        assertThat(bgp.localAs().value()).isEqualTo(65000);
        assertThat(bgp.localCidr()).hasToString("172.16.0.1/30");
        assertThat(bgp.port()).isEqualTo("Ethernet0@exit01");
        assertThat(bgp.remoteAs().value()).isEqualTo(65001);
        assertThat(bgp.remoteCidr()).hasToString("172.16.0.2/30");
    }

    @Test
    void readsAListAndSkipsEmptyDocuments() {
        String list = "---\n---\n- " + LOCAL.strip().replace("\n", "\n  ") + "\n- " + EXTERNAL.strip().replace("\n", "\n  ") + "\n";
        List<PeeringManifest> m = ManifestReader.read("l.yaml", list);
        assertThat(m).extracting(PeeringManifest::name).containsExactly("privnet1-to-storage", "internet-upstream");
        assertThat(m.get(1).where()).isEqualTo("l.yaml: document 2, item 2");
    }

    @Test
    void peeringTypeDefaultsToExternalWithBgpElseLocal() {
        assertThat(ManifestReader.read("f", LOCAL.replace("  peeringType: local\n", "")).get(0).type()).isEqualTo(PeeringType.LOCAL);
        assertThat(ManifestReader.read("f", EXTERNAL.replace("  peeringType: external\n", "")).get(0).type()).isEqualTo(PeeringType.EXTERNAL);
    }

    @Test
    void wrongApiVersionNamesTheDocument() {
        assertUsage(LOCAL + "---\n" + LOCAL.replace("metal-stack.io/v1", "metal-stack.io/v2"),
                "f.yaml: document 2: apiVersion \"metal-stack.io/v2\" is not supported: use metal-stack.io/v1");
    }

    @Test
    void wrongKindNamesTheListItem() {
        assertUsage("- " + LOCAL.strip().replace("\n", "\n  ").replace("kind: Peering", "kind: Network"),
                "f.yaml: document 1, item 1: kind \"Network\" is not supported: use Peering");
    }

    @Test
    void missingAndUnknownFieldsAreNamed() {
        assertUsage(LOCAL.replace("  network1: privnet1\n", ""), "f.yaml: document 1: spec.network1 is missing");
        assertUsage(LOCAL.replace("network2:", "netwrok2:"), "f.yaml: document 1: field spec.netwrok2 is unknown: use [spec.bgp, spec.exchange, spec.network1, spec.network2, spec.peeringType]");
        assertUsage(LOCAL.replace("metadata: {name: privnet1-to-storage, labels: {team: storage}}", "metadata: {}"), "f.yaml: document 1: metadata.name is missing");
        assertUsage(LOCAL.replace("kind: Peering\n", ""), "f.yaml: document 1: kind is missing");
    }

    @Test
    void badValuesAreNamedWithTheField() {
        assertUsage(EXTERNAL.replace("as: 65000", "as: banana"), "f.yaml: document 1: spec.bgp.local.as: AS number \"banana\" is not a number");
        assertUsage(EXTERNAL.replace("Ethernet0@exit01", "Ethernet0"), "f.yaml: document 1: spec.bgp.local.port: port \"Ethernet0\" is invalid");
        assertUsage(EXTERNAL.replace("172.16.0.2/30", "172.16.0.300"), "f.yaml: document 1: spec.bgp.remote.cidr: address \"172.16.0.300\" is invalid");
        assertUsage(LOCAL.replace("peeringType: local", "peeringType: global"), "f.yaml: document 1: spec.peeringType: peering type \"global\" is unknown");
    }

    @Test
    void readsTheExchangedPrefixesPerSide() {
        PeeringManifest m = ManifestReader.read("f.yaml", LOCAL + "  exchange:\n    network2: [10.0.8.0/24, \"10.0.9.0/24\"]\n").get(0);
        assertThat(m.network1Prefixes()).isEmpty();
        assertThat(m.network2Prefixes()).hasValueSatisfying(p -> assertThat(p).extracting(Object::toString)
                .containsExactly("10.0.8.0/24", "10.0.9.0/24"));
        assertThat(ManifestReader.read("f.yaml", LOCAL).get(0).network1Prefixes()).isEmpty();
        assertUsage(LOCAL + "  exchange:\n    network3: [10.0.8.0/24]\n",
                "f.yaml: document 1: field spec.exchange.network3 is unknown: use [spec.exchange.network1, spec.exchange.network2]");
        assertUsage(LOCAL + "  exchange:\n    network1: 10.0.8.0/24\n", "f.yaml: document 1: spec.exchange.network1 must be a list of prefixes");
        assertUsage(LOCAL + "  exchange:\n    network1: [10.0.8.1/24]\n",
                "f.yaml: document 1: spec.exchange.network1[0]: prefix \"10.0.8.1/24\" has host bits set");
        assertUsage(LOCAL + "  exchange: [10.0.8.0/24]\n", "f.yaml: document 1: spec.exchange must be a mapping");
    }

    @Test
    void emptyFileAndBrokenYamlAreUsageErrors() {
        assertUsage("", "f.yaml holds no manifest");
        assertUsage("a: [b", "f.yaml is not valid YAML");
        assertUsage("just text", "f.yaml: document 1 is not a manifest");
    }

    private static void assertUsage(String text, String message) {
        assertThatThrownBy(() -> ManifestReader.read("f.yaml", text))
                .isInstanceOfSatisfying(CliException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE))
                .hasMessageStartingWith(message);
    }
}
