package io.metalstack.peering.frr.lab;

import io.metalstack.peering.frr.BgpPath;
import io.metalstack.peering.frr.BgpTableParser;
import io.metalstack.peering.frr.FrrRenderer;
import io.metalstack.peering.model.Asn;
import io.metalstack.peering.model.IpPrefix;
import io.metalstack.peering.model.Ipv4Address;
import io.metalstack.peering.model.Labels;
import io.metalstack.peering.model.Network;
import io.metalstack.peering.model.NetworkId;
import io.metalstack.peering.model.NetworkType;
import io.metalstack.peering.model.PartitionId;
import io.metalstack.peering.model.PortName;
import io.metalstack.peering.model.ProjectId;
import io.metalstack.peering.model.SwitchId;
import io.metalstack.peering.model.SwitchOs;
import io.metalstack.peering.model.SwitchRole;
import io.metalstack.peering.model.Vni;
import io.metalstack.peering.model.rules.ImportReason;
import io.metalstack.peering.model.plan.SwitchIntent;
import io.metalstack.peering.model.plan.VrfImport;
import io.metalstack.peering.model.plan.VrfIntent;
import io.metalstack.peering.model.rules.Exchange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Route leaking in FRR's control plane, with the config {@link FrrRenderer} renders. A leaf with four
 * tenant VRFs, A, B and C of project p1 and S, a shared network of project p2, peered A–B, B–C and A–S, dual-stack,
 * in both dialects. zebra runs with the netns VRF backend: one namespace per VRF, named exactly like the rendered VRF,
 * with the machine port and an interface carrying the network's connected prefixes (v4 and v6). For every VRF the
 * valid BGP prefixes must be exactly its own and its direct peers' own, each peer prefix leaked from that peer.
 *
 * <p>B also holds C's prefixes, and A holds S's, as routes originated in B (and A) themselves: what B would see if B
 * on another leaf re-advertised its import from C. FRR never leaks a leaked route on (non-transitive by itself), so
 * without these echoes nothing in the lab would test the import prefix-lists; with them, the prefix-lists are what
 * keeps C out of A and S out of B, and the negative control (widened prefix-lists) proves the check sees it.
 */
class LeakControlPlaneIT {
    private static final PartitionId PARTITION = PartitionId.parse("fra-equ01");
    private static final ProjectId P1 = ProjectId.parse("p1");
    private static final ProjectId P2 = ProjectId.parse("p2");
    private static final Duration CONVERGE = Duration.ofSeconds(20);

    /** A tenant network on the leaf, with a machine on port number {@code port} (1..) and a host address per family. */
    private record Tenant(Network network, int port, String hostV4, String hostV6) {
        Vni vni() {
            return network.vrf().orElseThrow();
        }

        String vrf(SwitchOs os) {
            return switch (os) {
                case CUMULUS -> vni().cumulusName();
                case SONIC -> vni().sonicName();
            };
        }

        PortName port(SwitchOs os) {
            return portName(os, port);
        }

        List<IpPrefix> prefixes() {
            return network.prefixes();
        }
    }

    private static final Tenant A = tenant("net-a", P1, NetworkType.CHILD, 10, 1, "10.10.0.0/24", "2001:db8:10::/64");
    private static final Tenant B = tenant("net-b", P1, NetworkType.CHILD, 20, 2, "10.20.0.0/24", "2001:db8:20::/64");
    private static final Tenant C = tenant("net-c", P1, NetworkType.CHILD, 30, 3, "10.30.0.0/24", "2001:db8:30::/64");
    private static final Tenant S = tenant("net-s", P2, NetworkType.CHILD_SHARED, 40, 4, "10.40.0.0/24", "2001:db8:40::/64");
    private static final List<Tenant> TENANTS = List.of(A, B, C, S);
    private static final List<List<Tenant>> PEERINGS = List.of(List.of(A, B), List.of(B, C), List.of(A, S));
    /** VRF to the tenant whose prefixes it also originates itself (see the class comment). */
    private static final Map<Tenant, Tenant> ECHOES = Map.of(B, C, A, S);

    private static final Map<SwitchOs, FrrLab> LABS = new EnumMap<>(SwitchOs.class);

    /** One lab per dialect, because the namespaces are named like that dialect's VRFs (vrf10, Vrf10). */
    @BeforeAll
    static void buildTheLeaves() {
        for (SwitchOs os : SwitchOs.values()) {
            FrrLab lab = FrrLab.start("leak-" + os.name().toLowerCase(Locale.ROOT));
            LABS.put(os, lab);
            lab.addNamespace("core");
            for (Tenant t : TENANTS) {
                String vrf = t.vrf(os);
                lab.addNamespace(vrf);
                lab.addVeth(vrf, t.port(os).value(), vrf, "h" + t.port());
                lab.addAddress(vrf, "h" + t.port(), t.hostV4());
                lab.addAddress(vrf, "h" + t.port(), t.hostV6());
            }
            ECHOES.forEach((in, of) -> {
                lab.addVeth(in.vrf(os), "echo0", in.vrf(os), "echo1");
                lab.addAddress(in.vrf(os), "echo1", of.hostV4().replaceFirst("\\.1/", ".254/"));
                lab.addAddress(in.vrf(os), "echo1", of.hostV6().replaceFirst("::1/", "::fe/"));
            });
        }
    }

    @AfterAll
    static void closeLabs() {
        List<RuntimeException> failures = new ArrayList<>();
        LABS.values().forEach(lab -> {
            try {
                lab.close();
            } catch (RuntimeException e) {
                failures.add(e);
            }
        });
        assertThat(failures).as("lab cleanup").isEmpty();
    }

    @ParameterizedTest
    @EnumSource(SwitchOs.class)
    void everyVrfHoldsExactlyItsOwnAndItsDirectPeersPrefixes(SwitchOs os) {
        String config = leafConfig(os);
        SortedMap<String, List<BgpPath>> tables = loadAndConverge(os, "leaf", config);

        assertThat(mismatches(os, tables)).as("leaking with the rendered %s config:\n%s", os, config).isEmpty();
        // spelled out: C's prefixes are absent from A, S's from B, although B holds C's and A holds S's
        assertThat(valid(tables, A.vrf(os))).doesNotContainAnyElementsOf(C.prefixes());
        assertThat(valid(tables, B.vrf(os))).doesNotContainAnyElementsOf(S.prefixes());
        assertThat(valid(tables, C.vrf(os))).doesNotContainAnyElementsOf(A.prefixes()).doesNotContainAnyElementsOf(S.prefixes());
        assertThat(valid(tables, S.vrf(os))).doesNotContainAnyElementsOf(B.prefixes()).doesNotContainAnyElementsOf(C.prefixes());
    }

    /** Tests the test: with every import prefix-list widened to the whole family, the same check must fail. */
    @ParameterizedTest
    @EnumSource(SwitchOs.class)
    void widenedImportPrefixListsMakeTheCheckFail(SwitchOs os) {
        String widened = widenImportPrefixLists(leafConfig(os));
        SortedMap<String, List<BgpPath>> tables = loadAndConverge(os, "widened", widened);

        List<String> mismatches = mismatches(os, tables);
        assertThat(mismatches).as("what the check reports for the widened config")
                .anyMatch(m -> m.startsWith(A.vrf(os) + ": unexpected") && m.contains("10.30.0.0/24") && m.contains("2001:db8:30::/64"))
                .anyMatch(m -> m.startsWith(B.vrf(os) + ": unexpected") && m.contains("10.40.0.0/24") && m.contains("2001:db8:40::/64"));
        assertThatThrownBy(() -> assertThat(mismatches).isEmpty()).isInstanceOf(AssertionError.class);
    }

    /**
     * Loads the config strictly into fresh daemons (zebra -n), waits until every VRF holds at least its expected
     * prefixes, then reads once more after a pause, so that a wrong leak that comes late still shows (the negative
     * control sees wrong leaks arrive together with the right ones). Prints how long each step took.
     */
    private static SortedMap<String, List<BgpPath>> loadAndConverge(SwitchOs os, String instanceName, String config) {
        long t0 = System.nanoTime();
        FrrInstance frr = LABS.get(os).startFrr(instanceName, "core", true);
        try {
            frr.fastRouteMapUpdates();
            long t1 = System.nanoTime();
            List<String> problems = StrictLoad.problems(frr.loadText(instanceName + ".conf", config));
            assertThat(problems).as("FRR output while loading the %s %s config:\n%s", os, instanceName, config).isEmpty();
            long t2 = System.nanoTime();
            Poll.until(CONVERGE, frr::unicastTables, t -> expected(os).entrySet().stream()
                    .allMatch(e -> valid(t, e.getKey()).containsAll(e.getValue().keySet())));
            long t3 = System.nanoTime();
            Poll.sleep(Duration.ofSeconds(1));
            SortedMap<String, List<BgpPath>> tables = frr.unicastTables();
            System.out.printf("%s %s: daemons started %d ms, config loaded %d ms, converged %d ms, final read %d ms%n", os, instanceName,
                    (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000, (System.nanoTime() - t3) / 1_000_000);
            return tables;
        } finally {
            frr.stop();
        }
    }

    /** Per VRF, each expected prefix and the VRF it must be leaked from (empty: the VRF's own). */
    private static SortedMap<String, SortedMap<IpPrefix, Optional<String>>> expected(SwitchOs os) {
        SortedMap<String, SortedMap<IpPrefix, Optional<String>>> expected = new TreeMap<>();
        for (Tenant t : TENANTS) {
            SortedMap<IpPrefix, Optional<String>> prefixes = new TreeMap<>();
            t.prefixes().forEach(p -> prefixes.put(p, Optional.empty()));
            for (Tenant peer : peersOf(t)) {
                peer.prefixes().forEach(p -> prefixes.put(p, Optional.of(peer.vrf(os))));
            }
            expected.put(t.vrf(os), prefixes);
        }
        return expected;
    }

    /** Everything that differs from {@link #expected}, one line per VRF and kind; empty when the leaf is right. */
    private static List<String> mismatches(SwitchOs os, SortedMap<String, List<BgpPath>> tables) {
        List<String> found = new ArrayList<>();
        expected(os).forEach((vrf, prefixes) -> {
            var actual = valid(tables, vrf);
            var missing = new TreeSet<>(prefixes.keySet());
            missing.removeAll(actual);
            var unexpected = new TreeSet<>(actual);
            unexpected.removeAll(prefixes.keySet());
            if (!missing.isEmpty()) {
                found.add(vrf + ": missing " + missing);
            }
            if (!unexpected.isEmpty()) {
                found.add(vrf + ": unexpected " + unexpected + " (leaked from " + unexpected.stream()
                        .map(p -> p + " <- " + leakedFrom(tables, vrf, p)).toList() + ")");
            }
            prefixes.forEach((prefix, source) -> source.ifPresent(peer -> {
                if (actual.contains(prefix) && !leakedFrom(tables, vrf, prefix).contains(peer)) {
                    found.add(vrf + ": " + prefix + " is not leaked from " + peer + " (paths "
                            + tables.get(vrf).stream().filter(p -> p.prefix().equals(prefix)).toList() + ")");
                }
            }));
        });
        var inDefault = new TreeSet<>(valid(tables, "default"));
        inDefault.retainAll(TENANTS.stream().flatMap(t -> t.prefixes().stream()).toList());
        if (!inDefault.isEmpty()) {
            found.add("default: tenant prefixes " + inDefault);
        }
        return found;
    }

    private static SortedSet<IpPrefix> valid(SortedMap<String, List<BgpPath>> tables, String vrf) {
        return BgpTableParser.validPrefixes(tables, vrf);
    }

    /** The VRFs the valid paths of {@code prefix} in {@code vrf} were leaked from. */
    private static SortedSet<String> leakedFrom(SortedMap<String, List<BgpPath>> tables, String vrf, IpPrefix prefix) {
        SortedSet<String> sources = new TreeSet<>();
        tables.getOrDefault(vrf, List.of()).stream().filter(p -> p.prefix().equals(prefix) && p.valid())
                .forEach(p -> p.nhVrfName().ifPresent(sources::add));
        return sources;
    }

    private static final Pattern IMPORT_ENTRY = Pattern.compile(
            "^(ipv6|ip) prefix-list (\\S*import\\S*) seq \\d+ permit \\S+( le \\d+)?$", Pattern.MULTILINE);

    /** The negative control's config: every import prefix-list permits everything of its family. */
    private static String widenImportPrefixLists(String config) {
        Map<String, Boolean> seen = new LinkedHashMap<>();
        StringBuilder out = new StringBuilder();
        Matcher m = IMPORT_ENTRY.matcher(config);
        while (m.find()) {
            boolean v6 = m.group(1).equals("ipv6");
            // one all-permitting entry per list: FRR refuses a second entry with the same prefix and range
            String replacement = seen.put(m.group(1) + " " + m.group(2), true) == null
                    ? m.group(1) + " prefix-list " + m.group(2) + " seq 1 permit " + (v6 ? "::/0 le 128" : "0.0.0.0/0 le 32")
                    : "!";
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        assertThat(seen).as("import prefix-lists (named *import*) in the config to widen:\n%s", config).isNotEmpty();
        return out.toString();
    }

    private static List<Tenant> peersOf(Tenant t) {
        List<Tenant> peers = new ArrayList<>();
        for (List<Tenant> p : PEERINGS) {
            if (p.get(0) == t) {
                peers.add(p.get(1));
            } else if (p.get(1) == t) {
                peers.add(p.get(0));
            }
        }
        return peers;
    }

    /** The leaf's intent, built here as the planner would: every tenant has a machine port, imports go both ways. */
    private static SwitchIntent intent(SwitchOs os) {
        List<VrfIntent> vrfs = new ArrayList<>();
        int vlan = 1001;
        for (Tenant t : TENANTS) {
            List<VrfImport> imports = new ArrayList<>();
            for (Tenant peer : peersOf(t)) {
                var families = Exchange.families(t.network(), peer.network()).families();
                ImportReason reason = peer.network().shared() || t.network().shared() ? ImportReason.SHARED : ImportReason.SAME_PROJECT;
                imports.add(new VrfImport(peer.vni(), peer.network().id(), reason, Exchange.importedFrom(peer.network(), families)));
            }
            vrfs.add(new VrfIntent(t.vni(), t.network().id(), vlan++, List.of(t.port(os)), t.network().families(),
                    t.network().prefixes(), imports));
        }
        return new SwitchIntent(SwitchId.parse("leaf01"), PARTITION, SwitchRole.LEAF, os, Asn.of(4200000011L),
                Ipv4Address.parse("10.0.0.11"), 1, List.of(portName(os, 31), portName(os, 32)), List.of(), List.of(), vrfs, List.of());
    }

    /** The leaf's frr.conf, as the product renders it. */
    private static String leafConfig(SwitchOs os) {
        return new FrrRenderer().render(intent(os)).frrConf();
    }

    /** Port {@code n} (1..) as the switch OS names it: swp1, swp2, ... or Ethernet0, Ethernet4, ... */
    private static PortName portName(SwitchOs os, int n) {
        return PortName.parse(switch (os) {
            case CUMULUS -> "swp" + n;
            case SONIC -> "Ethernet" + 4 * (n - 1);
        });
    }

    private static Tenant tenant(String id, ProjectId project, NetworkType type, int vni, int port, String v4, String v6) {
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        Network n = new Network(NetworkId.parse(id), id, "", Optional.of(PARTITION), Optional.of(project),
                Optional.of(NetworkId.parse("tenant-super")), type, List.of(IpPrefix.parse(v4), IpPrefix.parse(v6)), List.of(),
                Optional.of(Vni.of(vni)), Map.of(), false, Labels.EMPTY, t0, t0);
        return new Tenant(n, port, v4.replace(".0/", ".1/"), v6.replace("::/", "::1/"));
    }
}
