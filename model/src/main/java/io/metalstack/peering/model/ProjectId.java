package io.metalstack.peering.model;

/** Identifier of a project. */
public record ProjectId(String value) implements Comparable<ProjectId> {
    public ProjectId {
        Ids.check("project", value);
    }

    public static ProjectId parse(String value) {
        return new ProjectId(value);
    }

    @Override
    public int compareTo(ProjectId o) {
        return value.compareTo(o.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
