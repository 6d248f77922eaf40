package io.metalstack.peering.server.launch;

import io.metalstack.peering.api.ApiException;
import io.metalstack.peering.api.MetalApiClient;
import io.metalstack.peering.api.V1Machine;
import io.metalstack.peering.api.V1MachineAllocation;
import io.metalstack.peering.api.V1MachineConnection;
import io.metalstack.peering.api.V1Network;
import io.metalstack.peering.api.V1NetworkAllocateRequest;
import io.metalstack.peering.api.V1Partition;
import io.metalstack.peering.api.V1Project;
import io.metalstack.peering.api.V1Switch;
import io.metalstack.peering.api.V1SwitchPort;
import io.metalstack.peering.api.V1TokenCreateRequest;
import io.metalstack.peering.model.Labels;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The demo of {@code bin/metal-api --demo}: seeds a partition once, through the API with the admin token,
 * so that every object passes the same checks as a user's; a restart finds the partition and seeds nothing. The names
 * are the MEP's, so that its commands work verbatim:
 * <ul>
 *   <li>partition {@code fra-equ01}; projects {@code tenant-a} and {@code storage-team};</li>
 *   <li>super network {@code super-fra}, dual-stack {@code 10.0.0.0/16} and {@code 2001:db8::/48} (a documentation
 *       prefix, not private-use: so privnet1 peers with the internet over IPv6);</li>
 *   <li>{@code internet}: external, peerable, VRF 104009, NAT, destinations {@code 0.0.0.0/0} and {@code ::/0};</li>
 *   <li>{@code privnet1}, {@code privnet2} (tenant-a) and {@code storage} (storage-team, shared);</li>
 *   <li>two racks of two leaves ({@code leaf01}, {@code leaf02} in r01/room1; {@code leaf03}, {@code leaf04} in
 *       r02/room2) and the exit switch {@code exit01} (free ports {@code Ethernet0} and {@code Ethernet4});</li>
 *   <li>dual-homed machines: two of privnet1 (one per rack), one of privnet2, one of storage, one not allocated.</li>
 * </ul>
 * It also writes what {@code bin/metal-api} needs to start one agent per switch into {@code <data-dir>/demo/}:
 * {@code infra-token} (an infra token, created once, mode 600), {@code switches} (one id a line), {@code api-url},
 * and last {@code ready}.
 */
public final class Demo {

    static final String PARTITION = "fra-equ01";
    static final List<String> LEAVES = List.of("leaf01", "leaf02", "leaf03", "leaf04");
    static final String EXIT = "exit01";

    private Demo() {}

    /** What a seed did. */
    record Seeded(boolean fresh, List<String> switches) {}

    /** Seeds the demo unless its partition exists; writes the agents' files into {@code dir} either way. */
    static Seeded seed(MetalApiClient admin, Path dir, String url) throws IOException {
        boolean fresh = !exists(admin);
        if (fresh) {
            inventory(admin);
        }
        Files.createDirectories(dir);
        Files.deleteIfExists(dir.resolve("ready"));
        Path tokenFile = dir.resolve("infra-token");
        if (!Files.exists(tokenFile)) {
            String secret = admin.createToken(new V1TokenCreateRequest("infra", null, "demo switch agents")).secret();
            io.metalstack.peering.api.PrivateFiles.write(tokenFile, (secret + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        List<String> switches = admin.switches().list().stream().filter(s -> PARTITION.equals(s.partitionid())).map(V1Switch::id)
                .sorted().toList();
        Files.writeString(dir.resolve("switches"), String.join("\n", switches) + "\n");
        Files.writeString(dir.resolve("api-url"), url + "\n");
        Files.writeString(dir.resolve("ready"), "");
        return new Seeded(fresh, switches);
    }

    private static boolean exists(MetalApiClient admin) {
        try {
            admin.partitions().get(PARTITION);
            return true;
        } catch (ApiException e) {
            if (e.statuscode() == 404) {
                return false;
            }
            throw e;
        }
    }

    private static void inventory(MetalApiClient admin) {
        admin.partitions().create(new V1Partition(PARTITION, "Frankfurt Equinix 1", "the demo partition", null, null, null));
        admin.projects().create(new V1Project("tenant-a", "tenant-a", "acme", "privnet1 and privnet2", null, null, null));
        admin.projects().create(new V1Project("storage-team", "storage-team", "storage-inc", "the shared storage network", null, null, null));
        admin.networks().create(new V1Network("super-fra", "super-fra", "the partition's private super network", PARTITION, null, null,
                "super", List.of("10.0.0.0/16", "2001:db8::/48"), null, null, Map.of("IPv4", 22, "IPv6", 64), null, null, null, null, null));
        admin.networks().create(new V1Network("internet", "internet", "the internet, NATed by the exit", null, null, null, "external",
                List.of("185.1.2.0/24"), List.of("0.0.0.0/0", "::/0"), 104009, null, true, null, Map.of(Labels.PEERABLE, "true"),
                null, null));
        V1Network privnet1 = allocate(admin, "privnet1", "tenant-a", false);
        V1Network privnet2 = allocate(admin, "privnet2", "tenant-a", false);
        V1Network storage = allocate(admin, "storage", "storage-team", true);
        int i = 0;
        for (String leaf : LEAVES) {
            i++;
            int rack = i <= 2 ? 1 : 2;
            admin.switches().create(new V1Switch(leaf, PARTITION, "r0" + rack, "room" + rack, "leaf", "SONiC", 4200000010L + i,
                    "10.255.0." + (10 + i), ports("Ethernet0", "Ethernet1", "Ethernet2", "Ethernet3"), null, null));
        }
        admin.switches().create(new V1Switch(EXIT, PARTITION, "r01", "room1", "exit", "SONiC", 4200000099L, "10.255.0.99",
                ports("Ethernet0", "Ethernet4"), null, null));
        machine(admin, "m01", "leaf01", "leaf02", "Ethernet0", privnet1, "tenant-a");
        machine(admin, "m02", "leaf01", "leaf02", "Ethernet1", privnet2, "tenant-a");
        machine(admin, "m03", "leaf03", "leaf04", "Ethernet0", privnet1, "tenant-a");
        machine(admin, "m04", "leaf03", "leaf04", "Ethernet1", storage, "storage-team");
        machine(admin, "m05", "leaf03", "leaf04", "Ethernet2", null, null);
    }

    private static V1Network allocate(MetalApiClient admin, String name, String project, boolean shared) {
        return admin.allocateNetwork(new V1NetworkAllocateRequest(name, null, PARTITION, project, shared, null, null, null));
    }

    /** Host ports, plus the uplink {@code Ethernet120}. */
    private static List<V1SwitchPort> ports(String... names) {
        List<V1SwitchPort> ports = new ArrayList<>();
        for (String n : names) {
            ports.add(new V1SwitchPort(n, false, null));
        }
        ports.add(new V1SwitchPort("Ethernet120", true, null));
        return ports;
    }

    /** A machine on the same port of both leaves of a rack, allocated to {@code network} unless that is null. */
    private static void machine(MetalApiClient admin, String id, String leafA, String leafB, String port, V1Network network, String project) {
        admin.machines().create(new V1Machine(id, id, PARTITION, "machine",
                List.of(new V1MachineConnection(leafA, port), new V1MachineConnection(leafB, port)), null, null, null));
        if (network != null) {
            admin.allocateMachine(id, new V1MachineAllocation(project, List.of(network.id())));
        }
    }
}
