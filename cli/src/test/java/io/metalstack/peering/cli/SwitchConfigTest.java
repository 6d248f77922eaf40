package io.metalstack.peering.cli;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SwitchConfigTest {
    @Test
    void filesComeInNameOrderEachAfterItsHeaderLine() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("interfaces", "auto swp1\n");
        files.put("frr.conf", "frr defaults datacenter\n!");
        assertThat(SwitchCommand.Describe.files(files)).isEqualTo("""
                ==> frr.conf <==
                frr defaults datacenter
                !

                ==> interfaces <==
                auto swp1
                """);
        assertThat(SwitchCommand.Describe.files(Map.of())).isEmpty();
        assertThat(SwitchCommand.Describe.files(null)).isEmpty();
    }
}
