package io.metalstack.peering.frr;

import io.metalstack.peering.model.AddressFamily;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** One {@code address-family} block of a BGP instance; statements are printed in list order. */
record AddressFamilyConfig(Afi afi, List<Statement> statements) {
    AddressFamilyConfig {
        requireNonNull(afi, "afi is null");
        statements = List.copyOf(statements);
        long routeMaps = statements.stream().filter(s -> s instanceof Statement.ImportVrfRouteMap).count();
        if (routeMaps > 1) {
            throw new IllegalArgumentException("FRR allows one import vrf route-map per address family, got " + routeMaps);
        }
    }

    enum Afi {
        IPV4_UNICAST("ipv4 unicast"), IPV6_UNICAST("ipv6 unicast"), L2VPN_EVPN("l2vpn evpn");

        private final String keyword;

        Afi(String keyword) {
            this.keyword = keyword;
        }

        String keyword() {
            return keyword;
        }

        static Afi unicast(AddressFamily family) {
            return switch (family) {
                case IPV4 -> IPV4_UNICAST;
                case IPV6 -> IPV6_UNICAST;
            };
        }
    }

    enum Direction {
        IN, OUT;

        String keyword() {
            return this == IN ? "in" : "out";
        }
    }

    enum Source {
        CONNECTED, KERNEL;

        String keyword() {
            return this == CONNECTED ? "connected" : "kernel";
        }
    }

    /**
     * A line inside the address-family block. {@code target} is a peer-group or an interface neighbour.
     * Each alternative spells its own FRR syntax, so a new alternative cannot be added without its text
     * (Java 17 has no pattern switch to make the printer exhaustive instead).
     */
    sealed interface Statement {
        String text();

        /** The peer-group or neighbour the line configures; empty for a line of the address family itself. */
        default Optional<FrrName> neighbor() {
            return Optional.empty();
        }

        record Redistribute(Source source, Optional<FrrName> routeMap) implements Statement {
            public Redistribute {
                requireNonNull(source, "source is null");
                requireNonNull(routeMap, "routeMap is null");
            }

            @Override
            public String text() {
                return "redistribute " + source.keyword() + routeMap.map(m -> " route-map " + m).orElse("");
            }
        }

        record Activate(FrrName target) implements Statement {
            public Activate {
                requireNonNull(target, "target is null");
            }

            @Override
            public Optional<FrrName> neighbor() {
                return Optional.of(target);
            }

            @Override
            public String text() {
                return "neighbor " + target + " activate";
            }
        }

        /** {@code no neighbor X activate}: FRR activates every neighbour in ipv4 unicast unless told not to. */
        record Deactivate(FrrName target) implements Statement {
            public Deactivate {
                requireNonNull(target, "target is null");
            }

            @Override
            public Optional<FrrName> neighbor() {
                return Optional.of(target);
            }

            @Override
            public String text() {
                return "no neighbor " + target + " activate";
            }
        }

        record AllowasIn(FrrName target, int count) implements Statement {
            public AllowasIn {
                requireNonNull(target, "target is null");
                if (count < 1 || count > 10) {
                    throw new IllegalArgumentException("allowas-in count out of range: " + count);
                }
            }

            @Override
            public Optional<FrrName> neighbor() {
                return Optional.of(target);
            }

            @Override
            public String text() {
                return "neighbor " + target + " allowas-in " + count;
            }
        }

        record MaximumPrefix(FrrName target, int limit) implements Statement {
            public MaximumPrefix {
                requireNonNull(target, "target is null");
                if (limit < 1) {
                    throw new IllegalArgumentException("maximum-prefix must be >= 1: " + limit);
                }
            }

            @Override
            public Optional<FrrName> neighbor() {
                return Optional.of(target);
            }

            @Override
            public String text() {
                return "neighbor " + target + " maximum-prefix " + limit;
            }
        }

        record NeighborRouteMap(FrrName target, FrrName routeMap, Direction direction) implements Statement {
            public NeighborRouteMap {
                requireNonNull(target, "target is null");
                requireNonNull(routeMap, "routeMap is null");
                requireNonNull(direction, "direction is null");
            }

            @Override
            public Optional<FrrName> neighbor() {
                return Optional.of(target);
            }

            @Override
            public String text() {
                return "neighbor " + target + " route-map " + routeMap + " " + direction.keyword();
            }
        }

        record ImportVrf(FrrName vrf) implements Statement {
            public ImportVrf {
                requireNonNull(vrf, "vrf is null");
            }

            @Override
            public String text() {
                return "import vrf " + vrf;
            }
        }

        record ImportVrfRouteMap(FrrName routeMap) implements Statement {
            public ImportVrfRouteMap {
                requireNonNull(routeMap, "routeMap is null");
            }

            @Override
            public String text() {
                return "import vrf route-map " + routeMap;
            }
        }

        /** {@code advertise-all-vni}: the default instance announces every local VNI in EVPN. */
        record AdvertiseAllVni() implements Statement {
            @Override
            public String text() {
                return "advertise-all-vni";
            }
        }

        /** {@code advertise ipv4|ipv6 unicast}: a VRF instance announces its routes as EVPN type-5. */
        record Advertise(AddressFamily family) implements Statement {
            public Advertise {
                requireNonNull(family, "family is null");
            }

            @Override
            public String text() {
                return "advertise " + Afi.unicast(family).keyword();
            }
        }
    }
}
