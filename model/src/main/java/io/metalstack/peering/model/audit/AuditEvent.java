package io.metalstack.peering.model.audit;

import io.metalstack.peering.model.ProjectId;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

import static java.util.Objects.requireNonNull;

/**
 * One entry of the audit timeline: at {@code time}, the token {@code actor} (its id and role, never its secret) did
 * {@code action} to the object {@code kind}/{@code objectId}; {@code brief} says what changed, without secrets.
 * {@code projects} are the projects whose members may read the entry (the object's as it was written, at most
 * {@link #PROJECTS_MAX}); admin and infra read every entry. {@code seq} orders the timeline (0 before it is stored).
 */
public record AuditEvent(long seq, Instant time, String actor, String role, AuditAction action, AuditKind kind, String objectId,
                         List<ProjectId> projects, String brief) {

    /** A peering into another project's shared network has two projects; no object has more. */
    public static final int PROJECTS_MAX = 2;
    /** How much of a brief is kept. */
    public static final int BRIEF_MAX = 1000;

    public AuditEvent {
        requireNonNull(time, "time is null");
        requireNonNull(actor, "actor is null");
        requireNonNull(role, "role is null");
        requireNonNull(action, "action is null");
        requireNonNull(kind, "kind is null");
        requireNonNull(objectId, "objectId is null");
        projects = List.copyOf(new TreeSet<>(projects));
        if (projects.size() > PROJECTS_MAX) {
            throw new IllegalArgumentException("an event names at most " + PROJECTS_MAX + " projects, not " + projects);
        }
        brief = brief == null ? "" : brief.length() <= BRIEF_MAX ? brief : brief.substring(0, BRIEF_MAX - 3) + "...";
    }

    /** What was done to which object, without who, when and its place in the timeline (a service says this much). */
    public record Entry(AuditAction action, AuditKind kind, String objectId, List<Optional<ProjectId>> projects, String brief) {
        public Entry {
            requireNonNull(action, "action is null");
            requireNonNull(kind, "kind is null");
            requireNonNull(objectId, "objectId is null");
            projects = List.copyOf(projects);
            requireNonNull(brief, "brief is null");
        }

        public AuditEvent at(Instant time, String actor, String role) {
            return new AuditEvent(0, time, actor, role, action, kind, objectId,
                    projects.stream().flatMap(Optional::stream).distinct().limit(PROJECTS_MAX).toList(), brief);
        }
    }
}
