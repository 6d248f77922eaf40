package io.metalstack.peering.frr;

import io.metalstack.peering.model.PortName;
import io.metalstack.peering.model.Vni;
import io.metalstack.peering.model.plan.ExternalSession;
import io.metalstack.peering.model.plan.FirewallPort;
import io.metalstack.peering.model.plan.SwitchIntent;
import io.metalstack.peering.model.plan.VrfIntent;
import io.metalstack.peering.frr.Interfaces.Stanza;

import java.util.ArrayList;
import java.util.List;

/**
 * Cumulus' {@code /etc/network/interfaces} ({@link Interfaces}, printed by {@link InterfacesPrinter}) in metal-core's layout: loopback, eth0 in the management VRF, routed uplink
 * and firewall ports, external BGP ports with their address in their VRF, the VLAN-aware bridge (PXE VXLAN,
 * unprovisioned and blade ports, every VRF's L3VNI; PXE, VRF and additional VLANs), per VRF (local or instantiated for a
 * peering) the VRF device, its machine ports, its SVI and its L3VNI VXLAN device, then the PXE SVI with metal-core's
 * address, the PXE VXLAN device and the unprovisioned ports as PXE access ports.
 */
final class InterfacesBuilder {
    static final int MTU_MACHINE = 9000;
    static final int MTU_FABRIC = 9216;
    /** ifupdown2 reads further stanzas from here, as on metal-core's switches. */
    static final String SOURCE = "source /etc/network/interfaces.d/*.intf";

    Interfaces build(SwitchIntent intent, SwitchLocal local) {
        String tunnelIp = intent.routerId().toString();
        int pxeVlan = local.pxeVlan().value();
        List<Stanza> stanzas = new ArrayList<>();
        stanzas.add(new Stanza("lo", "lo inet loopback", List.of("address " + tunnelIp + "/32")));
        stanzas.add(eth0(local));
        stanzas.add(new Stanza(PolicyNames.MGMT_VRF.value(), List.of("address 127.0.0.1/8", "vrf-table auto")));
        for (PortName p : intent.uplinks()) {
            stanzas.add(new Stanza(p.value(), List.of("mtu " + MTU_FABRIC)));
        }
        for (FirewallPort f : intent.firewalls()) {
            stanzas.add(new Stanza(f.port().value(), List.of("mtu " + MTU_FABRIC)));
        }
        for (ExternalSession e : ExternalLinks.renderable(intent)) {
            stanzas.add(new Stanza(e.port().value(), List.of("address " + ExternalLinks.localCidr(e), "vrf " + e.vrf().cumulusName())));
        }
        List<String> bridgePorts = new ArrayList<>();
        bridgePorts.add("vni" + local.pxeVni());
        intent.unprovisioned().forEach(p -> bridgePorts.add(p.value()));
        local.bladePorts().forEach(p -> bridgePorts.add(p.value()));
        List<String> vids = new ArrayList<>();
        vids.add(Integer.toString(pxeVlan));
        for (VrfIntent v : intent.vrfs()) {
            bridgePorts.add("vni" + v.vni());
            vids.add(Integer.toString(v.vlan()));
        }
        local.bridgeVids().forEach(r -> vids.add(r.toString()));
        stanzas.add(new Stanza("bridge", List.of("bridge-ports " + String.join(" ", bridgePorts),
                "bridge-vids " + String.join(" ", vids), "bridge-vlan-aware yes")));
        for (VrfIntent v : intent.vrfs()) {
            String vrf = v.vni().cumulusName();
            stanzas.add(new Stanza(vrf, List.of("vrf-table auto")));
            for (PortName p : v.machinePorts()) {
                // BGP unnumbered needs IPv6 link-local addresses on the port, also where the OS turned IPv6 off
                stanzas.add(new Stanza(p.value(), List.of("mtu " + MTU_MACHINE,
                        "post-up sysctl -w net.ipv6.conf." + p + ".disable_ipv6=0", "vrf " + vrf)));
            }
            String svi = "vlan" + v.vlan();
            stanzas.add(new Stanza(svi, List.of("mtu " + MTU_MACHINE, "vlan-id " + v.vlan(), "vlan-raw-device bridge", "vrf " + vrf)));
            stanzas.add(vxlan(v.vni(), v.vlan(), tunnelIp, true));
        }
        List<String> pxeSvi = new ArrayList<>();
        pxeSvi.add("mtu " + MTU_MACHINE);
        local.metalCoreCidr().ifPresent(a -> pxeSvi.add("address " + a));
        pxeSvi.add("vlan-id " + pxeVlan);
        pxeSvi.add("vlan-raw-device bridge");
        stanzas.add(new Stanza("vlan" + pxeVlan, pxeSvi));
        stanzas.add(vxlan(local.pxeVni(), pxeVlan, tunnelIp, false));
        for (PortName p : intent.unprovisioned()) {
            stanzas.add(new Stanza(p.value(), List.of("mtu " + MTU_MACHINE, "bridge-access " + pxeVlan)));
        }
        return new Interfaces("rendered by metal-peering for " + intent.id() + "; do not edit", List.of(SOURCE), stanzas);
    }

    /** eth0 in VRF mgmt: metal-core's address and gateway, or DHCP (as the switch ships) when the address is not known. */
    private static Stanza eth0(SwitchLocal local) {
        List<String> a = new ArrayList<>();
        local.managementAddress().ifPresent(addr -> {
            a.add("address " + addr);
            local.managementGateway().ifPresent(gw -> a.add("gateway " + gw));
        });
        a.add("vrf " + PolicyNames.MGMT_VRF);
        return new Stanza("eth0", local.managementAddress().isPresent() ? "eth0" : "eth0 inet dhcp", a);
    }

    private static Stanza vxlan(Vni vni, int vlan, String tunnelIp, boolean arpSuppress) {
        List<String> a = new ArrayList<>(List.of("mtu " + MTU_MACHINE, "bridge-access " + vlan));
        if (arpSuppress) {
            a.add("bridge-arp-nd-suppress on");
        }
        a.addAll(List.of("bridge-learning off", "mstpctl-bpduguard yes", "mstpctl-portbpdufilter yes",
                "vxlan-id " + vni, "vxlan-local-tunnelip " + tunnelIp));
        return new Stanza("vni" + vni, a);
    }
}
