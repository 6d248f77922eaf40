package io.metalstack.peering.agent;

import io.metalstack.peering.frr.lab.FrrInstance;
import io.metalstack.peering.frr.lab.FrrLab;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * A leaf switch in an {@link FrrLab}: FRR daemons in namespace {@code core} with the netns VRF backend, and for each
 * tenant VRF a namespace named like it holding the machine port (a veth whose other end carries the network's
 * addresses, so that {@code redistribute connected} has routes to leak). The agent drives it as {@link FrrTarget}
 * through the instance's vty sockets. Public for the e2e tests.
 */
public final class LabLeaf {
    private final FrrLab lab;
    private final FrrInstance frr;

    private LabLeaf(FrrLab lab, FrrInstance frr) {
        this.lab = lab;
        this.frr = frr;
    }

    /** Starts a lab named {@code name} with the daemons of one leaf. Add VRFs with {@link #addVrf}. */
    public static LabLeaf start(String name) {
        FrrLab lab = FrrLab.start(name);
        try {
            lab.addNamespace("core");
            return new LabLeaf(lab, lab.startFrr("leaf", "core", true));
        } catch (RuntimeException e) {
            lab.close();
            throw e;
        }
    }

    /**
     * A VRF namespace with the machine port {@code port} and, behind it, one host address per given CIDR
     * ({@code 10.0.8.1/22}: the connected prefix 10.0.8.0/22 appears in the VRF).
     */
    public void addVrf(String vrf, String port, List<String> hostAddresses) {
        lab.addNamespace(vrf);
        String host = "h" + port.replaceAll("[^0-9]", "");
        lab.addVeth(vrf, port, vrf, host);
        hostAddresses.forEach(a -> lab.addAddress(vrf, host, a));
    }

    /** Adds an address inside a VRF namespace by hand: a route nobody configured (a leak, for the leak check). */
    public void addForeignAddress(String vrf, String port, String cidr) {
        lab.addAddress(vrf, "h" + port.replaceAll("[^0-9]", ""), cidr);
    }

    /** Removes an address added with {@link #addForeignAddress}. */
    public void removeForeignAddress(String vrf, String port, String cidr) {
        lab.sh("ip", "-n", vrf, "addr", "del", cidr, "dev", "h" + port.replaceAll("[^0-9]", ""));
    }

    public FrrLab lab() {
        return lab;
    }

    public FrrInstance frr() {
        return frr;
    }

    public Path socketDir() {
        return lab.dir().resolve(frr.name()).resolve("run");
    }

    /** Where the agent keeps frr.conf for this leaf (inside the lab dir, deleted with it). */
    public Path configFile() {
        return lab.dir().resolve("etc").resolve("frr.conf");
    }

    /** {@code bin/metal-core} arguments that make an agent drive this leaf. */
    public List<String> agentArgs() {
        return List.of("--target", "frr", "--os-side", "skip", "--frr-config", configFile().toString(), "--vty-socket", socketDir().toString());
    }

    /** The agent's target for this leaf with the agent's default drift check: after the first apply, delta pushes. */
    FrrTarget target() {
        return new FrrTarget(configFile(), new Vtysh("vtysh", socketDir()), new ReloadDelta("/usr/lib/frr/frr-reload.py"), Duration.ofMinutes(10));
    }

    public String runningConfig() {
        return frr.show("show running-config");
    }

    public void close() {
        requireNonNull(lab, "lab is null").close();
    }
}
