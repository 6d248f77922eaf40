package io.metalstack.peering.model.plan;

import io.metalstack.peering.model.IpPrefix;
import io.metalstack.peering.model.PortName;
import io.metalstack.peering.model.Vni;

import java.util.List;

import static java.util.Objects.requireNonNull;

/** A firewall's port: the firewall may announce only {@code cidrs} (underlay /32s) and sees only EVPN of {@code vnis}. */
public record FirewallPort(PortName port, List<Vni> vnis, List<IpPrefix> cidrs) {
    public FirewallPort {
        requireNonNull(port, "port is null");
        vnis = vnis.stream().sorted().distinct().toList();
        cidrs = cidrs.stream().sorted().distinct().toList();
    }
}
