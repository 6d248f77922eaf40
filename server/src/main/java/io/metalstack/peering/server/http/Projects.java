package io.metalstack.peering.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.metalstack.peering.api.V1Condition;
import io.metalstack.peering.api.V1Project;
import io.metalstack.peering.api.V1Quota;
import io.metalstack.peering.model.DomainException;
import io.metalstack.peering.model.Project;
import io.metalstack.peering.model.ProjectId;
import io.metalstack.peering.server.auth.Principal;
import io.metalstack.peering.server.auth.Role;
import io.metalstack.peering.server.service.AutoPeering;
import io.metalstack.peering.server.service.Edits;
import io.metalstack.peering.server.service.Quotas;
import io.metalstack.peering.server.service.Visible;
import io.metalstack.peering.server.store.Stores;
import io.metalstack.peering.server.store.Database;
import io.metalstack.peering.server.wire.StatusWire;
import io.metalstack.peering.server.wire.Wire;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static io.javalin.http.HandlerType.DELETE;
import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.POST;
import static io.javalin.http.HandlerType.PUT;

/** {@code /v1/project}: admins create and delete; a project's owner may update it; members see only their project. */
public final class Projects {

    private final Database db;
    private final Edits edits;
    private final ObjectMapper json;

    private final AutoPeering auto;
    private final Quotas quotas;

    Projects(Database db, Edits edits, ObjectMapper json, AutoPeering auto, Quotas quotas) {
        this.auto = auto;
        this.quotas = quotas;
        this.db = db;
        this.edits = edits;
        this.json = json;
    }

    List<Route> routes() {
        String base = "/v1/project";
        return List.of(
                new Route(PUT, base, true, 201, "create a project (admin; id generated when empty)", V1Project.class, V1Project.class, false, this::create),
                new Route(POST, base, true, 200, "update a project (admin or its owner; send changed)", V1Project.class, V1Project.class, false, this::update),
                new Route(GET, base + "/{id}", true, 200, "get a project, with the pairs auto-peering leaves out as conditions", null,
                        V1Project.class, false, c -> db.read(s -> withConditions(s, Visible.project(s, c.principal(), ProjectId.parse(c.path("id")))))),
                new Route(GET, base, true, 200, "list the projects visible to the caller", null, V1Project.class, true, c -> list(c.principal())),
                new Route(POST, base + "/find", true, 200, "find projects", V1Project.class, V1Project.class, true,
                        c -> Find.filter(json, V1Project.class, list(c.principal()), c.bodyTree(), Map.of())),
                new Route(DELETE, base + "/{id}", true, 200, "delete a project and its tokens (admin; refused while used)", null, V1Project.class, false, this::delete));
    }

    private V1Project withConditions(Stores s, Project p) {
        V1Project w = Wire.project(p);
        List<V1Condition> conditions = StatusWire.conditions(auto.conditions(s, p));
        Quotas.Usage networks = quotas.networks(s, p);
        return new V1Project(w.id(), w.name(), w.tenant(), w.description(), w.labels(), w.created(), w.changed(),
                conditions.isEmpty() ? null : conditions, Map.of("networks", new V1Quota(networks.used(), networks.limit())));
    }

    private List<V1Project> list(Principal who) {
        return db.read(s -> s.projects().list()).stream().filter(p -> who.sees(Optional.of(p.id()))).map(Wire::project).toList();
    }

    private Object create(Call c) {
        c.principal().requireAdmin("creating a project");
        V1Project w = c.body(V1Project.class);
        if (w.id() == null || w.id().isBlank()) {
            w = new V1Project(UUID.randomUUID().toString(), w.name(), w.tenant(), w.description(), w.labels(), null, null);
        }
        Instant now = edits.now();
        Project p = Wire.project(w, now, now);
        Quotas.checkLabels(p);
        return Wire.project(db.write(s -> {
            s.projects().insert(p);
            s.bumpRevision();
            return p;
        }));
    }

    private Object update(Call c) {
        V1Project w = c.body(V1Project.class);
        Principal who = c.principal();
        return Wire.project(db.write(s -> {
            ProjectId id = ProjectId.parse(Wire.required(w.id(), "id"));
            Visible.project(s, who, id);
            if (!who.admin() && !(who.member(Optional.of(id)) && who.role() == Role.OWNER)) {
                throw new DomainException.Forbidden("updating project " + id + " needs its owner role (or admin); this token has role " + who.describe());
            }
            Project old = s.projects().lock(id);
            Edits.checkChanged(w.changed(), old.changed(), "project " + id);
            Project p = Wire.project(w, old.created(), edits.next(old.changed()));
            if (!Optional.ofNullable(old.labels().get(Quotas.NETWORKS_LABEL)).equals(Optional.ofNullable(p.labels().get(Quotas.NETWORKS_LABEL)))) {
                who.requireAdmin("changing label " + Quotas.NETWORKS_LABEL + " of project " + id + " (its quota)");
            }
            Quotas.checkLabels(p);
            s.projects().update(p);
            // the auto-peer label: peerings appear or go with it
            auto.sync(s, id);
            s.bumpRevision();
            return p;
        }));
    }

    private Object delete(Call c) {
        c.principal().requireAdmin("deleting a project");
        ProjectId id = ProjectId.parse(c.path("id"));
        Optional<ProjectId> owner = Optional.of(id);
        return Wire.project(db.write(s -> {
            Project p = s.projects().lock(id);
            Edits.refuseIfUsed("project " + id, "delete", Map.of(
                    "networks", s.networks().list().stream().filter(n -> n.project().equals(owner)).map(n -> n.id().value()).toList(),
                    "machines", s.machines().list().stream().filter(m -> m.allocation().map(a -> a.project().equals(id)).orElse(false))
                            .map(m -> m.id().value()).toList(),
                    "peerings", s.peerings().list().stream().filter(x -> x.project().equals(owner)).map(x -> x.id().value()).toList()));
            s.projects().delete(id);
            // its tokens go with it: a project of the same id created later is not readable with them
            Tokens.forget(s, id);
            s.bumpRevision();
            return p;
        }));
    }
}
