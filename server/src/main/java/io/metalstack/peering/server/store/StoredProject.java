package io.metalstack.peering.server.store;

import io.metalstack.peering.model.Labels;
import io.metalstack.peering.model.Project;
import io.metalstack.peering.model.ProjectId;

import java.time.Instant;
import java.util.Map;

/** The document of a stored {@link Project}. */
record StoredProject(int schema, String id, String name, String tenant, String description, Map<String, String> labels,
                     Instant created, Instant changed) implements StoredForm.Document {

    static final StoredForm<Project, StoredProject> FORM =
            new StoredForm<>("project", StoredProject.class, 1, StoredProject::of, StoredProject::project);

    static StoredProject of(Project p) {
        return new StoredProject(FORM.schema(), p.id().value(), p.name(), p.tenant(), p.description(), p.labels().values(),
                p.created(), p.changed());
    }

    Project project() {
        return new Project(ProjectId.parse(id), name, tenant, description, Labels.of(labels), created, changed);
    }
}
