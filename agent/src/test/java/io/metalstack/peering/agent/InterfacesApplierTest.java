package io.metalstack.peering.agent;

import io.metalstack.peering.agent.ApplyTarget.ApplyException;
import io.metalstack.peering.frr.FrrRenderer;
import io.metalstack.peering.frr.RenderedConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The applier's steps and their order against a scripted stand-in for ifupdown2 ({@code sh}, no ifupdown2 needed):
 * the stand-in logs every call, refuses a file containing {@code BAD-VALUE} at {@code ifup --syntax-check}, prints the
 * {@code # ifquery:} line of a file as its parsed stanzas, and fails a reload of a file containing {@code RELOAD-FAILS}
 * (or every reload while {@code fail-every-reload} exists). {@link InterfacesApplierIT} runs the real ifupdown2.
 */
class InterfacesApplierTest {
    private static final String HELP = "{\"address\":{\"attrs\":{\"address\":{}}},\"link\":{\"attrs\":{\"mtu\":{\"aliases\":[\"mtu-alias\"]}}}}";
    private static final String OLD = file("10.0.0.1/32", "");
    private static final String NEW = file("10.0.0.2/32", "");

    @TempDir
    Path dir;
    private Path target;
    private Path log;
    private InterfacesApplier applier;

    @BeforeEach
    void standIn() throws IOException {
        target = dir.resolve("interfaces");
        log = dir.resolve("calls");
        Path script = dir.resolve("ifupdown2.sh");
        Files.writeString(script, """
                d=$(dirname "$0")
                case "$1" in
                  ifup)
                    echo "ifup $*" >> "$d/calls"
                    if grep -q BAD-VALUE "$5"; then echo 'warning: lo: address: invalid value "BAD-VALUE"' >&2; exit 1; fi ;;
                  ifquery)
                    if [ "$2" = --syntax-help ]; then cat "$d/help.json"; exit 0; fi
                    echo "ifquery $*" >> "$d/calls"
                    sed -n 's/^# ifquery: //p' "$4" ;;
                  ifreload)
                    echo "reload $(sed -n 's/^ *address //p' "$d/interfaces")" >> "$d/calls"
                    if [ -e "$d/fail-every-reload" ] || grep -q RELOAD-FAILS "$d/interfaces"; then
                      echo 'error: vrf100: create failed' >&2; exit 1
                    fi ;;
                esac
                """);
        Files.writeString(dir.resolve("help.json"), HELP);
        applier = new InterfacesApplier(target, new Ifupdown2(List.of("sh", script.toString()), Ifupdown2.RELOAD));
    }

    /** An interfaces file with a lo address and what the stand-in's ifquery prints for it. */
    private static String file(String address, String extra) {
        String attributes = "\"address\":\"" + address + "\"" + extra;
        return "# ifquery: [{\"name\":\"lo\",\"config\":{" + attributes + "}}]\nauto lo\niface lo inet loopback\n    address " + address + "\n";
    }

    private static RenderedConfig config(String interfaces) {
        return new RenderedConfig(new TreeMap<>(Map.of(FrrRenderer.INTERFACES, interfaces, FrrRenderer.FRR_CONF, "")), List.of());
    }

    private List<String> calls() throws IOException {
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    private List<String> reloads() throws IOException {
        return calls().stream().filter(c -> c.startsWith("reload")).toList();
    }

    private List<String> filesInDir() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("interfaces") || n.startsWith(".interfaces")).sorted().toList();
        }
    }

    @Test
    void checksTheNewFileBesideTheTargetThenMovesItInKeepingTheOldAsBakThenReloads() throws Exception {
        Files.writeString(target, OLD);

        applier.apply(config(NEW));

        Path tmp = dir.resolve(".interfaces.tmp");
        assertThat(calls()).containsExactly("ifup ifup --syntax-check -a -i " + tmp, "ifquery ifquery -a -i " + tmp + " -o json",
                "reload 10.0.0.2/32");
        assertThat(Files.readString(target)).isEqualTo(NEW);
        assertThat(Files.readString(dir.resolve("interfaces.bak"))).isEqualTo(OLD);
        assertThat(filesInDir()).containsExactly("interfaces", "interfaces.bak");
    }

    @Test
    void anUnchangedFileIsNeitherCheckedNorReloaded() throws Exception {
        applier.apply(config(NEW));
        applier.apply(config(NEW));

        assertThat(reloads()).containsExactly("reload 10.0.0.2/32");
        assertThat(calls()).hasSize(3);
    }

    @Test
    void aFileOnDiskThatDiffersOnlyInBlankLinesIsTheSameInterfacesAndNotReloaded() throws Exception {
        applier.apply(config(NEW));
        Files.writeString(target, NEW.replace("auto lo\n", "\n\nauto lo\n") + "\n");
        applier.apply(config(NEW));
        assertThat(reloads()).containsExactly("reload 10.0.0.2/32");

        Files.writeString(target, NEW.replace("    address", "    mtu 9000\n    address"));
        applier.apply(config(NEW));
        assertThat(reloads()).containsExactly("reload 10.0.0.2/32", "reload 10.0.0.2/32");
        assertThat(Files.readString(target)).isEqualTo(NEW);
    }

    @Test
    void anUnchangedFileIsCheckedAndReloadedWhenAskedFor() throws Exception {
        applier.apply(config(NEW));
        applier.reapplyNext();
        applier.apply(config(NEW));
        applier.apply(config(NEW));

        assertThat(reloads()).containsExactly("reload 10.0.0.2/32", "reload 10.0.0.2/32");
        assertThat(calls()).hasSize(6);
    }

    @Test
    void aFileIfupSyntaxCheckRefusesIsNeverWrittenInPlaceNorReloaded() throws Exception {
        Files.writeString(target, OLD);

        assertThatThrownBy(() -> applier.apply(config(file("BAD-VALUE", ""))))
                .isInstanceOf(ApplyException.class)
                .hasMessageContaining("ifupdown2 refused the rendered interfaces file, " + target + " left as it was")
                .hasMessageContaining("invalid value \"BAD-VALUE\"");

        assertThat(Files.readString(target)).isEqualTo(OLD);
        assertThat(filesInDir()).containsExactly("interfaces");
        assertThat(reloads()).isEmpty();
    }

    @Test
    void anAttributeNoAddonDeclaresIsRefusedAndAnAliasIsNot() throws Exception {
        Files.writeString(target, OLD);

        assertThatThrownBy(() -> applier.apply(config(file("10.0.0.2/32", ",\"mtuu\":\"9000\""))))
                .hasMessageContaining("iface lo: unknown attribute 'mtuu'");
        assertThat(Files.readString(target)).isEqualTo(OLD);
        assertThat(reloads()).isEmpty();

        applier.apply(config(file("10.0.0.2/32", ",\"mtu-alias\":\"9000\"")));
        assertThat(reloads()).hasSize(1);
    }

    @Test
    void mstpctlAttributesPassOnlyWhereIfupdown2HasNoMstpctlAddonToCheckThem() throws Exception {
        applier.apply(config(file("10.0.0.2/32", ",\"mstpctl-bpduguard\":\"yes\"")));
        assertThat(reloads()).hasSize(1);

        Files.writeString(dir.resolve("help.json"), HELP.replaceFirst("}$", ",\"mstpctl\":{\"attrs\":{\"mstpctl-portbpdufilter\":{}}}}"));
        InterfacesApplier withMstpd = new InterfacesApplier(dir.resolve("other"), new Ifupdown2(List.of("sh", dir.resolve("ifupdown2.sh").toString()), Ifupdown2.RELOAD));
        assertThatThrownBy(() -> withMstpd.apply(config(file("10.0.0.2/32", ",\"mstpctl-bpduguard\":\"yes\""))))
                .hasMessageContaining("iface lo: unknown attribute 'mstpctl-bpduguard'");
    }

    @Test
    void aFailedReloadPutsThePreviousFileBackReloadsItAndThrows() throws Exception {
        Files.writeString(target, OLD);
        String failing = file("10.0.0.9/32", "").replace("auto lo", "# RELOAD-FAILS\nauto lo");

        assertThatThrownBy(() -> applier.apply(config(failing)))
                .hasMessageContaining("the reload failed")
                .hasMessageContaining("error: vrf100: create failed")
                .hasMessageContaining("the previous " + target + " was restored and reloaded");

        assertThat(Files.readString(target)).isEqualTo(OLD);
        assertThat(reloads()).containsExactly("reload 10.0.0.9/32", "reload 10.0.0.1/32");
        assertThat(filesInDir()).containsExactly("interfaces", "interfaces.bak");
    }

    @Test
    void whenTheRestoreFailsTooTheNextApplyReloadsEvenAnUnchangedFile() throws Exception {
        Files.writeString(target, OLD);
        Files.createFile(dir.resolve("fail-every-reload"));

        assertThatThrownBy(() -> applier.apply(config(NEW))).hasMessageContaining("restoring the previous file failed too");
        assertThat(Files.readString(target)).isEqualTo(OLD);

        Files.delete(dir.resolve("fail-every-reload"));
        applier.apply(config(OLD));
        assertThat(reloads()).containsExactly("reload 10.0.0.2/32", "reload 10.0.0.1/32", "reload 10.0.0.1/32");

        applier.apply(config(OLD));
        assertThat(reloads()).hasSize(3);
    }

    @Test
    void revertPutsBackTheFileTheLastApplyReplacedAndReloadsOnce() throws Exception {
        Files.writeString(target, OLD);
        applier.apply(config(NEW));

        applier.revert();

        assertThat(Files.readString(target)).isEqualTo(OLD);
        assertThat(Files.readString(dir.resolve("interfaces.bak"))).isEqualTo(NEW);
        assertThat(reloads()).containsExactly("reload 10.0.0.2/32", "reload 10.0.0.1/32");
        applier.revert();
        assertThat(reloads()).hasSize(2);
    }

    @Test
    void revertAfterAnApplyThatChangedNothingOrFailedChangesNothing() throws Exception {
        Files.writeString(target, OLD);
        applier.apply(config(NEW));
        applier.apply(config(NEW));
        applier.revert();
        assertThat(Files.readString(target)).isEqualTo(NEW);

        assertThatThrownBy(() -> applier.apply(config(file("BAD-VALUE", "")))).isInstanceOf(ApplyException.class);
        applier.revert();
        assertThat(Files.readString(target)).isEqualTo(NEW);
        assertThat(reloads()).containsExactly("reload 10.0.0.2/32");
    }

    @Test
    void withNoFileBeforeTheApplyCreatesItAndAFailedReloadRemovesItAgain() throws Exception {
        applier.apply(config(NEW));
        assertThat(Files.readString(target)).isEqualTo(NEW);
        assertThat(filesInDir()).containsExactly("interfaces");
        assertThatThrownBy(() -> applier.revert()).hasMessageContaining("there was no " + target + " before the last apply");

        Path other = dir.resolve("sub").resolve("interfaces");
        Files.createDirectories(other.getParent());
        InterfacesApplier fresh = new InterfacesApplier(other, new Ifupdown2(List.of("sh", dir.resolve("ifupdown2.sh").toString()), Ifupdown2.RELOAD));
        Files.createFile(dir.resolve("fail-every-reload"));
        assertThatThrownBy(() -> fresh.apply(config(OLD))).hasMessageContaining("removed the new one");
        assertThat(other).doesNotExist();
    }
}
