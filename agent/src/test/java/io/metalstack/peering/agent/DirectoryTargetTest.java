package io.metalstack.peering.agent;

import io.metalstack.peering.api.IntentCodec;
import io.metalstack.peering.frr.FrrRenderer;
import io.metalstack.peering.frr.RenderedConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

import static io.metalstack.peering.agent.Intents.A;
import static io.metalstack.peering.agent.Intents.B;
import static io.metalstack.peering.agent.Intents.leaf;
import static io.metalstack.peering.agent.Intents.peered;
import static org.assertj.core.api.Assertions.assertThat;

class DirectoryTargetTest {
    private final FrrRenderer renderer = new FrrRenderer();

    @Test
    void writesEveryRenderedFileAndNoTempFiles(@TempDir Path dir) throws Exception {
        RenderedConfig config = renderer.render(IntentCodec.toModel(peered(A, B, "same-project")));

        new DirectoryTarget(dir.resolve("leaf01")).apply(config);

        try (var files = Files.list(dir.resolve("leaf01"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("frr.conf", "interfaces");
        }
        assertThat(Files.readString(dir.resolve("leaf01/frr.conf"))).isEqualTo(config.frrConf()).contains("import vrf vrf200");
        assertThat(Files.readString(dir.resolve("leaf01/interfaces"))).isEqualTo(config.file(FrrRenderer.INTERFACES));
    }

    @Test
    void replacesTheFilesAndDropsTheOtherDialectsFile(@TempDir Path dir) throws Exception {
        DirectoryTarget target = new DirectoryTarget(dir);
        target.apply(renderer.render(IntentCodec.toModel(peered(A, B, "same-project"))));

        RenderedConfig sonic = renderer.render(IntentCodec.toModel(leaf("SONiC", A.vrf())));
        target.apply(sonic);

        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("frr.conf", "config_db.json");
        }
        assertThat(Files.readString(dir.resolve("frr.conf"))).isEqualTo(sonic.frrConf()).doesNotContain("import vrf");
        assertThat(target.observe()).as("no observation, not an empty table").isEmpty();
    }

    @Test
    void writesOnlyTheFilesThatChange(@TempDir Path dir) throws Exception {
        DirectoryTarget target = new DirectoryTarget(dir);
        target.apply(renderer.render(IntentCodec.toModel(leaf(A.vrf(), B.vrf()))));
        Object frrBefore = Files.readAttributes(dir.resolve("frr.conf"), BasicFileAttributes.class).fileKey();
        Object interfacesBefore = Files.readAttributes(dir.resolve("interfaces"), BasicFileAttributes.class).fileKey();
        RenderedConfig peered = renderer.render(IntentCodec.toModel(peered(A, B, "same-project")));
        assertThat(peered.file(FrrRenderer.INTERFACES)).as("a peering of two VRFs the leaf has changes no interface")
                .isEqualTo(Files.readString(dir.resolve("interfaces")));

        target.apply(peered);

        assertThat(Files.readAttributes(dir.resolve("interfaces"), BasicFileAttributes.class).fileKey())
                .as("the unchanged file, not replaced").isNotNull().isEqualTo(interfacesBefore);
        assertThat(Files.readAttributes(dir.resolve("frr.conf"), BasicFileAttributes.class).fileKey())
                .as("the changed file, replaced").isNotEqualTo(frrBefore);
        assertThat(Files.readString(dir.resolve("frr.conf"))).isEqualTo(peered.frrConf());
    }
}
