package io.metalstack.peering.agent;

import io.metalstack.peering.api.MetalApiClient;
import io.metalstack.peering.api.V1SwitchIntentResponse;
import io.metalstack.peering.api.V1SwitchNotifyRequest;

import java.time.Duration;

import static java.util.Objects.requireNonNull;

/** The two calls the agent makes to metal-api, for one switch; an interface so that the loop is testable without a server. */
interface SwitchApi {

    /** {@code GET /v1/switch/{id}/intent?after=&timeout=}; {@code after} null answers at once. Throws when unreachable or refused. */
    V1SwitchIntentResponse intent(Long after, Duration timeout);

    /** {@code POST /v1/switch/{id}/notify}. */
    void notify(V1SwitchNotifyRequest report);

    static SwitchApi of(MetalApiClient client, String switchId) {
        requireNonNull(client, "client is null");
        requireNonNull(switchId, "switchId is null");
        return new SwitchApi() {
            @Override
            public V1SwitchIntentResponse intent(Long after, Duration timeout) {
                return client.switchIntent(switchId, after, timeout);
            }

            @Override
            public void notify(V1SwitchNotifyRequest report) {
                client.notifySwitch(switchId, report);
            }
        };
    }
}
