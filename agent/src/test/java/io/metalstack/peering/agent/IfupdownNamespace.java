package io.metalstack.peering.agent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A network and mount namespace where ifupdown2 can run for real without touching the host: its own
 * {@code /etc/network} (the directory {@link #etc()}, with a copy of the host's ifupdown2 config), its own
 * {@code /etc/iproute2} (ifupdown2 writes its VRF table map there), {@code /run} and {@code /var/tmp} (ifupdown2's lock
 * and state), its own sysfs, and the veth port {@code swp1}.
 * The host kernel has no VRF, dummy or VLAN devices, so a file with those fails to reload here. Held by one
 * {@code sleep} process; closing it ends that process and the namespaces with it.
 */
final class IfupdownNamespace implements AutoCloseable {
    private static final String SETUP = """
            set -e
            mkdir -p "$1/etc"
            cp -a /etc/network/ifupdown2 "$1/etc/"
            mount --bind "$1/etc" /etc/network
            cp -a /etc/iproute2 "$1/iproute2"
            mount --bind "$1/iproute2" /etc/iproute2
            mount -t sysfs sysfs /sys
            mount -t tmpfs tmpfs /run
            mount -t tmpfs tmpfs /var/tmp
            mkdir -p /run/network
            ip link set lo up
            ip link add swp1 type veth peer name peer1
            touch "$1/ready"
            exec sleep infinity
            """;

    private final Path dir;
    private final Process holder;

    private IfupdownNamespace(Path dir, Process holder) {
        this.dir = dir;
        this.holder = holder;
    }

    /** Fails (never skips) when ifupdown2, unshare or nsenter is missing: install them with scripts/install-deps.sh. */
    static IfupdownNamespace start(Path dir) {
        for (List<String> tool : List.of(List.of("ifquery", "--version"), List.of("unshare", "--version"), List.of("nsenter", "--version"))) {
            try {
                Command.Result r = Command.run(tool, Duration.ofSeconds(30));
                if (r.rc() != 0) {
                    throw new IllegalStateException(r.describe());
                }
            } catch (RuntimeException e) {
                throw new IllegalStateException(tool.get(0) + " is missing: ifupdown2 and util-linux are needed (scripts/install-deps.sh): "
                        + e.getMessage(), e);
            }
        }
        try {
            Files.createDirectories(dir);
            Process p = new ProcessBuilder("unshare", "--net", "--mount", "sh", "-c", SETUP, "sh", dir.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("namespace.log").toFile()).start();
            IfupdownNamespace ns = new IfupdownNamespace(dir, p);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!Files.exists(dir.resolve("ready"))) {
                if (!p.isAlive() || System.nanoTime() > deadline) {
                    ns.close();
                    throw new IllegalStateException("the ifupdown2 namespace did not come up (root needed): "
                            + Files.readString(dir.resolve("namespace.log")));
                }
                Thread.sleep(20);
            }
            return ns;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The namespace's {@code /etc/network}, as the host sees it. */
    Path etc() {
        return dir.resolve("etc");
    }

    /** The command prefix that runs a command inside the namespace. */
    List<String> prefix() {
        return List.of("nsenter", "-t", Long.toString(holder.pid()), "-n", "-m");
    }

    /** ifupdown2 in the namespace; each reload also appends a line to {@link #reloads()}. */
    Ifupdown2 ifupdown2() {
        return new Ifupdown2(prefix(), List.of("sh", "-c", "echo reload >> " + dir.resolve("reloads") + "; exec ifreload -a"));
    }

    int reloads() throws IOException {
        Path log = dir.resolve("reloads");
        return Files.exists(log) ? Files.readAllLines(log).size() : 0;
    }

    /** Runs a command in the namespace; its stdout, throws unless it exits 0. */
    String run(String... command) {
        Command.Result r = Command.run(Stream.concat(prefix().stream(), Stream.of(command)).toList(), Duration.ofSeconds(30));
        if (r.rc() != 0) {
            throw new IllegalStateException(r.describe());
        }
        return r.out();
    }

    @Override
    public void close() {
        holder.destroyForcibly();
        try {
            holder.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
