package io.metalstack.peering.frr;

import io.metalstack.peering.model.AddressFamily;
import io.metalstack.peering.model.Ipv4Address;
import io.metalstack.peering.model.Vni;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/** A route-map: entries in sequence order; a route that matches no entry is denied. */
record RouteMap(FrrName name, List<Entry> entries) {
    RouteMap {
        requireNonNull(name, "name is null");
        entries = entries.stream().sorted(Comparator.comparingInt(Entry::seq)).toList();
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("route-map " + name + " has no entries");
        }
        if (entries.stream().map(Entry::seq).distinct().count() != entries.size()) {
            throw new IllegalArgumentException("route-map " + name + " has duplicate sequence numbers");
        }
    }

    record Entry(Action action, int seq, List<Match> matches, List<Set> sets) {
        Entry {
            requireNonNull(action, "action is null");
            if (seq < 1 || seq > 65535) {
                throw new IllegalArgumentException("route-map seq out of range: " + seq);
            }
            matches = List.copyOf(matches);
            sets = List.copyOf(sets);
            if (action == Action.DENY && !sets.isEmpty()) {
                throw new IllegalArgumentException("a deny entry cannot set anything");
            }
        }
    }

    /** A match clause: all clauses of an entry must match. */
    sealed interface Match {
        String text();

        /** {@code match ip address prefix-list} or {@code match ipv6 address prefix-list}. */
        record PrefixListMatch(AddressFamily family, FrrName prefixList) implements Match {
            public PrefixListMatch {
                requireNonNull(family, "family is null");
                requireNonNull(prefixList, "prefixList is null");
            }

            @Override
            public String text() {
                return "match " + FrrPrinter.prefixListKeyword(family) + " address prefix-list " + prefixList;
            }
        }

        /** {@code match source-vrf}: the route was leaked from that VRF. */
        record SourceVrf(FrrName vrf) implements Match {
            public SourceVrf {
                requireNonNull(vrf, "vrf is null");
            }

            @Override
            public String text() {
                return "match source-vrf " + vrf;
            }
        }

        /** {@code match large-community}. */
        record LargeCommunityMatch(FrrName list) implements Match {
            public LargeCommunityMatch {
                requireNonNull(list, "list is null");
            }

            @Override
            public String text() {
                return "match large-community " + list;
            }
        }

        /** {@code match interface}: a connected route of that interface. */
        record Interface(String name) implements Match {
            public Interface {
                FrrName.of(name);
            }

            @Override
            public String text() {
                return "match interface " + name;
            }
        }

        /** {@code match evpn vni}. */
        record EvpnVni(Vni vni) implements Match {
            public EvpnVni {
                requireNonNull(vni, "vni is null");
            }

            @Override
            public String text() {
                return "match evpn vni " + vni;
            }
        }
    }

    /** A set clause, applied when the entry permits. */
    sealed interface Set {
        String text();

        /** {@code set large-community A B ...}: replaces whatever large communities the route carried. */
        record LargeCommunities(List<LargeCommunity> communities) implements Set {
            public LargeCommunities {
                communities = communities.stream().sorted().distinct().toList();
                if (communities.isEmpty()) {
                    throw new IllegalArgumentException("no large communities to set");
                }
            }

            @Override
            public String text() {
                return "set large-community " + communities.stream().map(LargeCommunity::toString).collect(Collectors.joining(" "));
            }
        }

        /** {@code set large-community none}: strips every large community (our tags stay inside the fabric). */
        record NoLargeCommunities() implements Set {
            @Override
            public String text() {
                return "set large-community none";
            }
        }

        /** {@code set src A}: zebra installs the route with this preferred source address. */
        record Src(Ipv4Address address) implements Set {
            public Src {
                requireNonNull(address, "address is null");
            }

            @Override
            public String text() {
                return "set src " + address;
            }
        }

        /** {@code set local-preference N}. */
        record LocalPreference(long value) implements Set {
            public LocalPreference {
                if (value < 0 || value > 0xFFFF_FFFFL) {
                    throw new IllegalArgumentException("local-preference out of range: " + value);
                }
            }

            @Override
            public String text() {
                return "set local-preference " + value;
            }
        }
    }
}
