package io.metalstack.peering.agent;

import io.metalstack.peering.frr.SwitchLocal;
import io.metalstack.peering.frr.SyslogLevel;
import io.metalstack.peering.frr.VlanId;
import io.metalstack.peering.frr.VlanRange;
import io.metalstack.peering.model.DomainException;
import io.metalstack.peering.model.InterfaceAddress;
import io.metalstack.peering.model.IpPrefix;
import io.metalstack.peering.model.Ipv4Address;
import io.metalstack.peering.model.PortName;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The agent's switch-local facts ({@link SwitchLocal}), as metal-core takes them from its environment. Each comes from,
 * first found: its option, metal-core's environment variable where metal-core has one ({@code METAL_CORE_*}), the
 * {@code --switch-config} YAML file (keys are the option names without {@code --}), metal-core's default. Lists are
 * comma-separated in options and variables, as metal-core's are. A refused value names its option and where it came from.
 */
final class SwitchLocalOptions {
    /** One fact: its option (also its key in the config file) and metal-core's variable, if metal-core has one. */
    enum Fact {
        LOG_LEVEL("log-level", "METAL_CORE_LOG_LEVEL"),
        MANAGEMENT_ADDRESS("management-address", null),
        MANAGEMENT_GATEWAY("management-gateway", "METAL_CORE_MANAGEMENT_GATEWAY"),
        ADDITIONAL_MGMT_ROUTES("additional-mgmt-routes", "METAL_CORE_ADDITIONAL_MGMT_ROUTES"),
        METAL_CORE_CIDR("metal-core-cidr", "METAL_CORE_CIDR"),
        SET_SRC_LOOPBACK("set-src-loopback", "METAL_CORE_SET_SRC_LOOPBACK"),
        PXE_VLAN_ID("pxe-vlan-id", "METAL_CORE_PXE_VLAN_ID"),
        ADDITIONAL_BRIDGE_VIDS("additional-bridge-vids", "METAL_CORE_ADDITIONAL_BRIDGE_VIDS"),
        ADDITIONAL_BRIDGE_PORTS("additional-bridge-ports", "METAL_CORE_ADDITIONAL_BRIDGE_PORTS");

        final String key;
        final String env;

        Fact(String key, String env) {
            this.key = key;
            this.env = env;
        }
    }

    @Option(names = "--switch-config", description = "YAML file of switch-local facts, keys as these options without '--' (e.g. pxe-vlan-id: 966)")
    Path file;

    @Option(names = "--log-level", description = "FRR's log syslog level in metal-core's terms: debug, info, warn, error; $METAL_CORE_LOG_LEVEL; default info")
    String logLevel;

    @Option(names = "--management-address", description = "eth0's IPv4 address with length, e.g. 192.168.0.11/24; default: none (eth0 by DHCP)")
    String managementAddress;

    @Option(names = "--management-gateway", description = "management gateway: ip route 0.0.0.0/0 <gw> nexthop-vrf mgmt; $METAL_CORE_MANAGEMENT_GATEWAY")
    String managementGateway;

    @Option(names = "--additional-mgmt-routes", description = "further IPv4 prefixes via the management gateway, comma-separated; $METAL_CORE_ADDITIONAL_MGMT_ROUTES")
    String additionalMgmtRoutes;

    @Option(names = "--metal-core-cidr", description = "the PXE VLAN's SVI address with length, e.g. 10.255.255.2/24; $METAL_CORE_CIDR")
    String metalCoreCidr;

    @Option(names = "--set-src-loopback", arity = "0..1", fallbackValue = "true",
            description = "SONiC: routes installed by BGP get the loopback as source (true|false); $METAL_CORE_SET_SRC_LOOPBACK; default false")
    String setSrcLoopback;

    @Option(names = "--pxe-vlan-id", description = "the PXE VLAN; $METAL_CORE_PXE_VLAN_ID; default 4000")
    String pxeVlanId;

    @Option(names = "--additional-bridge-vids", description = "further bridge VLANs, ids or ranges, comma-separated, e.g. 201-256,300; $METAL_CORE_ADDITIONAL_BRIDGE_VIDS")
    String additionalBridgeVids;

    @Option(names = "--additional-bridge-ports", description = "blade ports: further bridge ports, comma-separated; $METAL_CORE_ADDITIONAL_BRIDGE_PORTS")
    String additionalBridgePorts;

    /** The facts from the options, then {@code env}, then the config file, then metal-core's defaults. */
    SwitchLocal resolve(Function<String, String> env) {
        Optional<YamlFields> config = Optional.ofNullable(file).map(SwitchLocalOptions::read);
        Sources s = new Sources(env, config);
        SwitchLocal.Builder b = SwitchLocal.builder();
        s.value(Fact.LOG_LEVEL, logLevel, SyslogLevel::parse).ifPresent(b::logLevel);
        s.value(Fact.MANAGEMENT_ADDRESS, managementAddress, InterfaceAddress::parse).ifPresent(b::managementAddress);
        s.value(Fact.MANAGEMENT_GATEWAY, managementGateway, Ipv4Address::parse).ifPresent(b::managementGateway);
        s.list(Fact.ADDITIONAL_MGMT_ROUTES, additionalMgmtRoutes, IpPrefix::parse).ifPresent(b::managementRoutes);
        s.value(Fact.METAL_CORE_CIDR, metalCoreCidr, InterfaceAddress::parse).ifPresent(b::metalCoreCidr);
        s.value(Fact.SET_SRC_LOOPBACK, setSrcLoopback, SwitchLocalOptions::bool).ifPresent(b::setSrcLoopback);
        s.value(Fact.PXE_VLAN_ID, pxeVlanId, VlanId::parse).ifPresent(b::pxeVlan);
        s.list(Fact.ADDITIONAL_BRIDGE_VIDS, additionalBridgeVids, VlanRange::parse).ifPresent(b::bridgeVids);
        s.list(Fact.ADDITIONAL_BRIDGE_PORTS, additionalBridgePorts, PortName::parse).ifPresent(b::bladePorts);
        config.ifPresent(YamlFields::noOthers);
        try {
            return b.build();
        } catch (DomainException e) {
            throw DomainException.invalid("switch-local facts: %s", e.getMessage());
        }
    }

    private static YamlFields read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw DomainException.invalid("cannot read --switch-config %s: %s", file, e.getMessage());
        }
        return YamlFields.parse("--switch-config " + file, text);
    }

    private static Boolean bool(String text) {
        return switch (text.trim()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw DomainException.invalid("%s is not a boolean: use true or false", YamlFields.quote(text));
        };
    }

    /** Where each fact is looked up, in order; the config file is read (and checked) whole, also where an option wins. */
    private record Sources(Function<String, String> env, Optional<YamlFields> config) {
        <T> Optional<T> value(Fact fact, String option, Function<String, T> parser) {
            Optional<T> fromConfig = config.flatMap(c -> fact == Fact.SET_SRC_LOOPBACK
                    ? (c.has(fact.key) ? Optional.of(parser.apply(Boolean.toString(c.flag(fact.key, false)))) : Optional.<T>empty())
                    : c.optional(fact.key, parser));
            if (option != null) {
                return Optional.of(parse("--" + fact.key, option, parser));
            }
            String fromEnv = fact.env == null ? null : env.apply(fact.env);
            if (fromEnv != null && !fromEnv.isBlank()) {
                return Optional.of(parse("--" + fact.key + " (from $" + fact.env + ")", fromEnv, parser));
            }
            return fromConfig;
        }

        <T> Optional<List<T>> list(Fact fact, String option, Function<String, T> parser) {
            Optional<List<T>> fromConfig = config.flatMap(c -> c.has(fact.key) ? Optional.of(c.list(fact.key, parser)) : Optional.<List<T>>empty());
            config.ifPresent(c -> c.list(fact.key, parser));
            if (option != null) {
                return Optional.of(split("--" + fact.key, option, parser));
            }
            String fromEnv = fact.env == null ? null : env.apply(fact.env);
            if (fromEnv != null && !fromEnv.isBlank()) {
                return Optional.of(split("--" + fact.key + " (from $" + fact.env + ")", fromEnv, parser));
            }
            return fromConfig;
        }

        private static <T> List<T> split(String where, String text, Function<String, T> parser) {
            List<T> out = new ArrayList<>();
            if (text.isBlank()) {
                return out;
            }
            for (String part : text.split(",", -1)) {
                out.add(parse(where, part.trim(), parser));
            }
            return out;
        }

        private static <T> T parse(String where, String text, Function<String, T> parser) {
            try {
                return parser.apply(text);
            } catch (DomainException | IllegalArgumentException e) {
                throw DomainException.invalid("%s: %s", where, e.getMessage());
            }
        }
    }
}
