package io.metalstack.peering.server.http;

import io.metalstack.peering.model.Peering;
import io.metalstack.peering.model.SwitchId;
import io.metalstack.peering.model.plan.SwitchIntent;
import io.metalstack.peering.model.status.Phase;
import io.metalstack.peering.model.status.SwitchStatus;
import io.metalstack.peering.server.fabric.Watchers;
import io.metalstack.peering.server.fabric.FabricState;
import io.metalstack.peering.model.status.SwitchReport;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Prometheus metrics in the text exposition format (version 0.0.4), written by hand: request counts by route and
 * status, peerings by phase, switches with a route leak, revisions and watchers.
 */
public final class Metrics {

    static final String PATH = "/metrics";
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private record RequestKey(String method, String route, int status) {}

    private final Map<RequestKey, LongAdder> requests = new ConcurrentHashMap<>();

    void request(String method, String route, int status) {
        requests.computeIfAbsent(new RequestKey(method, route, status), k -> new LongAdder()).increment();
    }

    /** The exposition of every metric, from the fabric's state, the switches' reports and the watchers. */
    String render(FabricState st, Map<SwitchId, SwitchReport> reports, Watchers watchers, long revision) {
        StringBuilder out = new StringBuilder();
        header(out, "metal_api_requests_total", "counter", "HTTP requests served, by method, route and status code.");
        new TreeMap<String, Long>(requests.entrySet().stream().collect(java.util.stream.Collectors.toMap(
                e -> "{method=\"" + e.getKey().method() + "\",route=\"" + escape(e.getKey().route()) + "\",status=\"" + e.getKey().status() + "\"}",
                e -> e.getValue().sum()))).forEach((labels, n) -> out.append("metal_api_requests_total").append(labels).append(' ').append(n).append('\n'));

        EnumMap<Phase, Integer> phases = new EnumMap<>(Phase.class);
        for (Phase p : Phase.values()) {
            phases.put(p, 0);
        }
        for (Peering p : st.plan().inventory().peerings()) {
            List<SwitchStatus.OnSwitch> on = st.onSwitches(p, reports);
            phases.merge(Phase.withheld(p).orElseGet(() -> Phase.of(on.stream().map(SwitchStatus.OnSwitch::phase).toList())), 1, Integer::sum);
        }
        header(out, "metal_api_peerings", "gauge", "Peerings by phase.");
        phases.forEach((p, n) -> out.append("metal_api_peerings{phase=\"").append(p.label()).append("\"} ").append(n).append('\n'));

        int leaking = 0;
        StringBuilder leaked = new StringBuilder();
        for (SwitchIntent intent : st.plan().intents().values()) {
            Optional<SwitchReport> r = Optional.ofNullable(reports.get(intent.id()));
            int unexpected = r.map(x -> SwitchStatus.check(intent, x, st::network).stream().mapToInt(c -> c.unexpected().size()).sum()).orElse(0);
            if (unexpected > 0) {
                leaking++;
            }
            leaked.append("metal_api_switch_leaked_prefixes{switch=\"").append(escape(intent.id().value())).append("\"} ").append(unexpected).append('\n');
        }
        header(out, "metal_api_switches_leaking", "gauge", "Switches whose agent reports a prefix in a VRF that neither owns nor imports it (a route leak).");
        out.append("metal_api_switches_leaking ").append(leaking).append('\n');
        header(out, "metal_api_switch_leaked_prefixes", "gauge", "Unexpected prefixes a switch reports, over all its VRFs.");
        out.append(leaked);

        header(out, "metal_api_revision", "gauge", "The global revision this replica has seen.");
        out.append("metal_api_revision ").append(revision).append('\n');
        header(out, "metal_api_intent_revision", "gauge", "The revision at which a switch's intent last changed.");
        new TreeMap<>(st.revisions()).forEach((id, rev) ->
                out.append("metal_api_intent_revision{switch=\"").append(escape(id.value())).append("\"} ").append(rev).append('\n'));
        header(out, "metal_api_switch_applied_revision", "gauge", "The intent revision a switch's agent last reported.");
        new TreeMap<>(reports).forEach((id, r) ->
                out.append("metal_api_switch_applied_revision{switch=\"").append(escape(id.value())).append("\"} ").append(r.revision()).append('\n'));
        header(out, "metal_api_watchers", "gauge", "Intent long-polls waiting right now.");
        out.append("metal_api_watchers ").append(watchers.waiting()).append('\n');
        header(out, "metal_api_watch_wakeups_total", "counter", "Switches whose watchers a change woke.");
        out.append("metal_api_watch_wakeups_total ").append(watchers.wakeups()).append('\n');
        header(out, "metal_api_plan_failed", "gauge", "1 while the last plan of the fabric failed (switches keep their last intent).");
        out.append("metal_api_plan_failed ").append(st.error().isPresent() ? 1 : 0).append('\n');
        header(out, "metal_api_switches_unplanned", "gauge", "Switches that could not be planned (they keep their last intent; a plan condition says why).");
        out.append("metal_api_switches_unplanned ").append(st.plan().failures().size()).append('\n');
        return out.toString();
    }

    private static void header(StringBuilder out, String name, String type, String help) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private static String escape(String label) {
        return label.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
