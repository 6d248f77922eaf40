package io.metalstack.peering.server;

import io.metalstack.peering.api.V1Bgp;
import io.metalstack.peering.api.V1Network;
import io.metalstack.peering.api.V1Peering;
import io.metalstack.peering.api.V1Switch;
import io.metalstack.peering.api.V1SwitchPort;
import io.metalstack.peering.api.fixture.BgpRequest;
import io.metalstack.peering.api.fixture.MachineRequest;
import io.metalstack.peering.api.fixture.NetworkRequest;
import io.metalstack.peering.api.fixture.PeeringRequest;
import io.metalstack.peering.api.fixture.SwitchRequest;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** External peerings: a BGP session on an exit switch port, created by an admin. */
abstract class ExternalPeeringContract extends MetalApiContract {

    ExternalPeeringContract(MetalApiFixture api) {
        super(api);
    }

    @Test
    void externalPeeringNeedsBgpOnAnExitSwitchPortAndAnAdmin() {
        String exit = exitSwitch(1, "Ethernet0", "Ethernet4");
        V1Network dual = net("p1");
        V1Bgp bgp = BgpRequest.session(65000L, "2001:db8:ff::1", "Ethernet0@" + exit, 65001L, "2001:db8:ff::2")
                .maxprefixes(2000).bfd(true).password("s3cret").importprefixes(List.of()).exportprefixes(List.of()).build();
        V1Peering ext = PeeringRequest.external("internet", dual.id(), bgp).name("to-isp").build();
        assertApiError(() -> as("owner1").peerings().create(ext), 403, "external BGP peering");
        V1Peering created = admin().peerings().create(ext);
        // the subnet derived from the bare addresses, the password never echoed
        assertThat(created.bgp().local().cidr()).isEqualTo("2001:db8:ff::1/126");
        assertThat(created.bgp().remote().cidr()).isEqualTo("2001:db8:ff::2/126");
        assertThat(created.bgp().password()).isNull();
        assertThat(created.bgp().haspassword()).isTrue();
        assertThat(created.bgp().maxprefixes()).isEqualTo(2000);
        assertThat(created.bgp().bfd()).isTrue();
        assertThat(created.projectid()).isEqualTo("p1");
        assertThat(as("owner1").peerings().get(created.id()).bgp().password()).isNull();
        // the switch gets the secret through its intent
        assertThat(admin().switchIntent(exit, null, null).intent().external()).singleElement()
                .satisfies(x -> assertThat(x.password()).isEqualTo("s3cret"));
        // an update that echoes the response (normalized addresses, no password) changes nothing fixed
        V1Peering echoed = PeeringRequest.update(created).name("renamed").bgp(created.bgp()).build();
        assertThat(admin().peerings().update(echoed).name()).isEqualTo("renamed");
        // the port is taken
        V1Network other = net("p1");
        assertApiError(() -> admin().peerings().create(PeeringRequest.external("internet", other.id(), bgp).build()), 409, "already uses it");
        V1Bgp wrongPort = new V1Bgp(new V1Bgp.Local(65000L, "172.16.0.1/30", "Ethernet9@" + exit), new V1Bgp.Remote(65001L, "172.16.0.2/30"));
        assertApiError(() -> admin().peerings().create(PeeringRequest.external("internet", other.id(), wrongPort).build()), 422,
                "switch " + exit + " has no port Ethernet9");
        assertApiError(() -> admin().peerings().create(PeeringRequest.external("internet", other.id(), null).build()), 400,
                "an external peering needs bgp");
    }

    /** The MEP's one-network form: {@code --network1 internet} with a bgp block and no network2. */
    @Test
    void externalPeeringOfOneNetwork() {
        String exit = exitSwitch(2, "Ethernet0");
        V1Bgp bgp = new V1Bgp(new V1Bgp.Local(65000L, "2001:db8:fe::1", "Ethernet0@" + exit), new V1Bgp.Remote(65001L, "2001:db8:fe::2"));
        V1Peering created = admin().peerings().create(PeeringRequest.external("internet", null, bgp).build());
        assertThat(created.network2()).isNull();
        assertThat(created.partitionid()).isEqualTo("fra");
        assertThat(created.status().families()).containsExactly("IPv6");
        assertThat(admin().switchIntent(exit, null, null).intent().external()).singleElement()
                .satisfies(x -> assertThat(x.vrf()).isEqualTo(104009));
        // pending until the exit switch reports
        assertThat(created.status().phase()).isEqualTo("pending");
        admin().peerings().delete(created.id());
        assertThat(admin().switchIntent(exit, null, null).intent().external()).isEmpty();
    }

    /** A change of network1's prefixes re-runs the session's check: an export prefix must stay inside them. */
    @Test
    void anExternalSessionKeepsItsNetworksPrefixesInCheck() {
        String exit = exitSwitch(3, "Ethernet0");
        V1Network upstream = admin().networks().create(NetworkRequest.external(name("up"), 500001).name("upstream")
                .prefixes("198.51.100.0/24").destinationprefixes("0.0.0.0/0").nat(false).peerable().build());
        admin().peerings().create(PeeringRequest.external(upstream.id(), null,
                BgpRequest.session(65000L, "192.0.2.0/31", "Ethernet0@" + exit, 65001L, "192.0.2.1/31")
                        .exportprefixes(List.of("198.51.100.0/25")).build()).build());
        V1Network moved = NetworkRequest.external(upstream.id(), upstream.vrf()).name(upstream.name()).prefixes("203.0.113.0/24")
                .destinationprefixes("0.0.0.0/0").nat(false).labels(upstream.labels()).changed(upstream.changed()).build();
        assertApiError(() -> admin().networks().update(moved), 422, "would break external peering", "198.51.100.0/25",
                "export only network1's own address space");
    }

    /** A switch in use (a machine cabled to it, an external session on it) is not deleted, and keeps the ports in use. */
    @Test
    void aSwitchKeepsItsMachinesAndSessions() {
        String exit = exitSwitch(4, "Ethernet0", "Ethernet4");
        String m = name("m");
        admin().machines().create(MachineRequest.machine(m, "fra").connectedTo(exit, "Ethernet4").build());
        V1Peering session = admin().peerings().create(PeeringRequest.external("internet", null,
                new V1Bgp(new V1Bgp.Local(65000L, "2001:db8:fd::1", "Ethernet0@" + exit), new V1Bgp.Remote(65001L, "2001:db8:fd::2"))).build());
        V1Switch sw = admin().switches().get(exit);
        assertApiError(() -> admin().switches().update(SwitchRequest.update(sw).ports(List.of(new V1SwitchPort("Ethernet0", false, null))).build()),
                409, "is still used by machines " + m + " (Ethernet4)");
        assertApiError(() -> admin().switches().delete(exit), 409,
                "switch " + exit + " is still used by machines " + m + "; peerings " + session.id());
        admin().machines().delete(m);
        assertApiError(() -> admin().switches().delete(exit), 409, "switch " + exit + " is still used by peerings " + session.id() + ":");
        admin().peerings().delete(session.id());
        assertThat(admin().switches().delete(exit).id()).isEqualTo(exit);
    }
}
