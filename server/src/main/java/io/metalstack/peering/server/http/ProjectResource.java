package io.metalstack.peering.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.metalstack.peering.api.V1Condition;
import io.metalstack.peering.api.V1Project;
import io.metalstack.peering.api.V1Quota;
import io.metalstack.peering.model.Project;
import io.metalstack.peering.model.ProjectId;
import io.metalstack.peering.server.service.ProjectService;
import io.metalstack.peering.server.service.Update;
import io.metalstack.peering.server.wire.StatusWire;
import io.metalstack.peering.server.wire.Wire;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** {@code /v1/project}: the routes, and the wire form of a project ({@link ProjectService} decides). */
public final class ProjectResource {

    private final ProjectService projects;
    private final ObjectMapper json;

    ProjectResource(ProjectService projects, ObjectMapper json) {
        this.projects = projects;
        this.json = json;
    }

    List<Route> routes() {
        String base = "/v1/project";
        return List.of(
                Route.put(base, "create a project (admin; id generated when empty)").created().takes(V1Project.class).answers(V1Project.class)
                        .to(c -> Wire.project(projects.create(c.principal(), now -> Wire.project(withId(c.body(V1Project.class)), now, now)))),
                Route.post(base, "update a project (admin or its owner; send changed)").takes(V1Project.class).answers(V1Project.class)
                        .to(this::update),
                Route.get(base + "/{id}", "get a project, with the pairs auto-peering leaves out as conditions").answers(V1Project.class)
                        .to(c -> wire(projects.get(c.principal(), ProjectId.parse(c.path("id"))))),
                Route.get(base, "list the projects visible to the caller").answersListOf(V1Project.class)
                        .to(c -> Paging.<Project, V1Project>list(c, base, Wire::project, (page, m) -> projects.list(c.principal(), page, m))),
                Route.post(base + "/find", "find projects").takes(V1Project.class).answersListOf(V1Project.class)
                        .to(c -> Paging.<Project, V1Project>find(c, json, base, V1Project.class, Map.of(), Wire::project,
                                (page, m) -> projects.list(c.principal(), page, m))),
                Route.delete(base + "/{id}", "delete a project and its tokens (admin; refused while used)").answers(V1Project.class)
                        .to(c -> Wire.project(projects.delete(c.principal(), () -> ProjectId.parse(c.path("id"))))));
    }

    /** A project sent without an id gets a generated one. */
    private static V1Project withId(V1Project w) {
        return w.id() == null || w.id().isBlank()
                ? new V1Project(UUID.randomUUID().toString(), w.name(), w.tenant(), w.description(), w.labels(), null, null)
                : w;
    }

    private static V1Project wire(ProjectService.Viewed v) {
        V1Project w = Wire.project(v.project());
        List<V1Condition> conditions = StatusWire.conditions(v.conditions());
        return new V1Project(w.id(), w.name(), w.tenant(), w.description(), w.labels(), w.created(), w.changed(),
                conditions.isEmpty() ? null : conditions, Map.of("networks", new V1Quota(v.networks().used(), v.networks().limit())));
    }

    private Object update(Call c) {
        V1Project w = c.body(V1Project.class);
        ProjectId id = ProjectId.parse(Wire.required(w.id(), "id"));
        return Wire.project(projects.update(c.principal(), new Update<>(id, Optional.ofNullable(w.changed()),
                (old, changed) -> Wire.project(w, old.created(), changed))));
    }
}
