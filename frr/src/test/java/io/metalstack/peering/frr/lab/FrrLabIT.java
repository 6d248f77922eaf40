package io.metalstack.peering.frr.lab;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** The harness itself: labs with the same namespace names run side by side, and leave nothing behind. */
class FrrLabIT {

    /** What a lab left after close: its daemons, its holder, its directory, its namespaces. */
    private record Trace(List<Long> pids, long holder, Path dir) {}

    @Test
    void twoLabsWithTheSameNamespaceNamesRunAtOnceAndCleanUp() {
        List<CompletableFuture<Trace>> runs = new ArrayList<>();
        for (String name : List.of("twin-a", "twin-b")) {
            runs.add(CompletableFuture.supplyAsync(() -> runNetnsVrfLab(name)));
        }
        List<Trace> traces = runs.stream().map(CompletableFuture::join).toList();

        for (Trace t : traces) {
            assertThat(t.pids()).hasSize(3).noneMatch(Pids::alive);
            assertThat(Pids.alive(t.holder())).as("holder %d alive", t.holder()).isFalse();
            assertThat(t.dir()).doesNotExist();
        }
        assertThat(hostNamespaces()).as("host /run/netns after both labs").doesNotContain("vrf10", "core");
    }

    @Test
    void labsRunOneAfterAnotherAndAClosedLabRefusesWork() {
        Trace first = runNetnsVrfLab("seq-a");
        Trace second = runNetnsVrfLab("seq-b");
        assertThat(second.holder()).isNotEqualTo(first.holder());

        FrrLab lab = FrrLab.start("closed");
        lab.close();
        lab.close();
        assertThat(lab.closed()).isTrue();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> lab.addNamespace("x"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    @Test
    void aLabWhoseJvmDiedIsCleanedUpByItsHolder() {
        FrrLab lab = FrrLab.start("orphan");
        lab.addNamespace("core");
        FrrInstance frr = lab.startFrr("leaf", "core", false);
        List<Long> pids = frr.pids();
        assertThat(pids).hasSize(3).allMatch(Pids::alive);

        lab.abandon();
        try {
            Poll.await(Duration.ofSeconds(10), "the holder to end its daemons and itself",
                    () -> pids.stream().noneMatch(Pids::alive) && !Pids.alive(lab.holderPid()));
            Poll.await(Duration.ofSeconds(5), "the holder to delete " + lab.dir(), () -> !Files.exists(lab.dir()));
        } finally {
            // should the fallback fail, still leave nothing behind
            Pids.terminate(java.util.stream.Stream.concat(pids.stream(), java.util.stream.Stream.of(lab.holderPid())).filter(Pids::alive).toList());
        }
    }

    /** One lab with netns VRF vrf10 (a veth carrying 10.10.0.1/24), zebra -n and bgpd, closed at the end. */
    private static Trace runNetnsVrfLab(String name) {
        FrrLab lab = FrrLab.start(name);
        try (lab) {
            lab.addNamespace("core");
            lab.addNamespace("vrf10");
            lab.addVeth("vrf10", "m0", "vrf10", "m1");
            lab.addAddress("vrf10", "m0", "10.10.0.1/24");
            FrrInstance frr = lab.startFrr("leaf", "core", true);
            assertThat(frr.load(write(lab, """
                    frr defaults datacenter
                    router bgp 65000 vrf vrf10
                     address-family ipv4 unicast
                      redistribute connected
                     exit-address-family
                    """))).isEmpty();
            var table = Poll.until(Duration.ofSeconds(10),
                    () -> frr.json("show bgp vrf vrf10 ipv4 unicast json").path("routes"),
                    routes -> routes.has("10.10.0.0/24"));
            assertThat(table.has("10.10.0.0/24")).as("vrf10 table of %s: %s", name, table).isTrue();
            assertThat(lab.sh("ip", "netns", "list")).anyMatch(l -> l.startsWith("vrf10"));
            return new Trace(frr.pids(), lab.holderPid(), lab.dir());
        }
    }

    private static Path write(FrrLab lab, String config) {
        try {
            Path file = lab.dir().resolve("test.conf");
            Files.writeString(file, config);
            return file;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<String> hostNamespaces() {
        Path dir = Path.of("/run/netns");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (var files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
