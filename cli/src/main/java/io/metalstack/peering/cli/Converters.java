package io.metalstack.peering.cli;

import io.metalstack.peering.model.Asn;
import io.metalstack.peering.model.BgpPeer;
import io.metalstack.peering.model.DomainException;
import io.metalstack.peering.model.Durations;
import io.metalstack.peering.model.InterfaceAddress;
import io.metalstack.peering.model.IpPrefix;
import io.metalstack.peering.model.NetworkType;
import io.metalstack.peering.model.PeeringType;
import io.metalstack.peering.model.SwitchOs;
import picocli.CommandLine;

import java.time.Duration;
import java.util.function.Function;

/** Typed flag values: a bad value is a usage error naming the value, reported by picocli with the option. */
final class Converters {
    private Converters() {}

    static void register(CommandLine cl) {
        cl.registerConverter(Asn.class, of(Asn::parse));
        cl.registerConverter(InterfaceAddress.class, of(InterfaceAddress::parse));
        cl.registerConverter(IpPrefix.class, of(IpPrefix::parse));
        cl.registerConverter(BgpPeer.PortRef.class, of(BgpPeer::parsePort));
        cl.registerConverter(PeeringType.class, of(PeeringType::parse));
        cl.registerConverter(NetworkType.class, of(NetworkType::parse));
        cl.registerConverter(SwitchOs.class, of(SwitchOs::parse));
        cl.registerConverter(Duration.class, of(Durations::parse));
    }

    private static <T> CommandLine.ITypeConverter<T> of(Function<String, T> parse) {
        return value -> {
            try {
                return parse.apply(value);
            } catch (DomainException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        };
    }
}
