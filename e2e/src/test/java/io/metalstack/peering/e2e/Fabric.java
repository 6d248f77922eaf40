package io.metalstack.peering.e2e;

import io.metalstack.peering.api.MetalApiClient;
import io.metalstack.peering.api.V1MachineAllocation;
import io.metalstack.peering.api.V1Network;
import io.metalstack.peering.api.V1Peering;
import io.metalstack.peering.api.V1TokenCreateRequest;
import io.metalstack.peering.api.fixture.AllocateRequest;
import io.metalstack.peering.api.fixture.FindRequest;
import io.metalstack.peering.api.fixture.MachineRequest;
import io.metalstack.peering.api.fixture.NetworkRequest;
import io.metalstack.peering.api.fixture.PartitionRequest;
import io.metalstack.peering.api.fixture.ProjectRequest;
import io.metalstack.peering.api.fixture.SwitchRequest;

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
        admin.partitions().create(PartitionRequest.of(PARTITION).name("Frankfurt").build());
        admin.projects().create(ProjectRequest.of(PROJECT, "t1").name("project one").build());
        admin.networks().create(NetworkRequest.superNetwork("super-fra", PARTITION, "10.0.0.0/12").childLengths(Map.of("IPv4", 22)).build());
        return this;
    }

    /** A token with role infra, for the agents. */
    public String infraToken() {
        return admin.createToken(new V1TokenCreateRequest("infra", null, "e2e agents")).secret();
    }

    /** A leaf with machine ports {@code ports} and one uplink. */
    public void leaf(String id, String os, long asn, String routerId, List<String> ports, String uplink) {
        admin.switches().create(SwitchRequest.of(id, PARTITION, "leaf", os).place("rack-" + id, "room1").bgp(asn, routerId)
                .ports(ports.toArray(String[]::new)).uplinks(uplink).build());
    }

    public V1Network network(String name) {
        return admin.allocateNetwork(AllocateRequest.of(name, PARTITION, PROJECT).build());
    }

    /** A machine cabled to {@code port} of {@code leaf}, allocated into {@code network}. */
    public void machine(String id, String leaf, String port, V1Network network) {
        admin.machines().create(MachineRequest.machine(id, PARTITION).connectedTo(leaf, port).build());
        admin.allocateMachine(id, new V1MachineAllocation(PROJECT, List.of(network.id())));
    }

    public List<V1Peering> peeringsOf(V1Network n) {
        return admin.findPeerings(FindRequest.peeringsOf(n.id()));
    }

    /** The first host address of a network's first prefix, in CIDR form: 10.0.4.0/22 gives 10.0.4.1/22. */
    public static String host(V1Network n) {
        String prefix = n.prefixes().get(0);
        int slash = prefix.indexOf('/');
        String[] octets = prefix.substring(0, slash).split("\\.");
        return octets[0] + "." + octets[1] + "." + octets[2] + "." + (Integer.parseInt(octets[3]) + 1) + prefix.substring(slash);
    }
}
