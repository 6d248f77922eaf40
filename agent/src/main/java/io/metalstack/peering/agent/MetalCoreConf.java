package io.metalstack.peering.agent;

import inet.ipaddr.IPAddress;
import io.metalstack.peering.frr.SwitchLocal;
import io.metalstack.peering.frr.SyslogLevel;
import io.metalstack.peering.frr.VlanId;
import io.metalstack.peering.frr.VlanRange;
import io.metalstack.peering.model.AddressFamily;
import io.metalstack.peering.model.Asn;
import io.metalstack.peering.model.DomainException;
import io.metalstack.peering.model.InterfaceAddress;
import io.metalstack.peering.model.IpPrefix;
import io.metalstack.peering.model.Ipv4Address;
import io.metalstack.peering.model.NetworkId;
import io.metalstack.peering.model.PartitionId;
import io.metalstack.peering.model.PortName;
import io.metalstack.peering.model.SwitchId;
import io.metalstack.peering.model.SwitchOs;
import io.metalstack.peering.model.SwitchRole;
import io.metalstack.peering.model.Vni;
import io.metalstack.peering.model.plan.FirewallPort;
import io.metalstack.peering.model.plan.SwitchIntent;
import io.metalstack.peering.model.plan.VrfIntent;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import static java.util.Objects.requireNonNull;

/**
 * metal-core's own input, the switch configuration it renders its templates from ({@code conf.yaml}: name, loglevel,
 * loopback, asn, metalcorecidr, additionalmgmtroutes, setsrcloopback, ports with eth0, underlay, unprovisioned,
 * bladeports, firewalls and vrfs, additionalbridgevids, pxevlanid), read into a {@link SwitchIntent} and its
 * {@link SwitchLocal} facts. Every value goes through its typed parser; a refused value, an unknown field or a missing
 * required one (name, loopback, asn; each VRF's vni and vlanid) fails naming the field and the value.
 *
 * <p>As metal-core does: a VRF's cidrs are compacted (contained and adjacent prefixes merged) and give its address
 * families; a firewall is keyed by its port and a VRF by {@code vrf<vni>}, which is checked. The intent has what
 * metal-core's file does not say: partition {@value #PARTITION}, role leaf, zone 1, no peerings.
 */
final class MetalCoreConf {
    static final String PARTITION = "metal-core";

    record Parsed(SwitchIntent intent, SwitchLocal local) {
        Parsed {
            requireNonNull(intent, "intent is null");
            requireNonNull(local, "local is null");
        }
    }

    private MetalCoreConf() {}

    /** @param source names the file in messages */
    static Parsed parse(String source, String yaml, SwitchOs os) {
        requireNonNull(os, "os is null");
        YamlFields conf = YamlFields.parse(source, yaml);
        SwitchId name = conf.required("name", SwitchId::parse);
        Ipv4Address loopback = conf.required("loopback", Ipv4Address::parse);
        Asn asn = conf.required("asn", Asn::parse);
        SwitchLocal.Builder local = SwitchLocal.builder();
        conf.optional("loglevel", SyslogLevel::parse).ifPresent(local::logLevel);
        local.setSrcLoopback(conf.flag("setsrcloopback", false));
        conf.optional("metalcorecidr", InterfaceAddress::parse).ifPresent(local::metalCoreCidr);
        local.managementRoutes(conf.list("additionalmgmtroutes", IpPrefix::parse));
        local.bridgeVids(conf.list("additionalbridgevids", VlanRange::parse));
        conf.optional("pxevlanid", VlanId::parse).ifPresent(local::pxeVlan);

        List<PortName> underlay = List.of();
        List<PortName> unprovisioned = List.of();
        List<FirewallPort> firewalls = new ArrayList<>();
        List<VrfIntent> vrfs = new ArrayList<>();
        YamlFields ports = conf.object("ports").orElse(null);
        if (ports != null) {
            ports.object("eth0").ifPresent(eth0 -> {
                eth0.optional("addresscidr", InterfaceAddress::parse).ifPresent(local::managementAddress);
                eth0.optional("gateway", Ipv4Address::parse).ifPresent(local::managementGateway);
                eth0.noOthers();
            });
            underlay = ports.list("underlay", PortName::parse);
            unprovisioned = ports.list("unprovisioned", PortName::parse);
            local.bladePorts(ports.list("bladeports", PortName::parse));
            for (Map.Entry<String, YamlFields> e : ports.objects("firewalls").entrySet()) {
                firewalls.add(firewall(e.getKey(), e.getValue()));
            }
            for (Map.Entry<String, YamlFields> e : ports.objects("vrfs").entrySet()) {
                vrfs.add(vrf(e.getKey(), e.getValue()));
            }
            ports.noOthers();
        }
        conf.noOthers();
        SwitchLocal facts;
        try {
            facts = local.build();
        } catch (DomainException e) {
            throw DomainException.invalid("%s: %s", source, e.getMessage());
        }
        return new Parsed(new SwitchIntent(name, PartitionId.parse(PARTITION), SwitchRole.LEAF, os, asn, loopback, 1,
                underlay, firewalls, unprovisioned, vrfs, List.of()), facts);
    }

    /** {@code firewalls: {swp3: {port: swp3, vnis: [...], cidrs: [...]}}}: keyed by its port, as metal-core keys it. */
    private static FirewallPort firewall(String key, YamlFields f) {
        PortName port = f.optional("port", PortName::parse).orElseGet(() -> keyed(f, key, PortName::parse));
        if (!port.value().equals(key)) {
            throw DomainException.invalid("field %s.port is %s but the firewall is keyed %s: metal-core keys a firewall by its port",
                    f.path(), YamlFields.quote(port.value()), YamlFields.quote(key));
        }
        FirewallPort fw = new FirewallPort(port, f.list("vnis", Vni::parse), f.list("cidrs", IpPrefix::parse));
        f.noOthers();
        return fw;
    }

    /** {@code vrfs: {vrf104001: {vni: 104001, vlanid: 4001, neighbors: [...], cidrs: [...]}}}. */
    private static VrfIntent vrf(String key, YamlFields v) {
        Vni vni = v.required("vni", Vni::parse);
        if (!key.equals(vni.cumulusName())) {
            throw DomainException.invalid("field %s is keyed %s but has vni %s: metal-core keys a VRF vrf<vni> (%s)",
                    v.path(), YamlFields.quote(key), vni, vni.cumulusName());
        }
        VlanId vlan = v.required("vlanid", VlanId::parse);
        List<PortName> neighbors = v.list("neighbors", PortName::parse);
        List<IpPrefix> cidrs = compact(v.list("cidrs", IpPrefix::parse));
        v.noOthers();
        Set<AddressFamily> families = EnumSet.noneOf(AddressFamily.class);
        cidrs.forEach(c -> families.add(c.family()));
        return new VrfIntent(vni, keyed(v, key, NetworkId::parse), vlan.value(), neighbors, families, cidrs, List.of());
    }

    private static <T> T keyed(YamlFields f, String key, Function<String, T> parser) {
        try {
            return parser.apply(key);
        } catch (DomainException e) {
            throw DomainException.invalid("field %s: %s", f.path(), e.getMessage());
        }
    }

    /** The smallest list of prefixes covering the same addresses, per family (metal-core compacts a VRF's cidrs so). */
    static List<IpPrefix> compact(List<IpPrefix> prefixes) {
        List<IpPrefix> out = new ArrayList<>();
        for (AddressFamily family : AddressFamily.values()) {
            List<IPAddress> blocks = prefixes.stream().filter(p -> p.family() == family).map(IpPrefix::block).toList();
            if (!blocks.isEmpty()) {
                IPAddress[] merged = blocks.get(0).mergeToPrefixBlocks(blocks.subList(1, blocks.size()).toArray(IPAddress[]::new));
                Arrays.stream(merged).map(IpPrefix::of).forEach(out::add);
            }
        }
        return out.stream().sorted().toList();
    }
}
