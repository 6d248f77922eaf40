package io.metalstack.peering.server.http;

import io.metalstack.peering.api.IntentCodec;
import io.metalstack.peering.api.V1ObservedPrefixes;
import io.metalstack.peering.api.V1RenderWarning;
import io.metalstack.peering.api.V1SessionState;
import io.metalstack.peering.api.V1Switch;
import io.metalstack.peering.api.V1SwitchIntentResponse;
import io.metalstack.peering.api.V1SwitchNotifyRequest;
import io.metalstack.peering.model.AddressFamily;
import io.metalstack.peering.model.DomainException;
import io.metalstack.peering.model.IpPrefix;
import io.metalstack.peering.model.PeeringId;
import io.metalstack.peering.model.SwitchId;
import io.metalstack.peering.model.SwitchOs;
import io.metalstack.peering.model.Vni;
import io.metalstack.peering.model.status.SwitchReport;
import io.metalstack.peering.model.status.Warning;
import io.metalstack.peering.server.wire.Wire;
import io.metalstack.peering.server.service.Edits;
import io.metalstack.peering.server.service.SwitchAgentService;
import io.metalstack.peering.server.service.SwitchService;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The switch agents' side of {@code /v1/switch}: the routes of the intent watch (long-poll), its rendered preview
 * ({@link SwitchAgentService}), and the agents' reports ({@link SwitchService}), from which a switch's
 * {@code lastsync} and conditions are derived; the query parameters and the report in their wire form.
 */
public final class SwitchAgentResource {

    static final int DEFAULT_TIMEOUT_SECONDS = 30;
    static final int MAX_TIMEOUT_SECONDS = 120;

    private final Edits edits;
    private final SwitchAgentService agents;
    private final SwitchService switches;

    SwitchAgentResource(Edits edits, SwitchAgentService agents, SwitchService switches) {
        this.edits = edits;
        this.agents = agents;
        this.switches = switches;
    }

    List<Route> routes() {
        String base = "/v1/switch/{id}";
        return List.of(
                Route.get(base + "/intent", "a switch's intent (admin or infra): ?after=<revision> long-polls until it"
                        + " changes after that revision or ?timeout=<seconds> (default 30, max 120) pass; ?render=sonic|cumulus answers"
                        + " the rendered files instead").answers(V1SwitchIntentResponse.class).to(this::intent),
                Route.post(base + "/notify", "a switch agent's report (admin or infra): applied revision, duration,"
                        + " error, observed prefixes per vrf; answers the switch with its status")
                        .takes(V1SwitchNotifyRequest.class).answers(V1Switch.class).to(this::notify));
    }

    private Object intent(Call c) {
        CompletableFuture<SwitchAgentService.Answer> answer = agents.intent(c.principal(), () -> {
            SwitchId id = SwitchId.parse(c.path("id"));
            String render = c.query("render");
            Long after = number(c.query("after"), "after");
            Long timeout = number(c.query("timeout"), "timeout");
            if (timeout != null && (timeout < 0 || timeout > MAX_TIMEOUT_SECONDS)) {
                throw DomainException.invalid("timeout %d is out of range: use 0..%d seconds", timeout, MAX_TIMEOUT_SECONDS);
            }
            return new SwitchAgentService.IntentQuery(id, Optional.ofNullable(after), 1000L * (timeout == null ? DEFAULT_TIMEOUT_SECONDS : timeout),
                    Optional.ofNullable(render).<Supplier<SwitchOs>>map(r -> () -> os(r)));
        });
        if (answer.isDone() && !answer.isCompletedExceptionally()) {
            return wire(answer.join());
        }
        // a long-poll: no request thread waits, the answer is made when the watch completes (MetalApiServer answers futures)
        return answer.thenApply(SwitchAgentResource::wire);
    }

    private static SwitchOs os(String render) {
        return switch (render.trim().toLowerCase(Locale.ROOT)) {
            case "sonic" -> SwitchOs.SONIC;
            case "cumulus" -> SwitchOs.CUMULUS;
            default -> throw DomainException.invalid("render \"%s\" is unknown: use sonic or cumulus", render);
        };
    }

    private static V1SwitchIntentResponse wire(SwitchAgentService.Answer a) {
        if (a instanceof SwitchAgentService.Rendered r) {
            return new V1SwitchIntentResponse(r.revision(), null, r.files());
        }
        SwitchAgentService.Current c = (SwitchAgentService.Current) a;
        return new V1SwitchIntentResponse(c.revision(), IntentCodec.toWire(c.intent(), c.networks()), null);
    }

    private Object notify(Call c) {
        return SwitchResource.wire(switches.report(c.principal(),
                () -> new SwitchService.Report(SwitchId.parse(c.path("id")), report(c.body(V1SwitchNotifyRequest.class)))));
    }

    private SwitchReport report(V1SwitchNotifyRequest w) {
        long revision = Wire.requiredNumber(w.revision(), "revision");
        if (revision < 0 || (w.durationms() != null && w.durationms() < 0)) {
            throw DomainException.invalid("revision and durationms must not be negative");
        }
        Optional<SortedMap<Vni, SortedSet<IpPrefix>>> observed = Optional.empty();
        if (w.vrfs() != null) {
            TreeMap<Vni, SortedSet<IpPrefix>> vrfs = new TreeMap<>();
            for (Map.Entry<String, V1ObservedPrefixes> e : w.vrfs().entrySet()) {
                Vni vni = Vni.ofVrfName(e.getKey());
                TreeSet<IpPrefix> prefixes = new TreeSet<>();
                V1ObservedPrefixes o = e.getValue() == null ? new V1ObservedPrefixes(null, null) : e.getValue();
                prefixes.addAll(prefixes(o.ipv4(), AddressFamily.IPV4, e.getKey()));
                prefixes.addAll(prefixes(o.ipv6(), AddressFamily.IPV6, e.getKey()));
                vrfs.merge(vni, prefixes, (a, b) -> {
                    a.addAll(b);
                    return a;
                });
            }
            observed = Optional.of(vrfs);
        }
        List<SwitchReport.Session> sessions = new ArrayList<>();
        for (V1SessionState st : w.sessions() == null ? List.<V1SessionState>of() : w.sessions()) {
            sessions.add(new SwitchReport.Session(PeeringId.parse(Wire.required(st.peeringid(), "sessions.peeringid")), st.state(),
                    st.prefixesreceived() == null ? 0 : st.prefixesreceived()));
        }
        return new SwitchReport(edits.now(), revision, w.durationms() == null ? 0 : w.durationms(), Optional.ofNullable(w.error()).map(SwitchAgentResource::shortened),
                observed, sessions, warnings(w.warnings()));
    }

    /** The renderer's warnings, refused beyond the model's bounds (an agent sends the first ones, {@code Reconciler}). */
    private static List<Warning> warnings(List<V1RenderWarning> sent) {
        if (sent == null) {
            return List.of();
        }
        if (sent.size() > SwitchReport.WARNINGS_MAX) {
            throw DomainException.invalid("warnings holds %d entries: at most %d are allowed", sent.size(), SwitchReport.WARNINGS_MAX);
        }
        List<Warning> out = new ArrayList<>();
        for (int i = 0; i < sent.size(); i++) {
            V1RenderWarning w = sent.get(i);
            out.add(new Warning(bounded(w.subject(), "warnings[" + i + "].subject", Warning.SUBJECT_MAX),
                    bounded(w.message(), "warnings[" + i + "].message", Warning.MESSAGE_MAX)));
        }
        return out;
    }

    private static String bounded(String text, String field, int max) {
        String value = Wire.required(text, field);
        if (value.length() > max) {
            throw DomainException.invalid("field %s is %d characters long: at most %d are allowed", field, value.length(), max);
        }
        return value;
    }

    /** How much of an agent's error text is kept: its start says what failed (a report is never refused for its length). */
    static final int ERROR_MAX = 16_384;

    private static String shortened(String error) {
        return error.length() <= ERROR_MAX ? error
                : error.substring(0, ERROR_MAX) + " ... (" + (error.length() - ERROR_MAX) + " more characters not kept)";
    }

    private static List<IpPrefix> prefixes(List<String> texts, AddressFamily family, String vrf) {
        List<IpPrefix> out = new ArrayList<>();
        for (String t : texts == null ? List.<String>of() : texts) {
            IpPrefix p = IpPrefix.parse(t);
            if (p.family() != family) {
                throw DomainException.invalid("vrfs.%s.%s holds %s, an %s prefix", vrf, family.label().toLowerCase(Locale.ROOT), t, p.family());
            }
            out.add(p);
        }
        return out;
    }

    private static Long number(String text, String name) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw DomainException.invalid("query parameter %s=\"%s\" is not a number", name, text);
        }
    }
}
