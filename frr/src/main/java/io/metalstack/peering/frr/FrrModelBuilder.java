package io.metalstack.peering.frr;

import io.metalstack.peering.model.status.Warning;
import io.metalstack.peering.frr.AddressFamilyConfig.Afi;
import io.metalstack.peering.frr.AddressFamilyConfig.Direction;
import io.metalstack.peering.frr.AddressFamilyConfig.Source;
import io.metalstack.peering.frr.AddressFamilyConfig.Statement;
import io.metalstack.peering.frr.RouteMap.Match;
import io.metalstack.peering.model.AddressFamily;
import io.metalstack.peering.model.Asn;
import io.metalstack.peering.model.IpPrefix;
import io.metalstack.peering.model.PortName;
import io.metalstack.peering.model.Vni;
import io.metalstack.peering.model.plan.ExternalSession;
import io.metalstack.peering.model.plan.FirewallPort;
import io.metalstack.peering.model.rules.ImportReason;
import io.metalstack.peering.model.plan.SwitchIntent;
import io.metalstack.peering.model.plan.VrfImport;
import io.metalstack.peering.model.plan.VrfIntent;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * First step of the pipeline: a switch intent becomes the typed FRR model, in metal-core's structure plus
 * the peering additions (peer VRFs, import maps, origin tags, zone preference). Pure: problems that do not
 * stop rendering are returned as {@link Warning}s.
 */
final class FrrModelBuilder {
    static final int KEEPALIVE = 2;
    static final int HOLD = 8;
    static final int ALLOWAS_IN = 2;
    /** metal-core's limit of prefixes a machine may announce. */
    static final int MAXIMUM_PREFIX = 24000;
    /** Local-preference of routes originated in this switch's own zone; others keep FRR's default of 100. */
    static final long LOCAL_ZONE_PREFERENCE = 200;
    static final int SEQ_STEP = 10;

    record Built(FrrConfig config, List<Warning> warnings) {
        Built {
            warnings = warnings.stream().sorted().distinct().toList();
        }
    }

    Built build(SwitchIntent intent) {
        return build(intent, SwitchLocal.DEFAULTS);
    }

    Built build(SwitchIntent intent, SwitchLocal local) {
        return new Run(intent, local).build();
    }

    /** The mutable state of one build; never escapes {@link #build}. */
    private static final class Run {
        private final SwitchIntent intent;
        private final SwitchLocal local;
        private final Dialect dialect;
        private final List<Warning> warnings = new ArrayList<>();
        private final SortedMap<FrrName, LargeCommunityList> communityLists = new TreeMap<>();
        private final SortedMap<FrrName, PrefixList> prefixLists = new TreeMap<>();
        private final SortedMap<FrrName, RouteMap> routeMaps = new TreeMap<>();
        private final Set<Vni> hosted;

        Run(SwitchIntent intent, SwitchLocal local) {
            this.intent = intent;
            this.local = local;
            this.dialect = Dialect.of(intent.os());
            // asked once per import: a hash set (only membership matters, never order)
            this.hosted = intent.vrfs().stream().map(VrfIntent::vni).collect(Collectors.toCollection(HashSet::new));
        }

        Built build() {
            checkPorts();
            for (ExternalSession session : intent.external()) {
                String problem = ExternalLinks.problem(intent, session);
                if (!problem.isEmpty()) {
                    warn("peering " + session.peering(), "session on port " + session.port() + " " + problem);
                }
            }
            List<FrrConfig.InterfaceDef> interfaces = new ArrayList<>();
            intent.uplinks().forEach(p -> interfaces.add(new FrrConfig.InterfaceDef(p, Optional.empty())));
            intent.firewalls().forEach(f -> interfaces.add(new FrrConfig.InterfaceDef(f.port(), Optional.empty())));
            List<FrrConfig.VrfDef> vrfs = new ArrayList<>();
            List<BgpInstance> bgp = new ArrayList<>();
            bgp.add(defaultInstance());
            for (VrfIntent vrf : intent.vrfs()) {
                FrrName name = dialect.vrfName(vrf.vni());
                vrfs.add(new FrrConfig.VrfDef(name, vrf.vni()));
                vrf.machinePorts().forEach(p -> interfaces.add(new FrrConfig.InterfaceDef(p, Optional.of(name))));
                bgp.add(vrfInstance(vrf, name));
            }
            // FRR writes interfaces by name and VRFs by name (vrf104009 before vrf120); so do we
            interfaces.sort(Comparator.comparing(FrrConfig.InterfaceDef::port));
            vrfs.sort(Comparator.comparing(FrrConfig.VrfDef::name));
            checkBridgeVids();
            Optional<FrrName> protocolBgpMap = Optional.empty();
            if (local.setSrcLoopback() && dialect.setsSourceAddress()) {
                protocolBgpMap = Optional.of(routeMap(PolicyNames.SET_SRC,
                        entry(Action.PERMIT, SEQ_STEP, List.of(), List.of(new RouteMap.Set.Src(intent.routerId())))));
            }
            FrrConfig config = new FrrConfig(FrrName.of(intent.id().value()), dialect.globals(local.logLevel()), managementRoutes(),
                    vrfs, interfaces, bgp, List.copyOf(communityLists.values()), List.copyOf(prefixLists.values()),
                    List.copyOf(routeMaps.values()), protocolBgpMap);
            return new Built(config, warnings);
        }

        /** The default route and the further management routes, all via the management gateway in VRF mgmt. */
        private List<FrrConfig.StaticRoute> managementRoutes() {
            if (local.managementGateway().isEmpty()) {
                return List.of();
            }
            List<FrrConfig.StaticRoute> routes = new ArrayList<>();
            routes.add(new FrrConfig.StaticRoute(IpPrefix.parse("0.0.0.0/0"), local.managementGateway().get(), PolicyNames.MGMT_VRF));
            local.managementRoutes().forEach(p -> routes.add(new FrrConfig.StaticRoute(p, local.managementGateway().get(), PolicyNames.MGMT_VRF)));
            return routes;
        }

        /** A bridge VID that is also a tenant VRF's VLAN would join that VLAN to the blade ports. */
        private void checkBridgeVids() {
            for (VrfIntent vrf : intent.vrfs()) {
                for (VlanRange r : local.bridgeVids()) {
                    if (r.contains(VlanId.of(vrf.vlan()))) {
                        warn("vrf " + vrf.vni(), "its VLAN " + vrf.vlan() + " is in the additional bridge VIDs " + r);
                    }
                }
            }
        }

        private BgpInstance defaultInstance() {
            List<BgpInstance.Neighbor> neighbors = new ArrayList<>();
            intent.uplinks().forEach(p -> neighbors.add(new BgpInstance.Neighbor(p, PolicyNames.FABRIC)));
            intent.firewalls().forEach(f -> neighbors.add(new BgpInstance.Neighbor(f.port(), PolicyNames.FIREWALL)));

            FrrName redistributeMap = switch (dialect) {
                case SONIC -> routeMap(dialect.redistributeConnectedMap(),
                        entry(Action.DENY, 10, List.of(new Match.Interface("eth0")), List.of()),
                        entry(Action.PERMIT, 20, List.of(), List.of()));
                case CUMULUS -> routeMap(dialect.redistributeConnectedMap(),
                        entry(Action.PERMIT, 10, List.of(new Match.Interface("lo")), List.of()));
            };
            List<AddressFamilyConfig> families = new ArrayList<>();
            for (AddressFamily family : AddressFamily.values()) {
                List<Statement> s = new ArrayList<>();
                if (dialect == Dialect.SONIC) {
                    s.add(new Statement.Redistribute(Source.KERNEL, Optional.of(redistributeMap)));
                }
                s.add(new Statement.Redistribute(Source.CONNECTED, Optional.of(redistributeMap)));
                if (family == AddressFamily.IPV6) {
                    s.add(new Statement.Activate(PolicyNames.FABRIC));
                    s.add(new Statement.Activate(PolicyNames.FIREWALL));
                }
                s.add(new Statement.AllowasIn(PolicyNames.FIREWALL, ALLOWAS_IN));
                for (FirewallPort fw : intent.firewalls()) {
                    s.add(new Statement.NeighborRouteMap(peer(fw.port()), firewallIn(fw, family), Direction.IN));
                }
                families.add(new AddressFamilyConfig(Afi.unicast(family), s));
            }
            List<Statement> evpn = new ArrayList<>();
            evpn.add(new Statement.Activate(PolicyNames.FABRIC));
            evpn.add(new Statement.AllowasIn(PolicyNames.FABRIC, ALLOWAS_IN));
            evpn.add(new Statement.NeighborRouteMap(PolicyNames.FABRIC, zonePreference(), Direction.IN));
            evpn.add(new Statement.Activate(PolicyNames.FIREWALL));
            evpn.add(new Statement.AllowasIn(PolicyNames.FIREWALL, ALLOWAS_IN));
            for (FirewallPort fw : intent.firewalls()) {
                evpn.add(new Statement.NeighborRouteMap(peer(fw.port()), firewallVni(fw), Direction.OUT));
            }
            evpn.add(new Statement.AdvertiseAllVni());
            families.add(new AddressFamilyConfig(Afi.L2VPN_EVPN, evpn));
            return new BgpInstance(intent.asn(), Optional.empty(), intent.routerId(),
                    List.of(peerGroup(PolicyNames.FABRIC), peerGroup(PolicyNames.FIREWALL)), neighbors, List.of(), families);
        }

        /** The firewall may announce only its underlay addresses; with none in a family it may announce nothing. */
        private FrrName firewallIn(FirewallPort fw, AddressFamily family) {
            FrrName name = PolicyNames.firewallIn(fw.port(), family);
            List<IpPrefix> cidrs = fw.cidrs().stream().filter(c -> c.family() == family).toList();
            if (cidrs.isEmpty()) {
                routeMap(name, entry(Action.DENY, SEQ_STEP, List.of(), List.of()));
            } else {
                FrrName list = prefixList(PolicyNames.firewallInPrefixes(fw.port(), family), family, cidrs);
                routeMap(name, entry(Action.PERMIT, SEQ_STEP, List.of(new Match.PrefixListMatch(family, list)), List.of()));
            }
            return name;
        }

        /** A firewall sees only the EVPN routes of the VNIs of its own networks. */
        private FrrName firewallVni(FirewallPort fw) {
            FrrName name = PolicyNames.firewallVni(fw.port());
            List<RouteMap.Entry> entries = new ArrayList<>();
            // numbered as metal-core numbers them: 10, 11, 12, ...
            int seq = SEQ_STEP;
            for (Vni vni : fw.vnis()) {
                entries.add(entry(Action.PERMIT, seq, List.of(new Match.EvpnVni(vni)), List.of()));
                seq++;
            }
            if (entries.isEmpty()) {
                entries.add(entry(Action.DENY, SEQ_STEP, List.of(), List.of()));
            }
            routeMaps.put(name, new RouteMap(name, entries));
            return name;
        }

        /** Routes tagged with this switch's zone win over the same prefix from another zone. */
        private FrrName zonePreference() {
            communityLists.put(PolicyNames.LOCAL_ZONE,
                    new LargeCommunityList(PolicyNames.LOCAL_ZONE, List.of(Communities.zone(intent.zone()))));
            return routeMap(PolicyNames.FABRIC_EVPN_IN,
                    entry(Action.PERMIT, 10, List.of(new Match.LargeCommunityMatch(PolicyNames.LOCAL_ZONE)),
                            List.of(new RouteMap.Set.LocalPreference(LOCAL_ZONE_PREFERENCE))),
                    entry(Action.PERMIT, 20, List.of(), List.of()));
        }

        private BgpInstance vrfInstance(VrfIntent vrf, FrrName name) {
            String subject = "vrf " + vrf.vni();
            if (vrf.families().isEmpty()) {
                warn(subject, "has no address family: only its L3VNI is rendered");
            }
            List<LargeCommunity> tags = List.of(Communities.origin(vrf.vni()), Communities.zone(intent.zone()));
            FrrName connected = routeMap(PolicyNames.connected(name),
                    entry(Action.PERMIT, SEQ_STEP, List.of(), List.of(new RouteMap.Set.LargeCommunities(tags))));
            List<VrfImport> imports = checkedImports(vrf, subject);
            Optional<FrrName> importMap = importMap(vrf, name, imports);

            List<ExternalSession> sessions = ExternalLinks.renderable(intent, vrf.vni());
            List<AddressFamilyConfig> families = new ArrayList<>();
            for (AddressFamily family : AddressFamily.values()) {
                boolean served = vrf.families().contains(family);
                List<Statement> s = new ArrayList<>();
                if (served) {
                    servedFamily(vrf, name, family, connected, tags, s);
                } else if (vrf.local() && family == AddressFamily.IPV4) {
                    // FRR activates every neighbour in ipv4 unicast: without this, machines of an IPv6-only
                    // network could announce any IPv4 prefix into the VRF, unfiltered
                    s.add(new Statement.Deactivate(PolicyNames.MACHINE));
                }
                sessions.forEach(session -> externalStatements(vrf, session, family, s));
                if (served) {
                    importStatements(imports, importMap, family, s);
                }
                if (!s.isEmpty()) {
                    families.add(new AddressFamilyConfig(Afi.unicast(family), s));
                }
            }
            List<Statement> evpn = new ArrayList<>();
            for (AddressFamily family : AddressFamily.values()) {
                if (vrf.families().contains(family)) {
                    evpn.add(new Statement.Advertise(family));
                }
            }
            families.add(new AddressFamilyConfig(Afi.L2VPN_EVPN, evpn));

            List<BgpInstance.PeerGroup> groups = vrf.local() ? List.of(peerGroup(PolicyNames.MACHINE)) : List.of();
            List<BgpInstance.Neighbor> neighbors = vrf.machinePorts().stream()
                    .map(p -> new BgpInstance.Neighbor(p, PolicyNames.MACHINE)).toList();
            List<BgpInstance.RemoteNeighbor> remotes = sessions.stream().map(this::remoteNeighbor).toList();
            return new BgpInstance(intent.asn(), Optional.of(name), intent.routerId(), groups, neighbors, remotes, families);
        }

        /** Redistribution and machine policy of a family the VRF serves. */
        private void servedFamily(VrfIntent vrf, FrrName name, AddressFamily family, FrrName connected, List<LargeCommunity> tags,
                                  List<Statement> s) {
            s.add(new Statement.Redistribute(Source.CONNECTED, Optional.of(connected)));
            if (vrf.local()) {
                if (family == AddressFamily.IPV6) {
                    s.add(new Statement.Activate(PolicyNames.MACHINE));
                }
                s.add(new Statement.MaximumPrefix(PolicyNames.MACHINE, MAXIMUM_PREFIX));
                s.add(new Statement.NeighborRouteMap(PolicyNames.MACHINE, machineIn(vrf, name, family, tags), Direction.IN));
            }
        }

        /** {@code import vrf route-map} and one {@code import vrf} per peer with prefixes in the family. */
        private void importStatements(List<VrfImport> imports, Optional<FrrName> importMap, AddressFamily family, List<Statement> s) {
            List<Statement> importVrfs = imports.stream().filter(imp -> !imp.admitted(family).isEmpty())
                    .map(imp -> (Statement) new Statement.ImportVrf(dialect.vrfName(imp.from()))).toList();
            if (!importVrfs.isEmpty()) {
                s.add(new Statement.ImportVrfRouteMap(importMap.orElseThrow()));
                s.addAll(importVrfs);
            }
        }

        private BgpInstance.RemoteNeighbor remoteNeighbor(ExternalSession session) {
            String subject = "peering " + session.peering();
            if (session.hasPassword() && session.password().isEmpty()) {
                warn(subject, "has a password, which the intent does not carry: it is not rendered, set it on the switch");
            }
            if (session.local().length().isEmpty()) {
                warn(subject, "local address " + session.local() + " has no subnet length: " + ExternalLinks.localCidr(session) + " is rendered");
            }
            Optional<Asn> localAs = session.localAs().equals(intent.asn()) ? Optional.empty() : Optional.of(session.localAs());
            return new BgpInstance.RemoteNeighbor(ExternalLinks.neighbor(session), session.remoteAs(), localAs, session.bfd(),
                    session.password());
        }

        /**
         * An external session is active only in its own family, with {@code maximum-prefix} and in/out prefix filters
         * (import: what the planner allows, e.g. only the default route; export: network1's own prefixes).
         */
        private void externalStatements(VrfIntent vrf, ExternalSession session, AddressFamily family, List<Statement> s) {
            FrrName peer = ExternalLinks.neighbor(session);
            AddressFamily own = ExternalLinks.family(session);
            if (own != family) {
                if (family == AddressFamily.IPV4) {
                    s.add(new Statement.Deactivate(peer));
                }
                return;
            }
            String subject = "peering " + session.peering();
            if (!vrf.families().contains(family)) {
                warn(subject, "session is " + family + " but vrf " + vrf.vni() + " does not serve " + family);
            }
            if (family == AddressFamily.IPV6) {
                s.add(new Statement.Activate(peer));
            }
            if (session.maxPrefixes() >= 1) {
                s.add(new Statement.MaximumPrefix(peer, session.maxPrefixes()));
            } else {
                warn(subject, "maximum-prefix " + session.maxPrefixes() + " is not positive and is left out");
            }
            s.add(new Statement.NeighborRouteMap(peer, externalFilter(session, PolicyNames.externalIn(session.port()),
                    session.importPrefixes(), subject, "import", List.of()), Direction.IN));
            // the origin and zone tags mean nothing outside the fabric: they are not sent to the external peer
            s.add(new Statement.NeighborRouteMap(peer, externalFilter(session, PolicyNames.externalOut(session.port()),
                    session.exportPrefixes(), subject, "export", List.of(new RouteMap.Set.NoLargeCommunities())), Direction.OUT));
        }

        private FrrName externalFilter(ExternalSession session, FrrName name, List<IpPrefix> prefixes, String subject, String what,
                                       List<RouteMap.Set> sets) {
            AddressFamily family = ExternalLinks.family(session);
            List<IpPrefix> usable = prefixes.stream().filter(p -> p.family() == family).toList();
            if (usable.size() < prefixes.size()) {
                warn(subject, what + " prefixes of another family than the " + family + " session are left out");
            }
            if (usable.isEmpty()) {
                return routeMap(name, entry(Action.DENY, SEQ_STEP, List.of(), List.of()));
            }
            FrrName list = prefixList(name.suffix("-prefixes"), family, usable);
            return routeMap(name, entry(Action.PERMIT, SEQ_STEP, List.of(new Match.PrefixListMatch(family, list)), sets));
        }

        /**
         * Machines may announce only their network's own prefixes and its additional announcable ones (pod and service
         * CIDRs); accepted routes get the origin and zone tags.
         */
        private FrrName machineIn(VrfIntent vrf, FrrName vrfName, AddressFamily family, List<LargeCommunity> tags) {
            FrrName name = PolicyNames.machineIn(vrfName, family);
            List<IpPrefix> own = vrf.announcable(family);
            if (own.isEmpty()) {
                return routeMap(name, entry(Action.DENY, SEQ_STEP, List.of(), List.of()));
            }
            FrrName list = prefixList(PolicyNames.machineInPrefixes(vrfName, family), family, own);
            return routeMap(name, entry(Action.PERMIT, SEQ_STEP, List.of(new Match.PrefixListMatch(family, list)),
                    List.of(new RouteMap.Set.LargeCommunities(tags))));
        }

        /** Drops imports FRR would reject and says why; keeps the rest in VNI order. */
        private List<VrfImport> checkedImports(VrfIntent vrf, String subject) {
            List<VrfImport> kept = new ArrayList<>();
            for (VrfImport imp : vrf.imports()) {
                if (imp.from().equals(vrf.vni())) {
                    warn(subject, "imports from itself; the import is left out");
                    continue;
                }
                if (!hosted.contains(imp.from())) {
                    warn(subject, "imports from vrf " + imp.from() + ", which this switch does not instantiate;"
                            + " FRR leaks nothing from a VRF without its L3VNI");
                }
                if (served(vrf, imp.prefixes()) && served(vrf, imp.additionalPrefixes())) {
                    // nothing to leave out (the common case): the import as it is, without re-sorting a copy of it
                    if (imp.prefixes().isEmpty()) {
                        warn(subject, "import from vrf " + imp.from() + " has no prefixes; the import is left out");
                    } else {
                        kept.add(imp);
                    }
                    continue;
                }
                List<IpPrefix> usable = imp.prefixes().stream().filter(p -> vrf.families().contains(p.family())).toList();
                List<IpPrefix> usableAdditional = imp.additionalPrefixes().stream().filter(p -> vrf.families().contains(p.family())).toList();
                if (usable.size() < imp.prefixes().size()) {
                    warn(subject, "import from vrf " + imp.from() + " has prefixes of a family the VRF does not serve; they are left out");
                }
                if (usable.isEmpty()) {
                    warn(subject, "import from vrf " + imp.from() + " has no prefixes; the import is left out");
                    continue;
                }
                kept.add(new VrfImport(imp.from(), imp.network(), imp.reason(), usable, usableAdditional));
            }
            return kept;
        }

        private static boolean served(VrfIntent vrf, List<IpPrefix> prefixes) {
            for (IpPrefix p : prefixes) {
                if (!vrf.families().contains(p.family())) {
                    return false;
                }
            }
            return true;
        }

        /**
         * One permit entry per peer and family: {@code match source-vrf} + a prefix-list of the peer's own prefixes
         * + (for peers whose routes our leaves originate) the peer's origin tag; then a final deny.
         */
        private Optional<FrrName> importMap(VrfIntent vrf, FrrName name, List<VrfImport> imports) {
            if (imports.isEmpty()) {
                return Optional.empty();
            }
            List<RouteMap.Entry> entries = new ArrayList<>();
            int seq = SEQ_STEP;
            for (VrfImport imp : imports) {
                FrrName peer = dialect.vrfName(imp.from());
                for (AddressFamily family : AddressFamily.values()) {
                    List<IpPrefix> prefixes = imp.admitted(family);
                    if (prefixes.isEmpty()) {
                        continue;
                    }
                    List<Match> matches = new ArrayList<>();
                    matches.add(new Match.PrefixListMatch(family, prefixList(PolicyNames.importFrom(name, peer, family), family, prefixes)));
                    if (originGuarded(imp.reason())) {
                        FrrName origin = PolicyNames.origin(peer);
                        communityLists.put(origin, new LargeCommunityList(origin, List.of(Communities.origin(imp.from()))));
                        matches.add(new Match.LargeCommunityMatch(origin));
                    }
                    matches.add(new Match.SourceVrf(peer));
                    entries.add(entry(Action.PERMIT, seq, matches, List.of()));
                    seq += SEQ_STEP;
                }
            }
            entries.add(entry(Action.DENY, seq, List.of(), List.of()));
            FrrName map = PolicyNames.importMap(name);
            routeMaps.put(map, new RouteMap(map, entries));
            return Optional.of(map);
        }

        /**
         * Tenant VRFs' routes are tagged by the leaf that originates them. An external network's routes (the default
         * route, the internet's prefixes) come from exit switches and upstream routers that set no tag, and the
         * direction of an EXTERNAL import is not known from the intent, so those imports rely on the prefix-list alone.
         */
        private static boolean originGuarded(ImportReason reason) {
            return switch (reason) {
                case SAME_PROJECT, SHARED -> true;
                case EXTERNAL -> false;
            };
        }

        /** Ports must have one role each: a port listed twice would get two contradicting stanzas. */
        private void checkPorts() {
            Map<PortName, List<String>> roles = new TreeMap<>();
            intent.uplinks().forEach(p -> roles.computeIfAbsent(p, k -> new ArrayList<>()).add("uplink"));
            intent.firewalls().forEach(f -> roles.computeIfAbsent(f.port(), k -> new ArrayList<>()).add("firewall"));
            intent.unprovisioned().forEach(p -> roles.computeIfAbsent(p, k -> new ArrayList<>()).add("unprovisioned"));
            local.bladePorts().forEach(p -> roles.computeIfAbsent(p, k -> new ArrayList<>()).add("blade"));
            intent.vrfs().forEach(v -> v.machinePorts().forEach(p -> roles.computeIfAbsent(p, k -> new ArrayList<>()).add("vrf " + v.vni())));
            intent.external().forEach(e -> roles.computeIfAbsent(e.port(), k -> new ArrayList<>()).add("peering " + e.peering()));
            roles.forEach((port, r) -> {
                if (r.size() > 1) {
                    warn("port " + port, "has more than one role: " + String.join(", ", r));
                }
            });
        }

        private FrrName prefixList(FrrName name, AddressFamily family, List<IpPrefix> prefixes) {
            List<PrefixList.Entry> entries = new ArrayList<>();
            int seq = SEQ_STEP;
            for (IpPrefix p : prefixes.stream().sorted().distinct().toList()) {
                // a default route means exactly that route; "0.0.0.0/0 le 32" would mean every route
                Optional<Integer> le = p.isDefaultRoute() ? Optional.empty() : Optional.of(family.bits());
                entries.add(new PrefixList.Entry(seq, Action.PERMIT, p, le));
                seq += SEQ_STEP;
            }
            prefixLists.put(name, new PrefixList(name, family, entries));
            return name;
        }

        private FrrName routeMap(FrrName name, RouteMap.Entry... entries) {
            routeMaps.put(name, new RouteMap(name, List.of(entries)));
            return name;
        }

        private static RouteMap.Entry entry(Action action, int seq, List<Match> matches, List<RouteMap.Set> sets) {
            return new RouteMap.Entry(action, seq, matches, sets);
        }

        private static BgpInstance.PeerGroup peerGroup(FrrName name) {
            return new BgpInstance.PeerGroup(name, KEEPALIVE, HOLD);
        }

        private static FrrName peer(PortName port) {
            return FrrName.of(port.value());
        }

        private void warn(String subject, String message) {
            warnings.add(new Warning(subject, message));
        }
    }
}
