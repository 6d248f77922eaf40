package io.metalstack.peering.e2e;

import io.metalstack.peering.api.MetalApiClient;
import io.metalstack.peering.api.V1Machine;
import io.metalstack.peering.api.V1MachineAllocation;
import io.metalstack.peering.api.V1MachineConnection;
import io.metalstack.peering.api.V1Network;
import io.metalstack.peering.api.V1NetworkAllocateRequest;
import io.metalstack.peering.api.V1Partition;
import io.metalstack.peering.api.V1Peering;
import io.metalstack.peering.api.V1PeeringFindRequest;
import io.metalstack.peering.api.V1Project;
import io.metalstack.peering.api.V1Switch;
import io.metalstack.peering.api.V1SwitchPort;
import io.metalstack.peering.api.V1TokenCreateRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Seeds metal-api through its client, as an operator and a tenant would: partition, project, leaves, networks, machines. */
public final class Fabric {
    static final String PARTITION = "fra";
    static final String PROJECT = "p1";

    private final MetalApiClient admin;

    public Fabric(MetalApiClient admin) {
        this.admin = admin;
    }

    /** The partition, the project and the partition's IPv4 super network (children /22). */
    public Fabric base() {
        admin.partitions().create(new V1Partition(PARTITION, "Frankfurt", null, null, null, null));
        admin.projects().create(new V1Project(PROJECT, "project one", "t1", null, null, null, null));
        admin.networks().create(new V1Network("super-fra", "super-fra", null, PARTITION, null, null, "super",
                List.of("10.0.0.0/12"), null, null, Map.of("IPv4", 22), null, null, null, null, null));
        return this;
    }

    /** A token with role infra, for the agents. */
    public String infraToken() {
        return admin.createToken(new V1TokenCreateRequest("infra", null, "e2e agents")).secret();
    }

    /** A leaf with machine ports {@code ports} and one uplink. */
    public void leaf(String id, String os, long asn, String routerId, List<String> ports, String uplink) {
        List<V1SwitchPort> all = new ArrayList<>();
        ports.forEach(p -> all.add(new V1SwitchPort(p, false, null)));
        all.add(new V1SwitchPort(uplink, true, null));
        admin.switches().create(new V1Switch(id, PARTITION, "rack-" + id, "room1", "leaf", os, asn, routerId, all, null, null));
    }

    public V1Network network(String name) {
        return admin.allocateNetwork(new V1NetworkAllocateRequest(name, null, PARTITION, PROJECT, false, null, null, null));
    }

    /** A machine cabled to {@code port} of {@code leaf}, allocated into {@code network}. */
    public void machine(String id, String leaf, String port, V1Network network) {
        admin.machines().create(new V1Machine(id, id, PARTITION, "machine", List.of(new V1MachineConnection(leaf, port)), null, null, null));
        admin.allocateMachine(id, new V1MachineAllocation(PROJECT, List.of(network.id())));
    }

    public List<V1Peering> peeringsOf(V1Network n) {
        return admin.findPeerings(new V1PeeringFindRequest(null, n.id(), null, null));
    }

    /** The first host address of a network's first prefix, in CIDR form: 10.0.4.0/22 gives 10.0.4.1/22. */
    public static String host(V1Network n) {
        String prefix = n.prefixes().get(0);
        int slash = prefix.indexOf('/');
        String[] octets = prefix.substring(0, slash).split("\\.");
        return octets[0] + "." + octets[1] + "." + octets[2] + "." + (Integer.parseInt(octets[3]) + 1) + prefix.substring(slash);
    }
}
