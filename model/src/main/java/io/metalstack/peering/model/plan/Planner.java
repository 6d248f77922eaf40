package io.metalstack.peering.model.plan;

import io.metalstack.peering.model.AddressFamily;
import io.metalstack.peering.model.Attachments;
import io.metalstack.peering.model.BgpPeer;
import io.metalstack.peering.model.DomainException;
import io.metalstack.peering.model.IpPrefix;
import io.metalstack.peering.model.Machine;
import io.metalstack.peering.model.Network;
import io.metalstack.peering.model.NetworkId;
import io.metalstack.peering.model.NetworkType;
import io.metalstack.peering.model.Peering;
import io.metalstack.peering.model.PortName;
import io.metalstack.peering.model.Switch;
import io.metalstack.peering.model.SwitchId;
import io.metalstack.peering.model.SwitchPort;
import io.metalstack.peering.model.Vni;
import io.metalstack.peering.model.rules.Exchange;
import io.metalstack.peering.model.rules.ExternalFilters;
import io.metalstack.peering.model.rules.ImportJustification;
import io.metalstack.peering.model.rules.ImportReason;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.IntStream;

/**
 * The fabric planner: inventory in, one {@link SwitchIntent} per switch out. Pure and deterministic (the
 * inventory's list order never matters). The placement and import rules, and why they are not transitive,
 * are explained in {@code docs/planner.md}; in short, on a switch:
 * <ul>
 *   <li>a VRF is <em>local</em> where an allocated machine (not a firewall) of its network has a port;</li>
 *   <li>a local VRF A imports, for every local peering A–B, B's own routes in the families the peering
 *       exchanges ({@link Exchange}); B is instantiated here if it is not local;</li>
 *   <li>a peer VRF instantiated only for imports imports from the local VRFs it is peered with, and from
 *       nothing else: that is what carries A's locally learned routes into VNI B (EVPN type-5) so that B's
 *       machines on other switches can reach A's machines here;</li>
 *   <li>every import is checked against the project boundary: the planner refuses to emit an import across
 *       projects without a shared or peerable-external reason.</li>
 * </ul>
 */
public final class Planner {
    /** maximum-prefix of an external session: a guard against a neighbour sending a full table by mistake. */
    public static final int EXTERNAL_MAX_PREFIXES = BgpPeer.DEFAULT_MAX_PREFIXES;

    private Planner() {}

    /** Plans every switch with no previous VLANs (a fresh fabric). */
    public static Plan plan(Inventory inventory) {
        return plan(inventory, Map.of());
    }

    /**
     * Plans every switch.
     *
     * @param previousVlans per switch the VNI to VLAN map of its last plan (see {@link Plan#vlans()}); missing
     *                      switches start empty
     * @throws DomainException when the inventory is inconsistent or holds a peering that would import across
     *                         a project boundary without a reason
     */
    public static Plan plan(Inventory inventory, Map<SwitchId, ? extends Map<Vni, Integer>> previousVlans) {
        return complete(planEach(inventory, previousVlans, Map.of()));
    }

    /**
     * Plans every switch on its own: a switch that cannot be planned (more VRFs than VLAN ids, an inconsistent
     * inventory around it) keeps its previous intent, if it had one, and is listed in {@link Plan#failures()}; every
     * other switch is planned as {@link #plan} plans it.
     *
     * @param previousIntents per switch its last intent, kept where planning it fails
     */
    public static Plan planEach(Inventory inventory, Map<SwitchId, ? extends Map<Vni, Integer>> previousVlans,
                                Map<SwitchId, SwitchIntent> previousIntents) {
        return planEach(inventory, previousVlans, previousIntents, PARALLEL_FROM);
    }

    /** {@link #planEach}, in parallel from {@code parallelFrom} switches on (tests compare both ways). */
    static Plan planEach(Inventory inventory, Map<SwitchId, ? extends Map<Vni, Integer>> previousVlans,
                         Map<SwitchId, SwitchIntent> previousIntents, int parallelFrom) {
        FabricIndex index = new FabricIndex(inventory);
        List<Switch> switches = new ArrayList<>();
        index.switches().forEach(switches::add);
        // a switch's intent depends on the index only, never on another switch's: planned in parallel where there are
        // enough of them to pay for it, assembled in switch order, so the plan is the same either way
        Object[] planned = new Object[switches.size()];
        IntStream range = IntStream.range(0, planned.length);
        (planned.length >= parallelFrom ? range.parallel() : range).forEach(k -> {
            Switch sw = switches.get(k);
            Map<Vni, Integer> previous = previousVlans.get(sw.id());
            try {
                planned[k] = intent(index, sw, previous == null ? Map.of() : previous);
            } catch (DomainException e) {
                planned[k] = e;
            }
        });
        TreeMap<SwitchId, SwitchIntent> intents = new TreeMap<>();
        TreeMap<SwitchId, DomainException> failures = new TreeMap<>();
        for (int k = 0; k < planned.length; k++) {
            SwitchId id = switches.get(k).id();
            if (planned[k] instanceof SwitchIntent intent) {
                intents.put(id, intent);
            } else {
                failures.put(id, (DomainException) planned[k]);
                Optional.ofNullable(previousIntents.get(id)).ifPresent(i -> intents.put(id, i));
            }
        }
        return new Plan(index, intents, failures);
    }

    /** From this many switches on, {@link #planEach} plans them in parallel (the common fork-join pool). */
    static final int PARALLEL_FROM = 64;

    /** The plan, or the failure of its first switch (in id order) that could not be planned. */
    private static Plan complete(Plan plan) {
        if (!plan.failures().isEmpty()) {
            throw plan.failures().values().iterator().next();
        }
        return plan;
    }

    /**
     * The switches whose intent may change when {@code change} is applied to the plan's inventory: the only
     * ones {@link #replan} recomputes. Sorted.
     */
    public static SortedSet<SwitchId> affected(Plan before, InventoryChange change) {
        return affected(before.index(), change);
    }

    /**
     * The plan after one change: the affected switches are planned again (keeping their VLANs), every other
     * intent is taken over unchanged. Equal to {@code plan(change.applyTo(before.inventory()), before.vlans())}.
     */
    public static Plan replan(Plan before, InventoryChange change) {
        return complete(replanEach(before, change));
    }

    /**
     * {@link #replan}, switch by switch: an affected switch that cannot be planned keeps its intent and is listed in
     * {@link Plan#failures()} (with the failures of unaffected switches carried over; a switch planned again
     * successfully is no longer listed).
     */
    public static Plan replanEach(Plan before, InventoryChange change) {
        SortedSet<SwitchId> affected = affected(before.index(), change);
        FabricIndex index = before.index().with(change);
        TreeMap<SwitchId, SwitchIntent> intents = new TreeMap<>(before.intents());
        TreeMap<SwitchId, DomainException> failures = new TreeMap<>(before.failures());
        for (SwitchId id : affected) {
            failures.remove(id);
            Switch sw = index.switchOrNull(id);
            if (sw == null) {
                intents.remove(id);
                continue;
            }
            Map<Vni, Integer> vlans = before.intent(id).map(Plan::vlans).orElse(Collections.emptySortedMap());
            try {
                intents.put(id, intent(index, sw, vlans));
            } catch (DomainException e) {
                failures.put(id, e);
            }
        }
        failures.keySet().removeIf(id -> index.switchOrNull(id) == null);
        return new Plan(index, intents, failures);
    }

    // Java 17 has no pattern switch over the sealed InventoryChange; the final else keeps a new kind from
    // passing silently.
    private static SortedSet<SwitchId> affected(FabricIndex ix, InventoryChange change) {
        TreeSet<SwitchId> out = new TreeSet<>();
        if (change instanceof InventoryChange.PeeringSet c) {
            Peering old = ix.peeringOrNull(c.peering().id());
            if (old != null) {
                out.addAll(switchesOf(ix, old));
            }
            out.addAll(switchesOf(ix, c.peering()));
        } else if (change instanceof InventoryChange.PeeringRemoved c) {
            Peering old = ix.peeringOrNull(c.id());
            if (old != null) {
                out.addAll(switchesOf(ix, old));
            }
        } else if (change instanceof InventoryChange.MachineSet c) {
            Machine old = ix.machineOrNull(c.machine().id());
            if (old != null) {
                old.connections().forEach(conn -> out.add(conn.switchId()));
            }
            c.machine().connections().forEach(conn -> out.add(conn.switchId()));
        } else if (change instanceof InventoryChange.MachineRemoved c) {
            Machine old = ix.machineOrNull(c.id());
            if (old != null) {
                old.connections().forEach(conn -> out.add(conn.switchId()));
            }
        } else if (change instanceof InventoryChange.NetworkSet c) {
            NetworkId id = c.network().id();
            // where the network is local or serves a firewall, and wherever one of its peers is local
            // (its prefixes, families or project decide the imports there); locality itself does not change
            out.addAll(ix.localSwitches(id));
            out.addAll(ix.firewallSwitches(id));
            ix.localPeerings(id).forEach(p -> out.addAll(switchesOf(ix, p)));
            ix.externalPeerings(id).forEach(p -> out.addAll(switchesOf(ix, p)));
            if (c.network().type() == NetworkType.SUPER) {
                // its additional announcable prefixes hold for every child: wherever a child is
                for (Network child : ix.networks()) {
                    if (child.parent().filter(id::equals).isPresent()) {
                        out.addAll(ix.localSwitches(child.id()));
                        ix.localPeerings(child.id()).forEach(p -> out.addAll(switchesOf(ix, p)));
                    }
                }
            }
        } else {
            throw new IllegalStateException("unknown inventory change " + change);
        }
        // a switch outside the inventory (a dangling connection or BGP port) has no intent to change
        out.removeIf(id -> ix.switchOrNull(id) == null);
        return Collections.unmodifiableSortedSet(out);
    }

    /** The switches a peering puts anything on. */
    private static Set<SwitchId> switchesOf(FabricIndex ix, Peering p) {
        return switch (p.type()) {
            case LOCAL -> {
                Set<SwitchId> s = new TreeSet<>();
                p.networks().forEach(n -> s.addAll(ix.localSwitches(n)));
                yield s;
            }
            case EXTERNAL -> p.bgp().map(b -> Set.of(b.localSwitch())).orElse(Set.of());
        };
    }

    private static SwitchIntent intent(FabricIndex ix, Switch sw, Map<Vni, Integer> previousVlans) {
        SwitchId here = sw.id();
        List<PortName> uplinks = sw.ports().stream().filter(SwitchPort::uplink).map(SwitchPort::name).toList();
        List<PortName> unprovisioned = new ArrayList<>();
        List<FirewallPort> firewalls = new ArrayList<>();
        TreeMap<NetworkId, VrfDraft> vrfs = new TreeMap<>();

        for (Attachments.Attachment a : ix.attachments(here)) {
            Machine m = a.machine();
            if (m.allocation().isEmpty()) {
                unprovisioned.add(a.port());
                continue;
            }
            switch (m.role()) {
                case MACHINE -> {
                    Network n = vrfNetwork(ix, m.allocation().get().primary(), "machine " + m.id());
                    vrfs.computeIfAbsent(n.id(), k -> new VrfDraft(ix, n)).ports.add(a.port());
                }
                case FIREWALL -> {
                    List<Vni> vnis = new ArrayList<>();
                    for (NetworkId id : m.allocation().get().networks()) {
                        Network n = ix.network(id, "firewall " + m.id());
                        if (n.type() != NetworkType.UNDERLAY) {
                            n.vrf().ifPresent(vnis::add);
                        }
                    }
                    firewalls.add(new FirewallPort(a.port(), vnis, List.of()));
                }
            }
        }

        List<NetworkId> local = List.copyOf(vrfs.keySet());
        for (NetworkId aId : local) {
            VrfDraft a = vrfs.get(aId);
            for (Peering p : ix.localPeerings(aId)) {
                Network b = vrfNetwork(ix, p.other(aId).orElseThrow(), "peering " + p.id());
                ImportReason reason = reason(p, a.network, b);
                Set<AddressFamily> families = Exchange.families(a.network, b).families();
                if (families.isEmpty()) {
                    continue;
                }
                a.addImport(b, reason, families, p.reachableOf(b.id()));
                if (!ix.isLocal(b.id(), here)) {
                    vrfs.computeIfAbsent(b.id(), k -> new VrfDraft(ix, b)).addImport(a.network, reason, families, p.reachableOf(a.network.id()));
                }
            }
        }

        List<ExternalSession> sessions = new ArrayList<>();
        for (Peering p : ix.externalPeeringsOn(here)) {
            BgpPeer bgp = p.bgp().orElseThrow();
            Network n1 = vrfNetwork(ix, p.network1(), "peering " + p.id());
            // the MEP's one-network form: a session of network1 itself, in the families network1 has
            Optional<Network> n2 = p.network2().map(id -> vrfNetwork(ix, id, "peering " + p.id()));
            n2.ifPresent(n -> reason(p, n1, n));
            Set<AddressFamily> families = n2.map(n -> Exchange.families(n1, n).families()).orElseGet(() -> Exchange.familiesOf(n1));
            if (families.isEmpty()) {
                continue;
            }
            VrfDraft vrf = vrfs.computeIfAbsent(n1.id(), k -> new VrfDraft(ix, n1));
            vrf.families.addAll(families);
            // a session speaks one family: its filters hold only that one (admission refuses a family not exchanged)
            Set<AddressFamily> spoken = families.contains(bgp.remoteCidr().family()) ? EnumSet.of(bgp.remoteCidr().family()) : Set.of();
            sessions.add(new ExternalSession(p.id(), bgp.localPort(), n1.vrf().orElseThrow(), bgp.localCidr(), bgp.localAs(),
                    bgp.remoteCidr(), bgp.remoteAs(), ExternalFilters.exports(n1, bgp, spoken),
                    ExternalFilters.imports(n1, n2, bgp, spoken), bgp.maxPrefixes(), bgp.bfd(), bgp.hasPassword(),
                    bgp.password()));
        }

        Map<Vni, NetworkId> byVni = new HashMap<>();
        for (VrfDraft d : vrfs.values()) {
            NetworkId clash = byVni.put(d.vni, d.network.id());
            if (clash != null) {
                throw new DomainException.Unprocessable(String.format(
                        "networks %s and %s both use vrf %s and both are needed on switch %s: give each network its own vrf",
                        clash, d.network.id(), d.vni, here));
            }
        }
        SortedMap<Vni, Integer> vlans;
        try {
            vlans = VlanAllocator.allocate(previousVlans, byVni.keySet());
        } catch (DomainException.Unprocessable e) {
            throw new DomainException.Unprocessable("switch " + here + ": " + e.getMessage());
        }
        List<VrfIntent> vrfIntents = vrfs.values().stream().map(d -> d.toIntent(vlans.get(d.vni))).toList();
        return new SwitchIntent(here, sw.partition(), sw.role(), sw.os(), sw.asn(), sw.routerId(), ix.zone(here),
                uplinks, firewalls, unprovisioned, vrfIntents, sessions);
    }

    /** A network that carries a VRF on a switch: it must exist and have a VRF. */
    private static Network vrfNetwork(FabricIndex ix, NetworkId id, String usedBy) {
        Network n = ix.network(id, usedBy);
        if (n.vrf().isEmpty() || !n.type().canPeer()) {
            throw new DomainException.Unprocessable(String.format(
                    "%s needs %s as a tenant vrf, but it is of type %s%s: only child, child-shared and external networks with a vrf qualify",
                    usedBy, n.describe(), n.type(), n.vrf().isEmpty() ? " without a vrf" : ""));
        }
        return n;
    }

    /**
     * Why {@code a} may import from {@code b} (and vice versa), or a refusal. Defense in depth: admission checks
     * the same boundary, but the planner never trusts the inventory to hold only admitted peerings.
     */
    static ImportReason reason(Peering p, Network a, Network b) {
        if (a.id().equals(b.id())) {
            throw refusal(p, a, b, "a network cannot peer with itself");
        }
        if (a.type().isPrivate() && b.type().isPrivate() && !a.partition().equals(b.partition())) {
            throw refusal(p, a, b, "private networks of different partitions do not share a leaf fabric");
        }
        return ImportJustification.reason(ImportJustification.Facts.of(a), ImportJustification.Facts.of(b)).orElseThrow(() -> refusal(p, a, b,
                "it would import across projects, and neither network is shared nor a peerable external network"));
    }

    private static DomainException refusal(Peering p, Network a, Network b, String why) {
        return new DomainException.Unprocessable(String.format(
                "peering %s between %s (project %s) and %s (project %s) is refused: %s; delete the peering",
                p.id(), a.describe(), a.project().map(Object::toString).orElse("none"),
                b.describe(), b.project().map(Object::toString).orElse("none"), why));
    }

    /** A VRF on the switch being planned, while its imports are collected. */
    private static final class VrfDraft {
        final Network network;
        final Vni vni;
        final List<PortName> ports = new ArrayList<>();
        final Set<AddressFamily> families = EnumSet.noneOf(AddressFamily.class);
        final TreeMap<Vni, VrfImport> imports = new TreeMap<>();
        final List<IpPrefix> additional = new ArrayList<>();

        VrfDraft(FabricIndex ix, Network network) {
            this.network = network;
            this.vni = network.vrf().orElseThrow();
            this.families.addAll(Exchange.familiesOf(network));
            additional.addAll(network.additionalAnnouncable());
            // a super network's additional prefixes (metal-api's place for them) hold for each of its children
            network.parent().map(ix::networkOrNull)
                    .filter(parent -> parent.type() == NetworkType.SUPER)
                    .ifPresent(parent -> additional.addAll(parent.additionalAnnouncable()));
        }

        /**
         * One import per peer VRF; a second peering of the same pair adds nothing (the lower peering id wins).
         * {@code selected}: what the peering lets this VRF reach of the peer (empty: all of the peer's own prefixes).
         */
        void addImport(Network peer, ImportReason reason, Set<AddressFamily> exchanged, Optional<List<IpPrefix>> selected) {
            Vni from = peer.vrf().orElseThrow();
            if (!imports.containsKey(from)) {
                Exchange.Imported in = Exchange.imported(peer, network, exchanged, selected);
                imports.put(from, new VrfImport(from, peer.id(), reason, in.routes(), in.additional()));
                families.addAll(exchanged);
            }
        }

        VrfIntent toIntent(int vlan) {
            return new VrfIntent(vni, network.id(), vlan, ports, families, network.prefixes(), List.copyOf(imports.values()),
                    additional.stream().filter(p -> families.contains(p.family())).toList());
        }
    }
}
