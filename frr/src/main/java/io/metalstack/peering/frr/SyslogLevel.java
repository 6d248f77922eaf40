package io.metalstack.peering.frr;

import io.metalstack.peering.model.DomainException;

import java.util.Locale;

/**
 * The level of FRR's {@code log syslog}, chosen as metal-core chooses it from its own log level: {@code debug},
 * {@code info}, {@code warn}, {@code error} become {@code debugging}, {@code informational}, {@code warnings},
 * {@code errors}. metal-core maps any other value to {@code warnings}; here it is refused.
 */
public enum SyslogLevel {
    DEBUGGING("debug", "debugging"),
    INFORMATIONAL("info", "informational"),
    WARNINGS("warn", "warnings"),
    ERRORS("error", "errors");

    private final String metalCore;
    private final String frr;

    SyslogLevel(String metalCore, String frr) {
        this.metalCore = metalCore;
        this.frr = frr;
    }

    /** metal-core's name ({@code METAL_CORE_LOG_LEVEL}): {@code debug}, {@code info}, {@code warn}, {@code error}. */
    public String metalCore() {
        return metalCore;
    }

    /** FRR's keyword, as in {@code log syslog warnings}. */
    public String frr() {
        return frr;
    }

    /** metal-core's name or FRR's keyword (metal-core's conf.yaml holds the latter), any case. */
    public static SyslogLevel parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        for (SyslogLevel l : values()) {
            if (l.metalCore.equals(t) || l.frr.equals(t)) {
                return l;
            }
        }
        throw DomainException.invalid("log level %s is unknown: use debug, info, warn or error (or FRR's debugging, informational, warnings, errors)",
                VlanId.quote(text));
    }

    @Override
    public String toString() {
        return frr;
    }
}
