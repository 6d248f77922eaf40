package io.metalstack.peering.frr.lab;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.metalstack.peering.frr.BgpPath;
import io.metalstack.peering.frr.BgpTableParser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One set of FRR daemons (zebra and bgpd with the SNMP module, staticd) of a {@link FrrLab}, running as user frr in one network namespace,
 * with pid files, zserv socket, vty sockets and logs under its own directory, no TCP vty ({@code -P 0}).
 * Talk to it only through {@code vtysh --vty_socket}.
 */
public final class FrrInstance {
    /** The daemons an instance runs, zebra first: the others connect to its zserv socket. */
    static final List<String> DAEMONS = List.of("zebra", "bgpd", "staticd");
    /**
     * Daemons started with the SNMP module ({@code -M snmp}, Debian package frr-snmp), as SONiC starts them: only then do
     * they know {@code agentx}, which the SONiC config renders (without it zebra answers {@code Unknown command: agentx}).
     * staticd has no SNMP module; vtysh does not send it the line.
     */
    static final List<String> SNMP_DAEMONS = List.of("zebra", "bgpd");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FrrLab lab;
    private final String name;
    private final Path dir;
    private final String netns;
    private final boolean netnsVrfs;
    private final List<Long> pids = new ArrayList<>();
    private boolean stopped;

    FrrInstance(FrrLab lab, String name, Path dir, String netns, boolean netnsVrfs) {
        this.lab = lab;
        this.name = name;
        this.dir = dir;
        this.netns = netns;
        this.netnsVrfs = netnsVrfs;
    }

    void start() {
        Path run = dir.resolve("run");
        Path emptyConf = dir.resolve("empty.conf");
        try {
            Files.createDirectories(run);
            Files.writeString(emptyConf, "");
            UserPrincipalLookupService users = dir.getFileSystem().getUserPrincipalLookupService();
            GroupPrincipal frrGroup = users.lookupPrincipalByGroupName("frr");
            for (Path p : List.of(dir, run, emptyConf)) {
                PosixFileAttributeView view = Files.getFileAttributeView(p, PosixFileAttributeView.class);
                view.setOwner(users.lookupPrincipalByName("frr"));
                view.setGroup(frrGroup);
            }
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + dir + " for user frr (is FRR installed? it creates the user)", e);
        }
        for (String daemon : DAEMONS) {
            List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", netns, FrrLab.FRR_BIN.resolve(daemon).toString(),
                    "-d", "-u", "frr", "-g", "frr", "-f", emptyConf.toString(), "-z", run.resolve("zserv.api").toString(),
                    "--vty_socket", run.toString(), "-P", "0", "-i", pidFile(daemon).toString(),
                    "--log", "file:" + dir.resolve(daemon + ".log")));
            if (SNMP_DAEMONS.contains(daemon)) {
                cmd.addAll(List.of("-M", "snmp"));
            }
            if (netnsVrfs && daemon.equals("zebra")) {
                cmd.add("-n");
            }
            lab.inside(cmd).orThrow();
            Path socket = run.resolve(daemon + ".vty");
            Poll.await(START_TIMEOUT, daemon + " of instance " + name + " to open " + socket + " (log: " + dir.resolve(daemon + ".log") + ")",
                    () -> Files.exists(socket) && Pids.read(pidFile(daemon)).isPresent());
            long pid = Pids.read(pidFile(daemon)).orElseThrow();
            if (!Pids.alive(pid)) {
                throw new IllegalStateException(daemon + " of instance " + name + " (pid " + pid + ") died at start; log: " + log(daemon));
            }
            pids.add(pid);
        }
    }

    private Path pidFile(String daemon) {
        return dir.resolve("run").resolve(daemon + ".pid");
    }

    public String name() {
        return name;
    }

    public String netns() {
        return netns;
    }

    /** The daemons' PIDs, in the order zebra, bgpd, staticd. */
    public List<Long> pids() {
        return List.copyOf(pids);
    }

    /** The content of a daemon's log file, for failure messages. */
    public String log(String daemon) {
        try {
            Path log = dir.resolve(daemon + ".log");
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "(no log " + log + ")";
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the " + daemon + " log of " + name, e);
        }
    }

    /**
     * Pushes a config file the way an integrated config is loaded ({@code vtysh -f}) and returns everything vtysh
     * printed, stdout and stderr in order. The exit code is not returned: in FRR 8.4 it is 0 for several real errors,
     * so only the output tells (see {@link StrictLoad}).
     */
    public List<String> load(Path config) {
        return vtysh(List.of("-f", config.toString()), true).outLines();
    }

    /** Writes {@code config} to the instance directory and loads it; see {@link #load(Path)}. */
    public List<String> loadText(String fileName, String config) {
        Path file = dir.resolve(fileName);
        try {
            Files.writeString(file, config, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return load(file);
    }

    /**
     * Makes bgpd process route-map changes after 1 s instead of {@code bgp route-map delay-timer}'s default 5 s.
     * A rendered config references its route-maps before it defines them (FRR's own order), and a redistribute or
     * import that names a not-yet-defined route-map takes effect only when that timer fires. Same end state, only
     * sooner; the rendered config itself is not changed. (0 would disable the processing altogether: FRR 8.4 then
     * never redistributes through such a route-map.)
     */
    public void fastRouteMapUpdates() {
        List<String> problems = StrictLoad.problems(loadText("route-map-delay.conf", "bgp route-map delay-timer 1\n"));
        if (!problems.isEmpty()) {
            throw new IllegalStateException("bgpd refused 'bgp route-map delay-timer 1': " + problems);
        }
    }

    /**
     * The unicast BGP tables of every VRF, both families merged ({@code show bgp vrf all ipv4|ipv6 unicast json}),
     * read with the product's {@link BgpTableParser}: VRF name to its paths.
     */
    public SortedMap<String, List<BgpPath>> unicastTables() {
        BgpTableParser parser = new BgpTableParser();
        SortedMap<String, List<BgpPath>> all = new TreeMap<>();
        for (String family : List.of("ipv4", "ipv6")) {
            parser.parse(show("show bgp vrf all " + family + " unicast json"))
                    .forEach((vrf, paths) -> all.computeIfAbsent(vrf, v -> new ArrayList<>()).addAll(paths));
        }
        all.replaceAll((vrf, paths) -> paths.stream().sorted().toList());
        return all;
    }

    /** Runs one vtysh command ({@code show ...}); throws unless vtysh exits 0. */
    public String show(String command) {
        return vtysh(List.of("-c", command), false).orThrow().out();
    }

    /** Runs a {@code show ... json} command and parses its output. */
    public JsonNode json(String command) {
        String out = show(command);
        try {
            return JSON.readTree(out);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("vtysh -c '" + command + "' did not print JSON: " + out, e);
        }
    }

    private Exec.Result vtysh(List<String> args, boolean mergeStderr) {
        if (stopped) {
            throw new IllegalStateException("instance " + name + " is stopped");
        }
        List<String> cmd = new ArrayList<>(List.of("vtysh", "--vty_socket", dir.resolve("run").toString()));
        cmd.addAll(args);
        return Exec.run(cmd, mergeStderr, Duration.ofSeconds(30));
    }

    /** Stops the daemons by PID (SIGTERM, then SIGKILL) and waits until none runs. Idempotent. */
    public void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        List<Long> all = new ArrayList<>(pids);
        // a daemon that started but whose socket never appeared still has a pid file
        DAEMONS.forEach(d -> Pids.read(pidFile(d)).filter(p -> !all.contains(p)).ifPresent(all::add));
        Pids.terminate(all);
        lab.forget(this);
    }

    public boolean stopped() {
        return stopped && pids.stream().noneMatch(Pids::alive);
    }

    @Override
    public String toString() {
        return "FrrInstance[" + name + " in netns " + netns + (netnsVrfs ? ", netns VRFs" : "") + ", pids " + pids + "]";
    }
}
