package io.metalstack.peering.agent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * ifupdown2, which applies {@code /etc/network/interfaces} on Cumulus: its checks of a file and its reload.
 *
 * <p>Measured with Debian 12's ifupdown2 3.0.0: {@code ifup --syntax-check -a -i FILE} exits non-zero for a bad value
 * of a known attribute (an address, a VLAN id, an MTU, a yes/no), an unknown address method or a line outside any
 * stanza, but exits 0 for an attribute no addon knows (a typo such as {@code mtuu}), because Debian's
 * {@code ifupdown2.conf} sets {@code addon_syntax_check=0}; {@code ifreload -a} then ignores that attribute.
 * {@code ifquery -a -i FILE} exits 0 for all of these. So the attribute names are checked here too, the way
 * ifupdown2 does with {@code addon_syntax_check=1}: every attribute of every stanza, as ifupdown2's own parser reads
 * the file ({@code ifquery -a -i FILE -o json}), must be one an addon declares ({@code ifquery --syntax-help -o json}).
 *
 * <p>Every call runs under {@code prefix} (empty on a switch; a test or a lab enters a namespace with its own
 * {@code /etc/network} and state that way). {@code ifreload} has no {@code -i}: it always reads
 * {@code /etc/network/interfaces}.
 */
final class Ifupdown2 {
    static final List<String> RELOAD = List.of("ifreload", "-a");
    /**
     * ifupdown2 loads its {@code mstpctl} addon only where {@code /sbin/mstpctl} (mstpd) exists, and without it skips
     * the addon's attributes. Debian 12 has no mstpd package; a Cumulus switch has mstpd, and there these attributes
     * are checked like all others.
     */
    static final String MSTPCTL_MODULE = "mstpctl";
    private static final Duration TIMEOUT = Duration.ofMinutes(2);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> prefix;
    private final List<String> reload;
    /** Attribute names the loaded addons declare; read once, on first use. */
    private Set<String> knownAttributes;
    private boolean mstpctlLoaded;

    /**
     * @param prefix runs every ifupdown2 command under it, e.g. {@code nsenter -t PID -n -m}; empty on a switch
     * @param reload the reload, after the prefix; {@link #RELOAD} on a switch
     */
    Ifupdown2(List<String> prefix, List<String> reload) {
        this.prefix = List.copyOf(prefix);
        this.reload = List.copyOf(reload);
        if (this.reload.isEmpty()) {
            throw new IllegalArgumentException("the reload command is empty");
        }
    }

    /**
     * What ifupdown2 finds wrong with {@code file}: the lines {@code ifup --syntax-check} printed when it failed, and
     * every attribute no loaded addon declares. Empty when ifupdown2 would apply the file as written.
     */
    synchronized List<String> problems(Path file) {
        List<String> problems = new ArrayList<>();
        Command.Result check = run(List.of("ifup", "--syntax-check", "-a", "-i", file.toString()));
        if (check.rc() != 0) {
            List<String> printed = check.output().lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
            problems.addAll(printed.isEmpty() ? List.of("ifup --syntax-check exited " + check.rc()) : printed);
        }
        Command.Result parsed = run(List.of("ifquery", "-a", "-i", file.toString(), "-o", "json"));
        if (parsed.rc() != 0) {
            problems.add(parsed.describe());
            return problems;
        }
        problems.addAll(unknownAttributes(parsed.out()));
        return problems;
    }

    /** Runs the reload; its result (rc 0: applied). */
    Command.Result reload() {
        return run(reload);
    }

    /** "iface X: unknown attribute 'y'" for each attribute of {@code ifquery -o json}'s stanzas that no addon declares. */
    private List<String> unknownAttributes(String ifqueryJson) {
        Set<String> known = knownAttributes();
        List<String> unknown = new ArrayList<>();
        for (JsonNode iface : readJson(ifqueryJson, "ifquery -a -o json")) {
            Iterator<String> names = iface.path("config").fieldNames();
            while (names.hasNext()) {
                String attribute = names.next();
                boolean skipped = !mstpctlLoaded && attribute.startsWith(MSTPCTL_MODULE + "-");
                if (!known.contains(attribute) && !skipped) {
                    unknown.add("iface " + iface.path("name").asText("?") + ": unknown attribute '" + attribute + "'");
                }
            }
        }
        return unknown;
    }

    private Set<String> knownAttributes() {
        if (knownAttributes == null) {
            Command.Result help = run(List.of("ifquery", "--syntax-help", "-o", "json"));
            if (help.rc() != 0) {
                throw new IllegalStateException("cannot read the attributes ifupdown2 knows: " + help.describe());
            }
            JsonNode modules = readJson(help.out(), "ifquery --syntax-help -o json");
            Set<String> known = new TreeSet<>();
            for (Map.Entry<String, JsonNode> module : iterable(modules.fields())) {
                for (Map.Entry<String, JsonNode> attribute : iterable(module.getValue().path("attrs").fields())) {
                    known.add(attribute.getKey());
                    attribute.getValue().path("aliases").forEach(alias -> known.add(alias.asText()));
                }
            }
            if (known.isEmpty()) {
                throw new IllegalStateException("ifquery --syntax-help -o json lists no attributes: " + help.describe());
            }
            mstpctlLoaded = modules.has(MSTPCTL_MODULE);
            knownAttributes = known;
        }
        return knownAttributes;
    }

    private Command.Result run(List<String> command) {
        return Command.run(Stream.concat(prefix.stream(), command.stream()).toList(), TIMEOUT);
    }

    private static JsonNode readJson(String text, String what) {
        try {
            JsonNode node = JSON.readTree(text);
            if (node == null || node.isMissingNode()) {
                throw new IllegalStateException(what + " printed nothing");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(what + " did not print JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static <T> Iterable<T> iterable(Iterator<T> it) {
        return () -> it;
    }

    @Override
    public String toString() {
        return String.join(" ", prefix) + (prefix.isEmpty() ? "" : " ") + String.join(" ", reload);
    }
}
