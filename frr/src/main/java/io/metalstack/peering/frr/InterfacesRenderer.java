package io.metalstack.peering.frr;

import io.metalstack.peering.model.PortName;
import io.metalstack.peering.model.plan.ExternalSession;
import io.metalstack.peering.model.plan.FirewallPort;
import io.metalstack.peering.model.plan.SwitchIntent;
import io.metalstack.peering.model.plan.VrfIntent;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Cumulus' side of the VRFs, {@code /etc/network/interfaces} in metal-core's layout: loopback/VTEP, routed
 * uplink and firewall ports, machine ports in their VRF, external BGP ports with their address in their VRF,
 * PXE access ports, the VLAN-aware bridge, and per VRF
 * (local or instantiated for a peering) the VRF device, its SVI and its L3VNI VXLAN device.
 */
final class InterfacesRenderer {
    static final int PXE_VLAN = ConfigDbRenderer.PXE_VLAN;
    static final int PXE_VNI = 104000;
    static final int MTU_MACHINE = 9000;
    static final int MTU_FABRIC = 9216;

    /** One {@code auto X / iface X} stanza. */
    private record Stanza(String name, String iface, List<String> attributes) {}

    String render(SwitchIntent intent) {
        String tunnelIp = intent.routerId().toString();
        List<Stanza> stanzas = new ArrayList<>();
        stanzas.add(new Stanza("lo", "lo inet loopback", List.of("address " + tunnelIp + "/32", "vxlan-local-tunnelip " + tunnelIp)));
        for (PortName p : intent.uplinks()) {
            stanzas.add(new Stanza(p.value(), p.value(), List.of("mtu " + MTU_FABRIC)));
        }
        for (FirewallPort f : intent.firewalls()) {
            stanzas.add(new Stanza(f.port().value(), f.port().value(), List.of("mtu " + MTU_FABRIC)));
        }
        for (VrfIntent v : intent.vrfs()) {
            for (PortName p : v.machinePorts()) {
                stanzas.add(new Stanza(p.value(), p.value(), List.of("mtu " + MTU_MACHINE, "vrf " + v.vni().cumulusName())));
            }
        }
        for (ExternalSession e : ExternalLinks.renderable(intent)) {
            stanzas.add(new Stanza(e.port().value(), e.port().value(), List.of("address " + ExternalLinks.localCidr(e), "vrf " + e.vrf().cumulusName())));
        }
        for (PortName p : intent.unprovisioned()) {
            stanzas.add(new Stanza(p.value(), p.value(), List.of("mtu " + MTU_MACHINE, "bridge-access " + PXE_VLAN)));
        }
        List<String> bridgePorts = new ArrayList<>();
        intent.unprovisioned().forEach(p -> bridgePorts.add(p.value()));
        bridgePorts.add("vni" + PXE_VNI);
        List<String> vids = new ArrayList<>();
        vids.add(Integer.toString(PXE_VLAN));
        for (VrfIntent v : intent.vrfs()) {
            bridgePorts.add("vni" + v.vni());
            vids.add(Integer.toString(v.vlan()));
        }
        stanzas.add(new Stanza("bridge", "bridge", List.of("bridge-ports " + String.join(" ", bridgePorts),
                "bridge-vids " + String.join(" ", vids), "bridge-vlan-aware yes")));
        stanzas.add(vxlan(PXE_VNI, PXE_VLAN, tunnelIp, false));
        for (VrfIntent v : intent.vrfs()) {
            String vrf = v.vni().cumulusName();
            stanzas.add(new Stanza(vrf, vrf, List.of("vrf-table auto")));
            String svi = "vlan" + v.vlan();
            stanzas.add(new Stanza(svi, svi, List.of("mtu " + MTU_MACHINE, "vlan-id " + v.vlan(), "vlan-raw-device bridge", "vrf " + vrf)));
            stanzas.add(vxlan(v.vni().value(), v.vlan(), tunnelIp, true));
        }
        return "# rendered by metal-peering for " + intent.id() + "; do not edit\n\n"
                + stanzas.stream().map(InterfacesRenderer::print).collect(Collectors.joining("\n"));
    }

    private static Stanza vxlan(int vni, int vlan, String tunnelIp, boolean arpSuppress) {
        List<String> a = new ArrayList<>(List.of("mtu " + MTU_MACHINE, "bridge-access " + vlan));
        if (arpSuppress) {
            a.add("bridge-arp-nd-suppress on");
        }
        a.addAll(List.of("bridge-learning off", "mstpctl-bpduguard yes", "mstpctl-portbpdufilter yes",
                "vxlan-id " + vni, "vxlan-local-tunnelip " + tunnelIp));
        return new Stanza("vni" + vni, "vni" + vni, a);
    }

    private static String print(Stanza s) {
        StringBuilder b = new StringBuilder("auto " + s.name() + "\niface " + s.iface() + "\n");
        s.attributes().forEach(a -> b.append("    ").append(a).append('\n'));
        return b.toString();
    }
}
