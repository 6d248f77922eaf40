package io.metalstack.peering.frr;

import io.metalstack.peering.model.AddressFamily;
import io.metalstack.peering.model.DomainException;
import io.metalstack.peering.model.InterfaceAddress;
import io.metalstack.peering.model.IpPrefix;
import io.metalstack.peering.model.Ipv4Address;
import io.metalstack.peering.model.PortName;
import io.metalstack.peering.model.Vni;
import io.metalstack.peering.model.plan.VlanAllocator;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The switch-local facts: what metal-core takes from its own environment rather than from metal-api, and renders into
 * every switch's config next to the intent. Every value is typed, so no free text reaches a config.
 *
 * @param logLevel           {@code log syslog <level>} (metal-core's {@code METAL_CORE_LOG_LEVEL}, mapped)
 * @param managementAddress  eth0's IPv4 address, with or without length (metal-core reads it from eth0); empty: the
 *                           Cumulus {@code interfaces} leaves eth0 to DHCP, as the switch ships
 * @param managementGateway  the management network's gateway: {@code ip route 0.0.0.0/0 <gw> nexthop-vrf mgmt}
 * @param managementRoutes   further IPv4 destinations routed to the management gateway (need a gateway)
 * @param metalCoreCidr      the PXE VLAN's SVI address with its length ({@code METAL_CORE_CIDR})
 * @param setSrcLoopback     SONiC: BGP routes get the loopback as source address ({@code route-map RM_SET_SRC})
 * @param pxeVlan            the PXE VLAN ({@code METAL_CORE_PXE_VLAN_ID}); its VXLAN is {@link #pxeVni()}
 * @param bridgeVids         further VLANs of the VLAN-aware bridge ({@code METAL_CORE_ADDITIONAL_BRIDGE_VIDS})
 * @param bladePorts         further bridge ports, trunks of the bridge's VLANs ({@code METAL_CORE_ADDITIONAL_BRIDGE_PORTS})
 */
public record SwitchLocal(SyslogLevel logLevel, Optional<InterfaceAddress> managementAddress, Optional<Ipv4Address> managementGateway,
                          List<IpPrefix> managementRoutes, Optional<InterfaceAddress> metalCoreCidr, boolean setSrcLoopback,
                          VlanId pxeVlan, List<VlanRange> bridgeVids, List<PortName> bladePorts) {
    /** metal-core's PXE VLAN default. */
    public static final VlanId DEFAULT_PXE_VLAN = VlanId.of(4000);
    /** What metal-core renders when its environment sets nothing but the required values. */
    public static final SwitchLocal DEFAULTS = builder().build();

    public SwitchLocal {
        requireNonNull(logLevel, "logLevel is null");
        requireNonNull(managementAddress, "managementAddress is null");
        requireNonNull(managementGateway, "managementGateway is null");
        requireNonNull(metalCoreCidr, "metalCoreCidr is null");
        requireNonNull(pxeVlan, "pxeVlan is null");
        managementAddress.ifPresent(a -> requireIpv4("management address", a));
        metalCoreCidr.ifPresent(a -> {
            requireIpv4("metal-core CIDR", a);
            if (a.length().isEmpty()) {
                throw DomainException.invalid("metal-core CIDR %s has no length: use the PXE VLAN's address with its subnet length, e.g. 10.255.255.2/24", a);
            }
        });
        managementRoutes = managementRoutes.stream().sorted().distinct().toList();
        for (IpPrefix p : managementRoutes) {
            if (p.family() != AddressFamily.IPV4) {
                throw DomainException.invalid("management route %s is not IPv4: the management VRF routes IPv4 only", p);
            }
        }
        if (!managementRoutes.isEmpty() && managementGateway.isEmpty()) {
            throw DomainException.invalid("management routes %s need a management gateway: set one", managementRoutes);
        }
        if (pxeVlan.value() >= VlanAllocator.MIN && pxeVlan.value() <= VlanAllocator.MAX) {
            throw DomainException.invalid("PXE VLAN %s is in the range of tenant VLANs %d..%d: pick another one (metal-core's default is %s)",
                    pxeVlan, VlanAllocator.MIN, VlanAllocator.MAX, DEFAULT_PXE_VLAN);
        }
        bridgeVids = bridgeVids.stream().sorted().distinct().toList();
        for (VlanRange r : bridgeVids) {
            if (r.contains(pxeVlan)) {
                throw DomainException.invalid("additional bridge VIDs %s contain the PXE VLAN %s, which the bridge has anyway: leave it out", r, pxeVlan);
            }
        }
        bladePorts = bladePorts.stream().sorted().distinct().toList();
        for (PortName p : bladePorts) {
            // a physical port is numbered (swp7, swp1s2, Ethernet28): this keeps device names such as bridge, mgmt or
            // lo, and words such as end, out of the bridge's ports
            if (!Character.isDigit(p.value().charAt(p.value().length() - 1))) {
                throw DomainException.invalid("blade port %s is not a switch port: use a numbered port such as swp7 or Ethernet28", p);
            }
        }
    }

    private static void requireIpv4(String what, InterfaceAddress a) {
        if (a.family() != AddressFamily.IPV4) {
            throw DomainException.invalid("%s %s is not IPv4: use an address such as 192.168.0.11/24", what, a);
        }
    }

    /** The PXE VLAN's VXLAN id as metal-core numbers it: {@code 10} and the VLAN id in four digits (4000 → 104000). */
    public Vni pxeVni() {
        return Vni.of(100_000 + pxeVlan.value());
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from {@link #DEFAULTS}' values; {@link #build()} validates. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.logLevel = logLevel;
        b.managementAddress = managementAddress;
        b.managementGateway = managementGateway;
        b.managementRoutes = new ArrayList<>(managementRoutes);
        b.metalCoreCidr = metalCoreCidr;
        b.setSrcLoopback = setSrcLoopback;
        b.pxeVlan = pxeVlan;
        b.bridgeVids = new ArrayList<>(bridgeVids);
        b.bladePorts = new ArrayList<>(bladePorts);
        return b;
    }

    /** Collects the facts one by one (options, config files); not a value itself. */
    public static final class Builder {
        private SyslogLevel logLevel = SyslogLevel.INFORMATIONAL;
        private Optional<InterfaceAddress> managementAddress = Optional.empty();
        private Optional<Ipv4Address> managementGateway = Optional.empty();
        private List<IpPrefix> managementRoutes = new ArrayList<>();
        private Optional<InterfaceAddress> metalCoreCidr = Optional.empty();
        private boolean setSrcLoopback;
        private VlanId pxeVlan = DEFAULT_PXE_VLAN;
        private List<VlanRange> bridgeVids = new ArrayList<>();
        private List<PortName> bladePorts = new ArrayList<>();

        private Builder() {}

        public Builder logLevel(SyslogLevel v) {
            logLevel = requireNonNull(v, "logLevel is null");
            return this;
        }

        public Builder managementAddress(InterfaceAddress v) {
            managementAddress = Optional.of(v);
            return this;
        }

        public Builder managementGateway(Ipv4Address v) {
            managementGateway = Optional.of(v);
            return this;
        }

        public Builder managementRoutes(List<IpPrefix> v) {
            managementRoutes = new ArrayList<>(v);
            return this;
        }

        public Builder metalCoreCidr(InterfaceAddress v) {
            metalCoreCidr = Optional.of(v);
            return this;
        }

        public Builder setSrcLoopback(boolean v) {
            setSrcLoopback = v;
            return this;
        }

        public Builder pxeVlan(VlanId v) {
            pxeVlan = requireNonNull(v, "pxeVlan is null");
            return this;
        }

        public Builder bridgeVids(List<VlanRange> v) {
            bridgeVids = new ArrayList<>(v);
            return this;
        }

        public Builder bladePorts(List<PortName> v) {
            bladePorts = new ArrayList<>(v);
            return this;
        }

        public SwitchLocal build() {
            return new SwitchLocal(logLevel, managementAddress, managementGateway, managementRoutes, metalCoreCidr, setSrcLoopback,
                    pxeVlan, bridgeVids, bladePorts);
        }
    }
}
