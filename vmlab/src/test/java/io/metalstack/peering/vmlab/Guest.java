package io.metalstack.peering.vmlab;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static java.util.Objects.requireNonNull;

/**
 * One boot of the guest under QEMU (TCG: this machine kind's KVM runs only PVM guest kernels). The per-run overlay
 * cpio ({@code /init}, {@code /lab/lab.sh}, {@code /lab/vrf-helper}) is appended to the cached base cpio; the inputs and results travel
 * over a 9p share. The console is stamped with the host time into {@code console.log} and its {@code VMLAB-}
 * markers are printed. QEMU is killed by its pidfile on every way out, including a JVM shutdown.
 */
final class Guest {
    static final Duration TIMEOUT = Duration.ofSeconds(Long.getLong("vmlab.timeout", 900));
    static final String MARKER = "VMLAB-";

    /** What one boot left behind: the share, the console, the markers and the guest's exit code. */
    record Boot(Path share, Path console, List<String> markers, int rc, Duration bootToResult) {
        Boot {
            requireNonNull(share, "share is null");
            requireNonNull(console, "console is null");
            markers = List.copyOf(markers);
            requireNonNull(bootToResult, "bootToResult is null");
        }

        Path out() {
            return share.resolve("out");
        }
    }

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

    /** Boots the guest once with the inputs already in {@code runDir/share/in}; throws unless the lab script exited 0. */
    static Boot boot(GuestImage.Built image, Path runDir) {
        Path share = runDir.resolve("share");
        Path pidfile = runDir.resolve("qemu.pid");
        Path initrd = runDir.resolve("initrd.cpio");
        Path console = runDir.resolve("console.log");
        writeInitrd(image, runDir, initrd);
        List<String> cmd = List.of("qemu-system-x86_64", "-accel", "tcg,thread=multi", "-cpu", "qemu64", "-smp", "2", "-m", "1024",
                "-machine", "pc", "-nodefaults", "-no-user-config", "-display", "none", "-monitor", "none", "-serial", "stdio",
                "-no-reboot", "-pidfile", pidfile.toString(), "-kernel", image.vmlinux().toString(), "-initrd", initrd.toString(),
                "-virtfs", "local,path=" + share + ",mount_tag=vmlab,security_model=none,id=vmlab",
                "-append", "console=ttyS0 panic=-1 quiet loglevel=3 mitigations=off rdinit=/init");
        Thread killer = new Thread(() -> kill(pidfile), "vmlab-qemu-killer");
        Runtime.getRuntime().addShutdownHook(killer);
        Process qemu = null;
        long start = System.nanoTime();
        List<String> markers = new ArrayList<>();
        Integer rc = null;
        try (Writer log = Files.newBufferedWriter(console, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING)) {
            qemu = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
            Process watched = qemu;
            Thread watchdog = new Thread(() -> {
                try {
                    if (!watched.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                        watched.destroyForcibly();
                    }
                } catch (InterruptedException e) {
                    watched.destroyForcibly();
                }
            }, "vmlab-qemu-watchdog");
            watchdog.setDaemon(true);
            watchdog.start();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(qemu.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    double t = (System.nanoTime() - start) / 1e9;
                    log.write(String.format("%7.2f %s%n", t, line));
                    int at = line.indexOf(MARKER);
                    if (at >= 0) {
                        String marker = line.substring(at);
                        markers.add(String.format("%.1f s %s", t, marker));
                        System.out.printf("vmlab: %6.1f s %s%n", t, marker);
                        if (marker.startsWith("VMLAB-RESULT rc=")) {
                            rc = Integer.parseInt(marker.substring("VMLAB-RESULT rc=".length()).split("\\s+")[0]);
                        }
                    }
                }
            }
            qemu.waitFor(30, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new UncheckedIOException("vmlab: cannot run QEMU: " + String.join(" ", cmd), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("vmlab: interrupted while the guest ran", e);
        } finally {
            if (qemu != null) {
                qemu.destroyForcibly();
            }
            kill(pidfile);
            Runtime.getRuntime().removeShutdownHook(killer);
            deleteQuietly(initrd);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        System.out.printf("vmlab: QEMU start to result %.1f s (console %s)%n", took.toMillis() / 1000.0, console);
        if (rc == null) {
            throw new IllegalStateException("vmlab: the guest gave no result within " + TIMEOUT + " (did it boot?); console tail:\n"
                    + consoleTail(console));
        }
        if (rc != 0) {
            throw new IllegalStateException("vmlab: the guest lab script failed with rc " + rc + "; console tail:\n" + consoleTail(console));
        }
        return new Boot(share, console, markers, rc, took);
    }

    /** The cached base cpio with this run's overlay (/init, /lab/lab.sh, /lab/vrf-helper) appended: the kernel unpacks both. */
    private static void writeInitrd(GuestImage.Built image, Path runDir, Path initrd) {
        try {
            Path overlay = runDir.resolve("overlay");
            Files.createDirectories(overlay.resolve("lab"));
            Files.writeString(overlay.resolve("init"), GuestImage.resource("init.sh"), StandardCharsets.UTF_8);
            Files.writeString(overlay.resolve("lab/lab.sh"), GuestImage.resource("lab.sh"), StandardCharsets.UTF_8);
            Files.writeString(overlay.resolve("lab/vrf-helper"), GuestImage.resource("vrf-helper.sh"), StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(overlay.resolve("init"), PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.setPosixFilePermissions(overlay.resolve("lab/vrf-helper"), PosixFilePermissions.fromString("rwxr-xr-x"));
            Path cpio = runDir.resolve("overlay.cpio");
            Command.run(List.of("sh", "-c", "cd \"$1\" && find . | cpio -o -H newc --quiet > \"$2\"", "sh", overlay.toString(), cpio.toString()),
                    Duration.ofMinutes(1));
            Files.copy(image.baseCpio(), initrd, StandardCopyOption.REPLACE_EXISTING);
            Files.write(initrd, Files.readAllBytes(cpio), StandardOpenOption.APPEND);
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
