package io.metalstack.peering.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.metalstack.peering.model.DomainException;
import io.metalstack.peering.model.SwitchOs;
import io.metalstack.peering.model.plan.HostileValues;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile text (config syntax, JSON breakers, control characters, unicode, 20,000 characters; alone and behind a valid
 * value) in every field and every key of metal-core's conf.yaml, and in every switch-local option, is refused: nothing
 * of it can reach a rendered file.
 */
class SwitchConfHostileInputTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Every value of the lab case by its path ({@code ports.underlay[0]}), with the valid value it replaces. */
    private static final List<String> FIELDS = List.of("name", "loglevel", "loopback", "asn", "metalcorecidr", "pxevlanid",
            "setsrcloopback", "ports.eth0.addresscidr", "ports.eth0.gateway", "ports.underlay[0]", "ports.unprovisioned[0]",
            "ports.firewalls.swp8.port", "ports.firewalls.swp8.vnis[0]", "ports.firewalls.swp8.cidrs[0]",
            "ports.vrfs.vrf104003.vlanid", "ports.vrfs.vrf104003.vni", "ports.vrfs.vrf104003.neighbors[0]",
            "ports.vrfs.vrf104003.cidrs[0]");

    private static JsonNode lab() throws Exception {
        ObjectNode conf = (ObjectNode) new ObjectMapper(new YAMLFactory()).readTree(
                Files.readString(MetalCoreParityTest.PARITY.resolve("lab/conf.yaml"), StandardCharsets.UTF_8));
        // the lab case lacks these; give them valid values so that they are attacked too
        conf.putArray("additionalmgmtroutes").add("10.150.0.0/16");
        conf.put("setsrcloopback", false);
        conf.putArray("additionalbridgevids").add("401-410");
        ((ObjectNode) conf.get("ports")).putArray("bladeports").add("swp20");
        return conf;
    }

    @Test
    void hostileTextInAnyFieldOrKeyIsRefused() throws Exception {
        List<String> fields = new ArrayList<>(FIELDS);
        fields.addAll(List.of("additionalmgmtroutes[0]", "additionalbridgevids[0]", "ports.bladeports[0]"));
        int refused = 0;
        List<String> accepted = new ArrayList<>();
        for (String field : fields) {
            String valid = get(lab(), field).asText();
            for (String h : HostileValues.around(valid)) {
                JsonNode conf = lab();
                set(conf, field, h);
                refused += refusedOrAccepted(conf, field + " = " + cut(h), accepted);
            }
        }
        for (String key : List.of("ports.firewalls.swp8", "ports.vrfs.vrf104003", "ports.eth0", "ports.newfield", "newfield")) {
            for (String h : HostileValues.around(key.substring(key.lastIndexOf('.') + 1))) {
                JsonNode conf = lab();
                renameKey(conf, key, h);
                refused += refusedOrAccepted(conf, "key " + key + " = " + cut(h), accepted);
            }
        }
        assertThat(accepted).isEmpty();
        assertThat(refused).isGreaterThan(600);
    }

    /** The unchanged lab case is accepted, so each refusal above comes from the one hostile value. */
    @Test
    void theBaseIsValid() throws Exception {
        assertThat(MetalCoreConf.parse("lab", JSON.writeValueAsString(lab()), SwitchOs.SONIC).intent().vrfs()).hasSize(1);
    }

    @Test
    void hostileTextInAnySwitchLocalOptionIsRefused() {
        Map<String, String> valid = Map.of("--log-level", "warn", "--management-address", "192.0.2.9/24", "--management-gateway", "192.0.2.1",
                "--additional-mgmt-routes", "10.1.0.0/16", "--metal-core-cidr", "10.255.255.2/24", "--set-src-loopback", "true",
                "--pxe-vlan-id", "966", "--additional-bridge-vids", "201-256", "--additional-bridge-ports", "swp7");
        List<String> accepted = new ArrayList<>();
        int refused = 0;
        for (Map.Entry<String, String> o : valid.entrySet()) {
            for (String h : HostileValues.around(o.getValue())) {
                SwitchLocalOptions options = new SwitchLocalOptions();
                List<String> args = new ArrayList<>(List.of("--management-gateway", "192.0.2.1"));
                args.addAll(List.of(o.getKey() + "=" + h));
                try {
                    new CommandLine(options).parseArgs(args.toArray(String[]::new));
                    accepted.add(o.getKey() + " = " + cut(h) + " gave " + options.resolve(k -> null));
                } catch (DomainException | CommandLine.ParameterException e) {
                    refused++;
                }
            }
        }
        assertThat(accepted).isEmpty();
        assertThat(refused).isGreaterThan(200);
    }

    /**
     * The switch's name and its ports are the model's identifiers, as the intent from metal-api has them: a word such as
     * {@code end} is a valid (if odd) name there, and renders as one token at a name's place, never as a command.
     */
    private static final List<String> IDENTIFIER_FIELDS = List.of("name", "ports.underlay[0]", "ports.unprovisioned[0]",
            "ports.vrfs.vrf104003.neighbors[0]");
    private static final java.util.regex.Pattern ONE_TOKEN = java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9/._-]*");

    private static int refusedOrAccepted(JsonNode conf, String what, List<String> accepted) throws Exception {
        try {
            MetalCoreConf.parse("hostile.yaml", JSON.writeValueAsString(conf), SwitchOs.SONIC);
            String field = what.substring(0, what.indexOf(" = "));
            String value = what.substring(what.indexOf(" = ") + 3);
            if (!(IDENTIFIER_FIELDS.contains(field) && ONE_TOKEN.matcher(value).matches())) {
                accepted.add(what);
            }
            return 0;
        } catch (DomainException.Invalid e) {
            return 1;
        }
    }

    private static String cut(String h) {
        return h.length() > 50 ? h.substring(0, 50) + "…" : h;
    }

    private static JsonNode get(JsonNode root, String path) {
        JsonNode n = root;
        for (String part : path.split("\\.")) {
            int bracket = part.indexOf('[');
            n = bracket < 0 ? n.get(part) : n.get(part.substring(0, bracket)).get(Integer.parseInt(part.substring(bracket + 1, part.length() - 1)));
        }
        return n;
    }

    private static void set(JsonNode root, String path, String value) {
        int dot = path.lastIndexOf('.');
        JsonNode parent = dot < 0 ? root : get(root, path.substring(0, dot));
        String last = path.substring(dot + 1);
        int bracket = last.indexOf('[');
        if (bracket < 0) {
            ((ObjectNode) parent).put(last, value);
        } else {
            ((ArrayNode) parent.get(last.substring(0, bracket))).set(Integer.parseInt(last.substring(bracket + 1, last.length() - 1)), value);
        }
    }

    /** Renames the key at {@code path} (adding a mapping there when it does not exist) to {@code name}. */
    private static void renameKey(JsonNode root, String path, String name) {
        int dot = path.lastIndexOf('.');
        ObjectNode parent = (ObjectNode) (dot < 0 ? root : get(root, path.substring(0, dot)));
        String key = path.substring(dot + 1);
        JsonNode value = parent.has(key) ? parent.remove(key) : JSON.createObjectNode();
        parent.set(name, value);
    }
}
