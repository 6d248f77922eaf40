package io.metalstack.peering.cli;

import io.metalstack.peering.api.MetalApiClient;
import io.metalstack.peering.api.V1ObservedPrefixes;
import io.metalstack.peering.api.V1SwitchIntent;
import io.metalstack.peering.api.V1SwitchIntentResponse;
import io.metalstack.peering.api.V1SwitchNotifyRequest;
import io.metalstack.peering.api.V1VrfImport;
import io.metalstack.peering.api.V1VrfIntent;
import io.metalstack.peering.api.fixture.NotifyRequest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import static java.util.Objects.requireNonNull;

/**
 * Plays metal-core for one switch in a test thread: watches the switch's intent (long-poll, as the agent does) and
 * reports each new revision with {@code report}. {@link #close()} stops it and rethrows what went wrong in the thread.
 */
final class FakeAgent implements AutoCloseable {
    /** A switch that applied the intent and sees exactly the prefixes it should: each VRF's own and imported ones. */
    static final Function<V1SwitchIntentResponse, V1SwitchNotifyRequest> CORRECT =
            r -> NotifyRequest.applied(r.revision(), 7L).vrfs(expected(r.intent())).sessions(List.of()).build();

    /** A switch whose apply fails (FRR rejected the configuration and the agent rolled back). */
    static Function<V1SwitchIntentResponse, V1SwitchNotifyRequest> failing(String error) {
        return r -> NotifyRequest.applied(r.revision(), 7L).error(error).sessions(List.of()).build();
    }

    private final MetalApiClient client;
    private final String switchId;
    private final Function<V1SwitchIntentResponse, V1SwitchNotifyRequest> report;
    private final Thread thread;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile boolean running = true;

    private FakeAgent(MetalApiClient client, String switchId, Function<V1SwitchIntentResponse, V1SwitchNotifyRequest> report) {
        this.client = requireNonNull(client, "client is null");
        this.switchId = requireNonNull(switchId, "switchId is null");
        this.report = requireNonNull(report, "report is null");
        this.thread = new Thread(this::loop, "fake-agent-" + switchId);
    }

    /** Starts an agent for {@code switchId}; {@code client} must carry an infra or admin token. */
    static FakeAgent start(MetalApiClient client, String switchId, Function<V1SwitchIntentResponse, V1SwitchNotifyRequest> report) {
        FakeAgent a = new FakeAgent(client, switchId, report);
        a.thread.setDaemon(true);
        a.thread.start();
        return a;
    }

    private void loop() {
        Long after = null;
        try {
            while (running) {
                V1SwitchIntentResponse r = client.switchIntent(switchId, after, Duration.ofSeconds(1));
                if (after == null || r.revision() != after) {
                    client.notifySwitch(switchId, report.apply(r));
                    after = r.revision();
                }
            }
        } catch (Throwable t) {
            if (running) {
                failure.set(t);
            }
        }
    }

    /** Per VRF of the intent (named as its OS names it), its own and its imported prefixes, per family. */
    static Map<String, V1ObservedPrefixes> expected(V1SwitchIntent intent) {
        Map<String, V1ObservedPrefixes> vrfs = new TreeMap<>();
        String prefix = "Cumulus".equalsIgnoreCase(intent.os()) ? "vrf" : "Vrf";
        for (V1VrfIntent v : intent.vrfs() == null ? List.<V1VrfIntent>of() : intent.vrfs()) {
            List<String> all = new ArrayList<>(v.ownprefixes() == null ? List.of() : v.ownprefixes());
            for (V1VrfImport i : v.imports() == null ? List.<V1VrfImport>of() : v.imports()) {
                all.addAll(i.prefixes() == null ? List.of() : i.prefixes());
            }
            vrfs.put(prefix + v.vni(), new V1ObservedPrefixes(all.stream().filter(p -> !p.contains(":")).toList(),
                    all.stream().filter(p -> p.contains(":")).toList()));
        }
        return vrfs;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(Duration.ofSeconds(30).toMillis());
        if (thread.isAlive()) {
            throw new AssertionError("fake agent of " + switchId + " did not stop");
        }
        if (failure.get() != null) {
            throw new AssertionError("fake agent of " + switchId + " failed: " + failure.get(), failure.get());
        }
    }
}
