package io.metalstack.peering.vmlab;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * The guest: Debian's kernel (it has VRF devices; the host kernel has none) as a PVH {@code vmlinux}, and a
 * rootfs cpio built from Debian packages by {@code build-image.sh}. Both are cached under {@link #WORK}, the
 * rootfs keyed by a hash of the recipe (script, kernel package, packages, modules): a changed recipe or a
 * kernel ABI bump rebuilds it, anything else reuses it.
 */
final class GuestImage {
    static final Path WORK = Path.of(System.getProperty("vmlab.work", "/var/tmp/metal-peering-vmlab"));
    /**
     * ifupdown2 applies each leaf's rendered interfaces file. Not mstpd: Debian 12 has no such package; without
     * {@code /sbin/mstpctl} ifupdown2 does not load its mstpctl addon and skips the rendered {@code mstpctl-*}
     * attributes (the lab's bridge runs no spanning tree, {@code bridge-stp} defaults to off).
     */
    static final List<String> PACKAGES = List.of("frr", "frr-pythontools", "ifupdown2", "iproute2", "iputils-ping", "kmod", "procps", "mount",
            "libstdc++6");
    /**
     * vrf, bridge, vxlan and 8021q for the leaves' EVPN setup; veth and dummy for links; 9p and virtio for the share;
     * virtio_net for the user-mode network through which the agents reach metal-api on the host.
     */
    static final List<String> MODULES = List.of("vrf", "veth", "dummy", "vxlan", "bridge", "8021q", "9p", "9pnet_virtio", "virtio_pci",
            "virtio_net");
    /** The Java modules metal-core needs (jdeps of the agent and its libraries), linked into the guest's runtime. */
    static final List<String> JAVA_MODULES = List.of("java.base", "java.logging", "java.net.http", "java.sql", "java.naming",
            "java.management", "jdk.unsupported", "java.xml", "jdk.crypto.ec");
    private static final List<String> HOST_TOOLS = List.of("qemu-system-x86_64", "mmdebstrap", "cpio", "eatmydata", "xz", "dpkg-deb", "apt-get");
    private static final List<String> HOST_PACKAGES = List.of("qemu-system-x86", "mmdebstrap", "cpio", "eatmydata", "xz-utils");

    /** A ready guest; {@code buildTime} is zero when it came from the cache. */
    record Built(Path vmlinux, Path baseCpio, String key, Duration buildTime) {
        Built {
            requireNonNull(vmlinux, "vmlinux is null");
            requireNonNull(baseCpio, "baseCpio is null");
            requireNonNull(key, "key is null");
            requireNonNull(buildTime, "buildTime is null");
        }

        boolean cached() {
            return buildTime.isZero();
        }
    }

    private GuestImage() {}

    /** Builds the guest or reuses the cached one; throws, naming the step, when it cannot be built. */
    static Built buildOrReuse() {
        ensureHostTools();
        String kernelPackage = kernelPackage();
        String script = resource("build-image.sh");
        String key = key(script, kernelPackage);
        String abi = kernelPackage.substring("linux-image-".length());
        Path vmlinux = WORK.resolve("kernel").resolve(abi).resolve("vmlinux");
        Path base = WORK.resolve("base-" + key + ".cpio");
        if (Files.isRegularFile(vmlinux) && Files.isRegularFile(base)) {
            System.out.printf("vmlab: guest image cached (%s, key %s)%n", kernelPackage, key);
            return new Built(vmlinux, base, key, Duration.ZERO);
        }
        long start = System.nanoTime();
        try {
            Files.createDirectories(WORK);
            Path scriptFile = WORK.resolve("build-image.sh");
            Files.writeString(scriptFile, script, StandardCharsets.UTF_8);
            Command.run(List.of("sh", scriptFile.toString()), Map.of(
                    "VMLAB_WORK", WORK.toString(), "VMLAB_KEY", key, "VMLAB_KERNEL_PACKAGE", kernelPackage,
                    "VMLAB_PACKAGES", String.join(",", PACKAGES), "VMLAB_MODULES", String.join(" ", MODULES)),
                    Duration.ofMinutes(20));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the image build script to " + WORK, e);
        } catch (RuntimeException e) {
            throw new IllegalStateException("vmlab: cannot build the guest image (kernel " + kernelPackage + ", key " + key
                    + "); it needs root, apt and a Debian mirror: " + e.getMessage(), e);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        if (!Files.isRegularFile(vmlinux) || !Files.isRegularFile(base)) {
            throw new IllegalStateException("vmlab: the image build finished but left no " + vmlinux + " or " + base);
        }
        System.out.printf("vmlab: guest image built cold in %.1f s (%s, key %s)%n", took.toMillis() / 1000.0, kernelPackage, key);
        return new Built(vmlinux, base, key, took);
    }

    /** Installs the host tools with apt-get when one is missing (a fresh CI machine). */
    private static void ensureHostTools() {
        if (HOST_TOOLS.stream().allMatch(Command::onPath)) {
            return;
        }
        long start = System.nanoTime();
        Map<String, String> env = Map.of("DEBIAN_FRONTEND", "noninteractive");
        Command.run(List.of("apt-get", "update", "-qq"), env, Duration.ofMinutes(5));
        Command.run(concat(List.of("apt-get", "install", "-y", "-qq", "--no-install-recommends"), HOST_PACKAGES), env, Duration.ofMinutes(10));
        List<String> missing = HOST_TOOLS.stream().filter(t -> !Command.onPath(t)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("vmlab: host tools still missing after apt-get install " + HOST_PACKAGES + ": " + missing);
        }
        System.out.printf("vmlab: host tools installed in %.1f s%n", (System.nanoTime() - start) / 1e9);
    }

    /** The kernel ABI package linux-image-amd64 currently points to (e.g. linux-image-6.1.0-56-amd64). */
    static String kernelPackage() {
        for (int attempt = 0; attempt < 2; attempt++) {
            if (attempt == 1) {
                Command.run(List.of("apt-get", "update", "-qq"), Duration.ofMinutes(5));
            }
            String deps = Command.run(List.of("apt-cache", "depends", "linux-image-amd64"), Duration.ofMinutes(1));
            for (String line : deps.lines().toList()) {
                String t = line.strip();
                if (t.startsWith("Depends: linux-image-") && Character.isDigit(t.charAt("Depends: linux-image-".length()))) {
                    return t.substring("Depends: ".length());
                }
            }
        }
        throw new IllegalStateException("vmlab: apt-cache depends linux-image-amd64 names no kernel ABI package");
    }

    /**
     * A Java runtime for the guest, linked from this JVM's JDK with {@code jlink} (only {@link #JAVA_MODULES}, with its
     * CDS archive: class loading is the largest part of a JVM start under TCG) and cached under {@link #WORK}.
     */
    static Path javaRuntime() {
        Path jdk = Path.of(System.getProperty("java.home"));
        Path jlink = jdk.resolve("bin/jlink");
        String key = hash(Runtime.version() + "\n" + JAVA_MODULES);
        Path runtime = WORK.resolve("jre-" + key);
        if (Files.isExecutable(runtime.resolve("bin/java"))) {
            return runtime;
        }
        if (!Files.isExecutable(jlink)) {
            throw new IllegalStateException("vmlab: the guest's Java runtime is linked with jlink, and " + jlink
                    + " does not exist: run the tests with a full JDK 17 (not a JRE)");
        }
        long start = System.nanoTime();
        Path tmp = WORK.resolve("jre-" + key + ".tmp");
        Command.run(List.of("rm", "-rf", tmp.toString()), Duration.ofMinutes(1));
        Command.run(List.of(jlink.toString(), "--add-modules", String.join(",", JAVA_MODULES), "--strip-debug", "--no-header-files",
                "--no-man-pages", "--compress=2", "--generate-cds-archive", "--output", tmp.toString()), Duration.ofMinutes(5));
        try {
            Files.move(tmp, runtime);
        } catch (IOException e) {
            throw new UncheckedIOException("vmlab: cannot move the linked runtime to " + runtime, e);
        }
        System.out.printf("vmlab: guest Java runtime linked in %.1f s (%s)%n", (System.nanoTime() - start) / 1e9, runtime);
        return runtime;
    }

    static String key(String script, String kernelPackage) {
        return hash(script + "\n" + kernelPackage + "\n" + PACKAGES + "\n" + MODULES);
    }

    private static String hash(String recipe) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(recipe.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256", e);
        }
    }

    static String resource(String name) {
        try (InputStream in = GuestImage.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read test resource " + name, e);
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
