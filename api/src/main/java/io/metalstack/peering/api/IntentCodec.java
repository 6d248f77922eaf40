package io.metalstack.peering.api;

import io.metalstack.peering.model.AddressFamily;
import io.metalstack.peering.model.Asn;
import io.metalstack.peering.model.BgpPeer;
import io.metalstack.peering.model.DomainException;
import io.metalstack.peering.model.InterfaceAddress;
import io.metalstack.peering.model.IpPrefix;
import io.metalstack.peering.model.Ipv4Address;
import io.metalstack.peering.model.Network;
import io.metalstack.peering.model.NetworkId;
import io.metalstack.peering.model.PartitionId;
import io.metalstack.peering.model.PeeringId;
import io.metalstack.peering.model.PortName;
import io.metalstack.peering.model.SwitchId;
import io.metalstack.peering.model.SwitchOs;
import io.metalstack.peering.model.SwitchRole;
import io.metalstack.peering.model.Vni;
import io.metalstack.peering.model.plan.ExternalSession;
import io.metalstack.peering.model.plan.FirewallPort;
import io.metalstack.peering.model.rules.ImportReason;
import io.metalstack.peering.model.plan.SwitchIntent;
import io.metalstack.peering.model.plan.VrfImport;
import io.metalstack.peering.model.plan.VrfIntent;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The one mapping between the planner's {@link SwitchIntent} and its wire form {@link V1SwitchIntent}, used by the
 * server (to serve intents) and the agent (to read them). {@code toModel} validates every field and throws
 * {@link DomainException.Invalid} naming it.
 *
 * <p>The wire form also carries, per VRF and per import, the network's project and type: facts the model intent
 * does not hold, which the agent needs for its own cross-project re-check. The server fills them from its
 * networks ({@link #toWire(SwitchIntent, Function)}); {@link #toModel} leaves them aside.
 */
public final class IntentCodec {

    private IntentCodec() {}

    /** The wire form without network facts ({@code projectid}, {@code networktype} are null). */
    public static V1SwitchIntent toWire(SwitchIntent i) {
        return toWire(i, id -> Optional.empty());
    }

    /** The wire form, with each VRF's and import's project and network type looked up in {@code networks}. */
    public static V1SwitchIntent toWire(SwitchIntent i, Function<NetworkId, Optional<Network>> networks) {
        return new V1SwitchIntent(i.id().value(), i.partition().value(), i.role().wire(), i.os().wire(), i.asn().value(),
                i.routerId().value(), i.zone(), names(i.uplinks()),
                i.firewalls().stream().map(f -> new V1FirewallPort(f.port().value(),
                        f.vnis().stream().map(Vni::value).toList(), strings(f.cidrs()))).toList(),
                names(i.unprovisioned()),
                i.vrfs().stream().map(v -> vrf(v, networks)).toList(),
                i.external().stream().map(IntentCodec::session).toList());
    }

    private static V1VrfIntent vrf(VrfIntent v, Function<NetworkId, Optional<Network>> networks) {
        Optional<Network> n = networks.apply(v.network());
        return new V1VrfIntent(v.vni().value(), v.network().value(), project(n), type(n), v.vlan(), names(v.machinePorts()),
                v.families().stream().sorted().map(AddressFamily::label).toList(), strings(v.ownPrefixes()),
                v.imports().stream().map(x -> {
                    Optional<Network> peer = networks.apply(x.network());
                    return new V1VrfImport(x.from().value(), x.network().value(), project(peer), type(peer), reason(x.reason()),
                            strings(x.prefixes()), noneIfEmpty(strings(x.additionalPrefixes())));
                }).toList(), noneIfEmpty(strings(v.additionalPrefixes())));
    }

    private static V1ExternalSession session(ExternalSession s) {
        return new V1ExternalSession(s.peering().value(), s.port().value(), s.vrf().value(), s.local().toString(),
                s.localAs().value(), s.remote().toString(), s.remoteAs().value(), strings(s.exportPrefixes()),
                strings(s.importPrefixes()), s.maxPrefixes(), s.bfd(), s.hasPassword(),
                s.password().map(BgpPeer.Password::secret).orElse(null));
    }

    /** The model intent of a wire intent; every field validated. */
    public static SwitchIntent toModel(V1SwitchIntent w) {
        require(w, "intent");
        return new SwitchIntent(SwitchId.parse(require(w.switchid(), "switchid")),
                PartitionId.parse(require(w.partitionid(), "partitionid")),
                SwitchRole.parse(require(w.role(), "role")), SwitchOs.parse(require(w.os(), "os")),
                Asn.of(require(w.asn(), "asn")), Ipv4Address.parse(require(w.routerid(), "routerid")),
                require(w.zone(), "zone"), ports(w.uplinks()),
                list(w.firewalls()).stream().map(f -> new FirewallPort(PortName.parse(require(f.port(), "firewalls.port")),
                        list(f.vnis()).stream().map(Vni::of).toList(), prefixes(f.cidrs()))).toList(),
                ports(w.unprovisioned()),
                list(w.vrfs()).stream().map(IntentCodec::vrf).toList(),
                list(w.external()).stream().map(IntentCodec::session).toList());
    }

    private static VrfIntent vrf(V1VrfIntent v) {
        Set<AddressFamily> families = EnumSet.noneOf(AddressFamily.class);
        list(v.families()).forEach(f -> families.add(AddressFamily.parse(f)));
        return new VrfIntent(Vni.of(require(v.vni(), "vrfs.vni")), NetworkId.parse(require(v.networkid(), "vrfs.networkid")),
                require(v.vlan(), "vrfs.vlan"), ports(v.machineports()), families, prefixes(v.ownprefixes()),
                list(v.imports()).stream().map(x -> new VrfImport(Vni.of(require(x.from(), "imports.from")),
                        NetworkId.parse(require(x.networkid(), "imports.networkid")), reason(require(x.reason(), "imports.reason")),
                        prefixes(x.prefixes()), prefixes(x.additionalprefixes()))).toList(), prefixes(v.additionalprefixes()));
    }

    private static ExternalSession session(V1ExternalSession s) {
        return new ExternalSession(PeeringId.parse(require(s.peeringid(), "external.peeringid")),
                PortName.parse(require(s.port(), "external.port")), Vni.of(require(s.vrf(), "external.vrf")),
                InterfaceAddress.parse(require(s.local(), "external.local")), Asn.of(require(s.localas(), "external.localas")),
                InterfaceAddress.parse(require(s.remote(), "external.remote")), Asn.of(require(s.remoteas(), "external.remoteas")),
                prefixes(s.exportprefixes()), prefixes(s.importprefixes()), require(s.maxprefixes(), "external.maxprefixes"),
                Boolean.TRUE.equals(s.bfd()), Boolean.TRUE.equals(s.haspassword()) || s.password() != null,
                Optional.ofNullable(s.password()).map(BgpPeer.Password::of));
    }

    /** {@code same-project}, {@code shared}, {@code external}. */
    public static String reason(ImportReason r) {
        return switch (r) {
            case SAME_PROJECT -> "same-project";
            case SHARED -> "shared";
            case EXTERNAL -> "external";
        };
    }

    public static ImportReason reason(String text) {
        for (ImportReason r : ImportReason.values()) {
            if (reason(r).equals(text.trim().toLowerCase(Locale.ROOT))) {
                return r;
            }
        }
        throw DomainException.invalid("import reason \"%s\" is unknown: use same-project, shared or external", text);
    }

    private static String project(Optional<Network> n) {
        return n.flatMap(Network::project).map(Object::toString).orElse(null);
    }

    private static String type(Optional<Network> n) {
        return n.map(x -> x.type().wire()).orElse(null);
    }

    private static List<String> names(List<PortName> ports) {
        return ports.stream().map(PortName::value).toList();
    }

    private static List<String> strings(List<IpPrefix> prefixes) {
        return prefixes.stream().map(IpPrefix::toString).toList();
    }

    /** Left out of the JSON when empty, so that intents without them keep their shape (and digest). */
    private static List<String> noneIfEmpty(List<String> l) {
        return l.isEmpty() ? null : l;
    }

    private static List<PortName> ports(List<String> names) {
        return list(names).stream().map(PortName::parse).toList();
    }

    private static List<IpPrefix> prefixes(List<String> texts) {
        return list(texts).stream().map(IpPrefix::parse).toList();
    }

    private static <T> List<T> list(List<T> l) {
        return l == null ? List.of() : l;
    }

    private static <T> T require(T value, String field) {
        if (value == null) {
            throw DomainException.invalid("switch intent field %s is missing", field);
        }
        return value;
    }
}
