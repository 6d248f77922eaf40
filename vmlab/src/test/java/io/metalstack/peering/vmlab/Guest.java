package io.metalstack.peering.vmlab;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One boot of the guest under QEMU (TCG: this machine kind's KVM runs only PVM guest kernels). The per-run overlay
 * cpio ({@code /init}, {@code /lab/lab.sh}, {@code /lab/vrf-helper}) is appended to the cached base cpio; the inputs and results travel
 * over a 9p share. The console is stamped with the host time into {@code console.log} and its {@code VMLAB-}
 * markers are printed. QEMU is killed by its pidfile on every way out, including a JVM shutdown.
 */
final class Guest {
    static final Duration TIMEOUT = Duration.ofSeconds(Long.getLong("vmlab.timeout", 1800));
    static final String MARKER = "VMLAB-";

    private Guest() {}

    /** Clears {@code runDir} for a new run and returns the share's {@code in/} directory. */
    static Path prepare(Path runDir) {
        // a QEMU left by a JVM that was killed outright still holds the run directory
        kill(runDir.resolve("qemu.pid"));
        try {
            if (Files.exists(runDir)) {
                try (Stream<Path> walk = Files.walk(runDir)) {
                    for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            }
            Files.createDirectories(runDir.resolve("share/in"));
            Files.createDirectories(runDir.resolve("share/out"));
            return runDir.resolve("share/in");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the run directory " + runDir, e);
        }
    }

    /**
     * A guest that runs while the host drives it: its console is read by a thread of its own, every {@code VMLAB-}
     * marker is printed and queued for {@link #await}. {@link #close} waits for the guest's result and kills QEMU.
     */
    static final class Running implements AutoCloseable {
        private final Process qemu;
        private final Path share;
        private final Path console;
        private final Path pidfile;
        private final Path initrd;
        private final Thread killer;
        private final long start = System.nanoTime();
        private final java.util.concurrent.LinkedBlockingQueue<String> markers = new java.util.concurrent.LinkedBlockingQueue<>();
        private final List<String> seen = java.util.Collections.synchronizedList(new ArrayList<>());
        private volatile Integer rc;
        private final Thread reader;

        private Running(Process qemu, Path share, Path console, Path pidfile, Path initrd, Thread killer) {
            this.qemu = qemu;
            this.share = share;
            this.console = console;
            this.pidfile = pidfile;
            this.initrd = initrd;
            this.killer = killer;
            this.reader = new Thread(this::readConsole, "vmlab-console");
            reader.setDaemon(true);
            reader.start();
        }

        private void readConsole() {
            try (Writer log = Files.newBufferedWriter(console, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
                 BufferedReader r = new BufferedReader(new InputStreamReader(qemu.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    double t = seconds();
                    log.write(String.format("%7.2f %s%n", t, line));
                    log.flush();
                    int at = line.indexOf(MARKER);
                    if (at >= 0) {
                        String marker = line.substring(at);
                        seen.add(String.format("%.1f s %s", t, marker));
                        System.out.printf("vmlab: %6.1f s %s%n", t, marker);
                        if (marker.startsWith("VMLAB-RESULT rc=")) {
                            rc = Integer.parseInt(marker.substring("VMLAB-RESULT rc=".length()).split("\\s+")[0]);
                        }
                        markers.add(marker);
                    }
                }
            } catch (IOException e) {
                markers.add("VMLAB-ERROR console: " + e);
            } finally {
                markers.add("VMLAB-EOF");
            }
        }

        double seconds() {
            return (System.nanoTime() - start) / 1e9;
        }

        Path in() {
            return share.resolve("in");
        }

        Path out() {
            return share.resolve("out");
        }

        /**
         * Waits for the first marker starting with {@code prefix} and returns it; throws with the console's tail when
         * the guest reports an error, ends, or {@code timeout} passes first.
         */
        String await(String prefix, Duration timeout) {
            long deadline = System.nanoTime() + timeout.toNanos();
            try {
                while (true) {
                    long left = deadline - System.nanoTime();
                    String m = left <= 0 ? null : markers.poll(left, TimeUnit.NANOSECONDS);
                    if (m == null) {
                        throw new IllegalStateException("vmlab: no " + prefix + " within " + timeout + "; console tail:\n" + consoleTail(console));
                    }
                    if (m.startsWith(prefix)) {
                        return m;
                    }
                    if (m.startsWith("VMLAB-ERROR") || m.startsWith("VMLAB-RESULT") || m.equals("VMLAB-EOF")) {
                        markers.add(m);
                        throw new IllegalStateException("vmlab: the guest stopped waiting for " + prefix + ": " + m + "; console tail:\n"
                                + consoleTail(console));
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("vmlab: interrupted while waiting for " + prefix, e);
            }
        }

        List<String> markers() {
            return List.copyOf(seen);
        }

        /** Waits up to {@code timeout} for the guest's own result (after it was told to finish) and stops QEMU. */
        int finish(Duration timeout) {
            await("VMLAB-RESULT", timeout);
            return rc;
        }

        @Override
        public void close() {
            try {
                qemu.waitFor(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            qemu.destroyForcibly();
            kill(pidfile);
            Runtime.getRuntime().removeShutdownHook(killer);
            deleteQuietly(initrd);
            System.out.printf("vmlab: QEMU ran %.1f s (console %s)%n", seconds(), console);
        }
    }

    /**
     * Boots the guest with the inputs already in {@code runDir/share/in} and the given extra overlay directory (files
     * for the guest's root, e.g. the agent and its Java runtime); returns at once. QEMU gets user-mode networking, so
     * that the guest reaches the host's loopback services at {@code 10.0.2.2}.
     */
    static Running start(GuestImage.Built image, Path runDir, Path extraOverlay, int memoryMib) {
        Path share = runDir.resolve("share");
        Path pidfile = runDir.resolve("qemu.pid");
        Path initrd = runDir.resolve("initrd.cpio");
        Path console = runDir.resolve("console.log");
        writeInitrd(image, runDir, extraOverlay, initrd);
        List<String> cmd = List.of("qemu-system-x86_64", "-accel", "tcg,thread=multi", "-cpu", "qemu64", "-smp", "2",
                "-m", Integer.toString(memoryMib),
                "-machine", "pc", "-nodefaults", "-no-user-config", "-display", "none", "-monitor", "none", "-serial", "stdio",
                "-no-reboot", "-pidfile", pidfile.toString(), "-kernel", image.vmlinux().toString(), "-initrd", initrd.toString(),
                "-virtfs", "local,path=" + share + ",mount_tag=vmlab,security_model=none,id=vmlab",
                "-nic", "user,model=virtio-net-pci,restrict=off",
                "-append", "console=ttyS0 panic=-1 quiet loglevel=3 mitigations=off rdinit=/init");
        Thread killer = new Thread(() -> kill(pidfile), "vmlab-qemu-killer");
        Runtime.getRuntime().addShutdownHook(killer);
        try {
            Process qemu = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
            Thread watchdog = new Thread(() -> {
                try {
                    if (!qemu.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                        qemu.destroyForcibly();
                    }
                } catch (InterruptedException e) {
                    qemu.destroyForcibly();
                }
            }, "vmlab-qemu-watchdog");
            watchdog.setDaemon(true);
            watchdog.start();
            return new Running(qemu, share, console, pidfile, initrd, killer);
        } catch (IOException e) {
            kill(pidfile);
            Runtime.getRuntime().removeShutdownHook(killer);
            throw new UncheckedIOException("vmlab: cannot run QEMU: " + String.join(" ", cmd), e);
        }
    }

    /** The cached base cpio with this run's overlay (/init, /lab/*, and {@code extra}) appended: the kernel unpacks both. */
    private static void writeInitrd(GuestImage.Built image, Path runDir, Path extra, Path initrd) {
        try {
            Path overlay = runDir.resolve("overlay");
            Files.createDirectories(overlay.resolve("lab"));
            Files.writeString(overlay.resolve("init"), GuestImage.resource("init.sh"), StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(overlay.resolve("init"), PosixFilePermissions.fromString("rwxr-xr-x"));
            for (String script : List.of("lab.sh", "vrf-helper.sh", "ifreload.sh")) {
                Path to = overlay.resolve("lab").resolve(script.equals("lab.sh") ? script : script.replaceFirst("\\.sh$", ""));
                Files.writeString(to, GuestImage.resource(script), StandardCharsets.UTF_8);
                Files.setPosixFilePermissions(to, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
            Path cpio = runDir.resolve("overlay.cpio");
            Path extraCpio = runDir.resolve("extra.cpio");
            String pack = "cd \"$1\" && find . | cpio -o -H newc --quiet > \"$2\"";
            Command.run(List.of("sh", "-c", pack, "sh", overlay.toString(), cpio.toString()), Duration.ofMinutes(1));
            Command.run(List.of("sh", "-c", pack, "sh", extra.toString(), extraCpio.toString()), Duration.ofMinutes(2));
            Command.run(List.of("sh", "-c", "cat \"$1\" \"$2\" \"$3\" > \"$4\"", "sh", image.baseCpio().toString(), cpio.toString(),
                    extraCpio.toString(), initrd.toString()), Duration.ofMinutes(2));
            Files.deleteIfExists(extraCpio);
        } catch (IOException e) {
            throw new UncheckedIOException("vmlab: cannot write the initrd " + initrd, e);
        }
    }

    /** Kills the QEMU named by the pidfile, only if that process is a QEMU started with this very pidfile. */
    static void kill(Path pidfile) {
        try {
            if (!Files.exists(pidfile)) {
                return;
            }
            long pid = Long.parseLong(Files.readString(pidfile).strip());
            Optional<ProcessHandle> p = ProcessHandle.of(pid);
            if (p.isEmpty()) {
                return;
            }
            Path cmdline = Path.of("/proc", Long.toString(pid), "cmdline");
            String args = Files.exists(cmdline) ? new String(Files.readAllBytes(cmdline), StandardCharsets.UTF_8) : "";
            if (args.contains(pidfile.toString())) {
                p.get().destroyForcibly();
                p.get().onExit().get(10, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            System.err.println("vmlab: could not kill QEMU by its pidfile " + pidfile + ": " + e);
        }
    }

    private static String consoleTail(Path console) {
        try {
            return Command.tail(Files.readString(console, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return "(no console: " + e + ")";
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            System.err.println("vmlab: cannot delete " + p + ": " + e);
        }
    }
}
