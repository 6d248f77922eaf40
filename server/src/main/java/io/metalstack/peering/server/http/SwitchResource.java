package io.metalstack.peering.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.metalstack.peering.api.V1Switch;
import io.metalstack.peering.api.V1SwitchSync;
import io.metalstack.peering.model.SwitchId;
import io.metalstack.peering.server.service.SwitchService;
import io.metalstack.peering.server.service.Update;
import io.metalstack.peering.server.wire.StatusWire;
import io.metalstack.peering.server.wire.Wire;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code /v1/switch}: the routes, and the wire form of a switch with its ports' VRFs and its state ({@link SwitchService} decides). */
public final class SwitchResource {

    private final SwitchService switches;
    private final ObjectMapper json;

    SwitchResource(SwitchService switches, ObjectMapper json) {
        this.switches = switches;
        this.json = json;
    }

    List<Route> routes() {
        String base = "/v1/switch";
        return List.of(
                Route.put(base, "register a switch (admin or infra)").created().takes(V1Switch.class).answers(V1Switch.class)
                        .to(c -> wire(switches.create(c.principal(), now -> Wire.switchOf(c.body(V1Switch.class), now, now)))),
                Route.post(base, "update a switch (admin or infra; send changed)").takes(V1Switch.class).answers(V1Switch.class)
                        .to(c -> wire(switches.update(c.principal(), () -> {
                            V1Switch w = c.body(V1Switch.class);
                            return new Update<>(SwitchId.parse(Wire.required(w.id(), "id")), Optional.ofNullable(w.changed()),
                                    (old, changed) -> Wire.switchOf(w, old.created(), changed));
                        }))),
                Route.get(base + "/{id}", "get a switch; ports show the vrf they carry; revision, lastsync and conditions"
                        + " (e.g. leak) show its agent's state").answers(V1Switch.class)
                        .to(c -> wire(switches.get(c.principal(), () -> SwitchId.parse(c.path("id"))))),
                Route.get(base, "list switches (admin or infra) with their lastsync").answersListOf(V1Switch.class)
                        .to(c -> Paging.list(c, base, SwitchResource::wire, (page, m) -> switches.list(c.principal(), page, m))),
                Route.post(base + "/find", "find switches (admin or infra)").takes(V1Switch.class).answersListOf(V1Switch.class)
                        .to(c -> Paging.find(c, json, base, V1Switch.class, Map.of(), SwitchResource::wire,
                                (page, m) -> switches.list(c.principal(), page, m))),
                Route.delete(base + "/{id}", "delete a switch (admin; refused while machines are connected)").answers(V1Switch.class)
                        .to(c -> wire(switches.delete(c.principal(), () -> SwitchId.parse(c.path("id"))))));
    }

    /** A switch as the API shows it; without what the server knows of it, revision, lastsync and conditions are left out. */
    static V1Switch wire(SwitchService.Viewed v) {
        V1Switch w = Wire.switchOf(v.sw(), v.vrfs());
        if (v.known().isEmpty()) {
            return w;
        }
        SwitchService.Known k = v.known().get();
        return new V1Switch(w.id(), w.partitionid(), w.rack(), w.zone(), w.role(), w.os(), w.asn(), w.routerid(), w.ports(), w.created(),
                w.changed(), k.revision().orElse(null),
                k.report().map(r -> new V1SwitchSync(r.time(), r.durationMs(), r.revision(), r.error().orElse(null),
                        StatusWire.warnings(r.warnings()))).orElse(null),
                k.conditions().isEmpty() ? null : StatusWire.conditions(k.conditions()));
    }
}
