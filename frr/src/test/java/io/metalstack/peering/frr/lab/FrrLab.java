package io.metalstack.peering.frr.lab;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A throwaway FRR laboratory on this machine (root, FRR from Debian): one holder process with a private mount
 * namespace and its own tmpfs on {@code /run/netns}, so that the network namespaces of one lab (named like VRFs,
 * {@code vrf10}) never collide with another lab's or the host's. Inside it the lab creates network namespaces and
 * veth pairs and starts FRR instances ({@link FrrInstance}) whose state lives in a temp directory.
 *
 * <p>Cleanup is by PID and runs on every exit path: {@link #close()}, a JVM shutdown hook, and, should the JVM
 * be killed outright, the holder itself (it ends its daemons and namespaces when its stdin reaches end-of-file).
 *
 * <p>A zebra started with the netns VRF backend watches the lab's {@code /run/netns} and turns every namespace there
 * into a VRF of the same name, also those created after it started. Two such zebras in one lab would both program
 * the same namespaces: give each scenario its own lab.
 */
public final class FrrLab implements AutoCloseable {
    static final Path FRR_BIN = Path.of("/usr/lib/frr");
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,14}");
    private static final Pattern NETNS = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,14}");
    private static final Set<FrrLab> OPEN = Collections.synchronizedSet(new LinkedHashSet<>());
    private static boolean hookInstalled;

    private final String name;
    private final Path dir;
    private final Process holder;
    private final OutputStream holderStdin;
    private final List<String> namespaces = Collections.synchronizedList(new ArrayList<>());
    private final List<FrrInstance> instances = Collections.synchronizedList(new ArrayList<>());
    private boolean closed;

    private FrrLab(String name, Path dir, Process holder) {
        this.name = name;
        this.dir = dir;
        this.holder = holder;
        this.holderStdin = holder.getOutputStream();
    }

    /**
     * Starts a lab: checks the prerequisites, creates the temp directory and the holder. Fails with a message
     * that says what to install when FRR or the tools are missing, or when not running as root.
     */
    public static FrrLab start(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("lab name \"" + name + "\" must match " + NAME);
        }
        checkPrerequisites();
        Path dir;
        try {
            dir = Files.createTempDirectory("frrlab-" + name + "-");
            // the daemons run as user frr and must traverse into their instance directories
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the lab directory", e);
        }
        Process holder = startHolder(dir);
        FrrLab lab = new FrrLab(name, dir, holder);
        register(lab);
        return lab;
    }

    private static void checkPrerequisites() {
        List<String> missing = new ArrayList<>();
        for (String daemon : List.of("zebra", "bgpd", "staticd")) {
            if (!Files.isExecutable(FRR_BIN.resolve(daemon))) {
                missing.add(FRR_BIN.resolve(daemon).toString());
            }
        }
        for (String daemon : FrrInstance.SNMP_DAEMONS) {
            if (snmpModule(daemon) == null) {
                missing.add(daemon + "_snmp.so (FRR's SNMP module, package frr-snmp)");
            }
        }
        for (String tool : List.of("vtysh", "ip", "unshare", "nsenter", "mount")) {
            if (onPath(tool) == null) {
                missing.add(tool);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("the FRR lab needs FRR and util-linux/iproute2, missing: " + missing
                    + ". Install them with: apt-get install -y frr frr-pythontools frr-snmp iproute2 util-linux"
                    + " (scripts/test.sh does this in CI)");
        }
        String uid = Exec.run(List.of("id", "-u")).orThrow().out().trim();
        if (!uid.equals("0")) {
            throw new IllegalStateException("the FRR lab must run as root (network namespaces, mounts, daemons as user frr);"
                    + " this process runs as uid " + uid);
        }
    }

    /** {@code <daemon>_snmp.so} in FRR's module directory ({@code /usr/lib/<multiarch>/frr/modules} on Debian), or null. */
    static Path snmpModule(String daemon) {
        String file = daemon + "_snmp.so";
        Path plain = Path.of("/usr/lib/frr/modules", file);
        if (Files.isRegularFile(plain)) {
            return plain;
        }
        try (Stream<Path> arches = Files.list(Path.of("/usr/lib"))) {
            return arches.map(a -> a.resolve("frr").resolve("modules").resolve(file)).filter(Files::isRegularFile).findFirst().orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    static Path onPath(String tool) {
        String path = System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
        return Stream.of((path + ":/usr/sbin:/sbin").split(":"))
                .filter(p -> !p.isEmpty())
                .map(p -> Path.of(p, tool))
                .filter(Files::isExecutable)
                .findFirst().orElse(null);
    }

    /**
     * The holder: a shell in a fresh private mount namespace with a tmpfs on /run/netns. It prints "ready", then
     * blocks reading stdin. If the JVM dies without closing the lab, stdin reaches end-of-file and the holder
     * ends the daemons (pid files under the lab dir) and deletes its namespaces itself.
     */
    private static Process startHolder(Path dir) {
        String script = String.join("\n",
                "set -e",
                "mkdir -p /run/netns",
                "mount -t tmpfs frrlab /run/netns",
                "echo ready",
                "set +e",
                "while read -r line; do :; done",
                "for f in '" + dir + "'/*/run/*.pid; do [ -f \"$f\" ] && kill -9 \"$(cat \"$f\")\" 2>/dev/null; done",
                "for n in $(ip netns list | cut -d' ' -f1); do ip netns del \"$n\"; done",
                "rm -rf '" + dir + "'",
                "");
        try {
            Process p = new ProcessBuilder("unshare", "--mount", "--propagation", "private", "sh", "-c", script)
                    .redirectError(dir.resolve("holder.err").toFile())
                    .start();
            ExecutorService reader = Executors.newSingleThreadExecutor();
            try {
                Future<String> first = reader.submit(() ->
                        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine());
                String line = first.get(10, TimeUnit.SECONDS);
                if (!"ready".equals(line)) {
                    p.destroyForcibly();
                    throw new IllegalStateException("the lab holder did not start (printed " + line + "): "
                            + Files.readString(dir.resolve("holder.err")).strip());
                }
            } catch (TimeoutException e) {
                p.destroyForcibly();
                throw new IllegalStateException("the lab holder did not get ready within 10 s", e);
            } catch (java.util.concurrent.ExecutionException e) {
                p.destroyForcibly();
                throw new IllegalStateException("cannot read from the lab holder", e);
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting the lab holder", e);
            } finally {
                reader.shutdownNow();
            }
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the lab holder (unshare)", e);
        }
    }

    private static void register(FrrLab lab) {
        synchronized (OPEN) {
            OPEN.add(lab);
            if (!hookInstalled) {
                Runtime.getRuntime().addShutdownHook(new Thread(FrrLab::closeAllOpen, "frrlab-cleanup"));
                hookInstalled = true;
            }
        }
    }

    private static void closeAllOpen() {
        List<FrrLab> labs;
        synchronized (OPEN) {
            labs = new ArrayList<>(OPEN);
        }
        labs.forEach(FrrLab::close);
    }

    public String name() {
        return name;
    }

    /** The lab's temp directory (deleted on close). */
    public Path dir() {
        return dir;
    }

    /** PID of the holder process, whose mount namespace every command of this lab runs in. */
    public long holderPid() {
        return holder.pid();
    }

    /** Runs a command inside the holder's mount namespace; throws unless it exits 0. */
    public List<String> sh(String... command) {
        return inside(List.of(command)).orThrow().outLines();
    }

    Exec.Result inside(List<String> command) {
        ensureOpen();
        List<String> full = new ArrayList<>(List.of("nsenter", "--target", Long.toString(holder.pid()), "--mount", "--"));
        full.addAll(command);
        return Exec.run(full);
    }

    /** Creates a network namespace with its loopback up. */
    public void addNamespace(String netns) {
        if (!NETNS.matcher(netns).matches()) {
            throw new IllegalArgumentException("namespace name \"" + netns + "\" must match " + NETNS);
        }
        sh("ip", "netns", "add", netns);
        namespaces.add(netns);
        sh("ip", "-n", netns, "link", "set", "lo", "up");
    }

    /** Deletes a namespace this lab created (its interfaces go with it). Stop the instances running in it first. */
    public void deleteNamespace(String netns) {
        if (!namespaces.remove(netns)) {
            throw new IllegalArgumentException("lab " + name + " did not create namespace " + netns);
        }
        sh("ip", "netns", "del", netns);
    }

    /** Creates a veth pair between two namespaces (or within one) and brings both ends up. */
    public void addVeth(String netnsA, String ifA, String netnsB, String ifB) {
        sh("ip", "link", "add", ifA, "netns", netnsA, "type", "veth", "peer", "name", ifB, "netns", netnsB);
        sh("ip", "-n", netnsA, "link", "set", ifA, "up");
        sh("ip", "-n", netnsB, "link", "set", ifB, "up");
    }

    /** Adds an address in CIDR form ({@code 10.0.0.1/24}, {@code 2001:db8::1/64}) to an interface. */
    public void addAddress(String netns, String ifName, String cidr) {
        boolean v6 = cidr.contains(":");
        // nodad: an IPv6 address must be usable at once, not after duplicate address detection
        List<String> cmd = new ArrayList<>(List.of("ip", "-n", netns, v6 ? "-6" : "-4", "addr", "add", cidr, "dev", ifName));
        if (v6) {
            cmd.add("nodad");
        }
        inside(cmd).orThrow();
    }

    /** Namespaces this lab created, in creation order. */
    public List<String> namespaces() {
        synchronized (namespaces) {
            return List.copyOf(namespaces);
        }
    }

    /**
     * Starts zebra, bgpd and staticd in {@code netns} with an empty config, all state under the lab dir. With
     * {@code netnsVrfs} zebra runs with {@code -n}: every other namespace of this lab becomes a VRF of that name.
     */
    public FrrInstance startFrr(String instanceName, String netns, boolean netnsVrfs) {
        ensureOpen();
        if (!NAME.matcher(instanceName).matches()) {
            throw new IllegalArgumentException("instance name \"" + instanceName + "\" must match " + NAME);
        }
        FrrInstance instance = new FrrInstance(this, instanceName, dir.resolve(instanceName), netns, netnsVrfs);
        instances.add(instance);
        instance.start();
        return instance;
    }

    void forget(FrrInstance instance) {
        instances.remove(instance);
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("lab " + name + " is closed");
        }
    }

    /**
     * Stops every instance by PID, deletes the namespaces inside the holder, ends the holder and deletes the temp
     * directory. Idempotent; safe from the shutdown hook.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        List<RuntimeException> failures = new ArrayList<>();
        List<FrrInstance> running;
        synchronized (instances) {
            running = new ArrayList<>(instances);
        }
        for (FrrInstance instance : running) {
            try {
                instance.stop();
            } catch (RuntimeException e) {
                failures.add(e);
            }
        }
        List<String> created = namespaces();
        for (int i = created.size() - 1; i >= 0; i--) {
            try {
                inside(List.of("ip", "netns", "del", created.get(i))).orThrow();
            } catch (RuntimeException e) {
                failures.add(e);
            }
        }
        closed = true;
        holder.destroy();
        try {
            holderStdin.close();
            if (!holder.waitFor(5, TimeUnit.SECONDS)) {
                holder.destroyForcibly();
                holder.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (IOException e) {
            failures.add(new UncheckedIOException("cannot close the holder's stdin", e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failures.add(new IllegalStateException("interrupted while ending the lab holder", e));
        }
        try {
            deleteTree(dir);
        } catch (UncheckedIOException e) {
            failures.add(e);
        }
        OPEN.remove(this);
        if (!failures.isEmpty()) {
            IllegalStateException e = new IllegalStateException("cleanup of lab " + name + " failed: " + failures.get(0).getMessage());
            failures.forEach(e::addSuppressed);
            throw e;
        }
    }

    /**
     * What the holder sees when the JVM dies without closing the lab (SIGKILL, OOM): its stdin reaches end-of-file.
     * For the test of that fallback only; the lab is unusable afterwards.
     */
    void abandon() {
        try {
            holderStdin.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the holder's stdin", e);
        }
        closed = true;
        OPEN.remove(this);
    }

    /** True once {@link #close()} completed and the holder process is gone. */
    public boolean closed() {
        return closed && !holder.isAlive();
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + root, e);
        }
    }

    @Override
    public String toString() {
        return "FrrLab[" + name + ", holder " + holder.pid() + ", " + dir + "]";
    }
}
