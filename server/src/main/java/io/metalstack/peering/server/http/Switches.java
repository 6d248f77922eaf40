package io.metalstack.peering.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.metalstack.peering.api.V1Switch;
import io.metalstack.peering.model.Attachments;
import io.metalstack.peering.model.DomainException;
import io.metalstack.peering.model.Switch;
import io.metalstack.peering.model.SwitchId;
import io.metalstack.peering.server.auth.Principal;
import io.metalstack.peering.model.status.SwitchReport;
import io.metalstack.peering.server.store.Database;
import io.metalstack.peering.server.wire.Wire;
import io.metalstack.peering.server.service.Edits;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.javalin.http.HandlerType.DELETE;
import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.POST;
import static io.javalin.http.HandlerType.PUT;

/** {@code /v1/switch}: registered by admins or switch agents (infra); visible to admin and infra only. */
public final class Switches {

    private final Database db;
    private final Edits edits;
    private final ObjectMapper json;
    private final SwitchView view;

    Switches(Database db, Edits edits, ObjectMapper json, SwitchView view) {
        this.db = db;
        this.edits = edits;
        this.json = json;
        this.view = view;
    }

    List<Route> routes() {
        String base = "/v1/switch";
        return List.of(
                new Route(PUT, base, true, 201, "register a switch (admin or infra)", V1Switch.class, V1Switch.class, false, this::create),
                new Route(POST, base, true, 200, "update a switch (admin or infra; send changed)", V1Switch.class, V1Switch.class, false, this::update),
                new Route(GET, base + "/{id}", true, 200, "get a switch; ports show the vrf they carry; revision, lastsync and conditions"
                        + " (e.g. leak) show its agent's state", null, V1Switch.class, false, c -> {
                    c.principal().requireAdminOrInfra("reading switches");
                    SwitchId id = SwitchId.parse(c.path("id"));
                    return db.read(s -> view.of(s, s.switches().get(id).orElseThrow(() -> new DomainException.NotFound("switch " + id + " not found")),
                            s.switchState().reports()));
                }),
                new Route(GET, base, true, 200, "list switches (admin or infra) with their lastsync", null, V1Switch.class, true, c -> list(c.principal())),
                new Route(POST, base + "/find", true, 200, "find switches (admin or infra)", V1Switch.class, V1Switch.class, true,
                        c -> Find.filter(json, V1Switch.class, list(c.principal()), c.bodyTree(), Map.of())),
                new Route(DELETE, base + "/{id}", true, 200, "delete a switch (admin; refused while machines are connected)", null, V1Switch.class, false, this::delete));
    }

    private List<V1Switch> list(Principal who) {
        who.requireAdminOrInfra("reading switches");
        return db.read(s -> {
            Map<SwitchId, SwitchReport> reports = s.switchState().reports();
            Attachments cables = Attachments.of(s.machines().list());
            return s.switches().list().stream().map(x -> view.of(s, x, cables, reports)).toList();
        });
    }

    private Object create(Call c) {
        c.principal().requireAdminOrInfra("registering a switch");
        Instant now = edits.now();
        Switch sw = Wire.switchOf(c.body(V1Switch.class), now, now);
        return db.write(s -> {
            s.partitions().get(sw.partition()).orElseThrow(() -> new DomainException.NotFound("partition " + sw.partition() + " not found"));
            s.switches().insert(sw);
            s.bumpRevision();
            return SwitchView.wire(s, sw);
        });
    }

    private Object update(Call c) {
        c.principal().requireAdminOrInfra("updating a switch");
        V1Switch w = c.body(V1Switch.class);
        return db.write(s -> {
            Switch old = s.switches().lock(SwitchId.parse(Wire.required(w.id(), "id")));
            Edits.checkChanged(w.changed(), old.changed(), "switch " + old.id());
            Switch sw = Wire.switchOf(w, old.created(), edits.next(old.changed()));
            if (!sw.partition().equals(old.partition())) {
                throw new DomainException.Unprocessable("switch " + old.id() + ": partitionid cannot change");
            }
            List<String> orphaned = Attachments.of(s.machines().list()).on(sw.id()).stream()
                    .filter(a -> sw.port(a.port()).isEmpty()).map(a -> a.machine().id() + " (" + a.port() + ")").toList();
            Edits.refuseIfUsed("a port removed from switch " + sw.id(), "update", Map.of("machines", orphaned));
            s.switches().update(sw);
            s.bumpRevision();
            return SwitchView.wire(s, sw);
        });
    }

    private Object delete(Call c) {
        c.principal().requireAdmin("deleting a switch");
        SwitchId id = SwitchId.parse(c.path("id"));
        return db.write(s -> {
            Switch sw = s.switches().lock(id);
            V1Switch before = SwitchView.wire(s, sw);
            Edits.refuseIfUsed("switch " + id, "delete", Map.of(
                    "machines", Attachments.of(s.machines().list()).machinesOn(id).stream().map(m -> m.id().value()).toList(),
                    "peerings", s.peerings().list().stream().filter(p -> p.bgp().map(b -> b.localSwitch().equals(id)).orElse(false))
                            .map(p -> p.id().value()).toList()));
            s.switches().delete(id);
            s.switchState().deleteSwitch(id);
            s.bumpRevision();
            return before;
        });
    }
}
