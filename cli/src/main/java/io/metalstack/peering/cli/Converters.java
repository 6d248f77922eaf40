package io.metalstack.peering.cli;

import io.metalstack.peering.model.Asn;
import io.metalstack.peering.model.BgpPeer;
import io.metalstack.peering.model.DomainException;
import io.metalstack.peering.model.InterfaceAddress;
import io.metalstack.peering.model.IpPrefix;
import io.metalstack.peering.model.NetworkType;
import io.metalstack.peering.model.PeeringType;
import io.metalstack.peering.model.SwitchOs;
import picocli.CommandLine;

import java.time.Duration;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
        cl.registerConverter(Duration.class, of(Converters::duration));
    }

    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h)?");

    /** {@code 500ms}, {@code 60s}, {@code 5m}, {@code 1h}; a bare number is seconds. */
    static Duration duration(String text) {
        Matcher m = DURATION.matcher(text == null ? "" : text.trim());
        if (!m.matches()) {
            throw DomainException.invalid("duration \"%s\" is not valid: use e.g. 500ms, 60s, 5m or 1h", text);
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofSeconds(n);
        };
    }

    /** The shortest of {@link #duration}'s spellings that says {@code d} exactly. */
    static String format(Duration d) {
        long ms = d.toMillis();
        if (ms % 1000 != 0) {
            return ms + "ms";
        }
        long s = ms / 1000;
        return s % 3600 == 0 && s != 0 ? s / 3600 + "h" : s % 60 == 0 && s != 0 ? s / 60 + "m" : s + "s";
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
