package io.metalstack.peering.frr;

import org.junit.jupiter.api.Test;

import java.util.SortedMap;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

class RenderedDiffTest {

    private static SortedMap<String, String> files(String frr, String interfaces) {
        SortedMap<String, String> m = new TreeMap<>();
        m.put(FrrRenderer.FRR_CONF, frr);
        m.put(FrrRenderer.INTERFACES, interfaces);
        return m;
    }

    @Test
    void unifiedPerFileWithThreeLinesOfContext() {
        String before = "a\nb\nc\nd\ne\nf\ng\nh\n";
        String after = "a\nb\nc\nd\nX\ne\nf\ng\nh\n";
        String diff = RenderedDiff.unified(files(before, "auto lo\n"), files(after, "auto lo\n"));
        assertThat(diff).isEqualTo("""
                --- a/etc/frr/frr.conf
                +++ b/etc/frr/frr.conf
                @@ -2,6 +2,7 @@
                 b
                 c
                 d
                +X
                 e
                 f
                 g
                """);
        assertThat(RenderedDiff.unified(files(before, "auto lo\n"), files(before, "auto lo\n"))).isEmpty();
        assertThat(RenderedDiff.unified(files(before, "auto lo\n"), files(before, "auto lo\nauto swp1\n")))
                .startsWith("--- a/etc/network/interfaces\n+++ b/etc/network/interfaces\n");
    }

    @Test
    void passwordsAreMaskedOnBothSides() {
        String before = "router bgp 1\n neighbor 172.16.0.2 remote-as 65001\nexit\n";
        String after = "router bgp 1\n neighbor 172.16.0.2 remote-as 65001\n neighbor 172.16.0.2 password s3cret!x\nexit\n";
        String diff = RenderedDiff.unified(files(before, ""), files(after, ""));
        assertThat(diff).contains("+ neighbor 172.16.0.2 password <hidden>").doesNotContain("s3cret");
        // a changed password alone shows no value, and is no visible change
        String other = after.replace("s3cret!x", "0ther");
        assertThat(RenderedDiff.unified(files(after, ""), files(other, ""))).isEmpty();
    }

    @Test
    void redactionAppliesToEveryLine() {
        String diff = RenderedDiff.unified(files("x 10.9.0.0/24\n", ""), files("x 10.9.0.0/24\ny\n", ""),
                l -> l.replace("10.9.0.0/24", "*"));
        assertThat(diff).contains(" x *\n+y\n").doesNotContain("10.9.0.0");
    }
}
