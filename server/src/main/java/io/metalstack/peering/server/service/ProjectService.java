package io.metalstack.peering.server.service;

import io.metalstack.peering.model.audit.AuditAction;
import io.metalstack.peering.model.audit.AuditKind;
import io.metalstack.peering.model.audit.Brief;
import io.metalstack.peering.model.DomainException;
import io.metalstack.peering.model.Project;
import io.metalstack.peering.model.ProjectId;
import io.metalstack.peering.model.status.Condition;
import io.metalstack.peering.server.auth.Principal;
import io.metalstack.peering.server.auth.Role;
import io.metalstack.peering.server.store.Database;
import io.metalstack.peering.server.store.Stores;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/**
 * Projects: admins create and delete; a project's owner may update it (its quota label only an admin); members see
 * only their project. A label change brings the project's auto peerings in line in the same transaction.
 */
public final class ProjectService {

    private final Database db;
    private final Edits edits;
    private final AutoPeering auto;
    private final Quotas quotas;

    public ProjectService(Database db, Edits edits, AutoPeering auto, Quotas quotas) {
        this.db = requireNonNull(db, "db is null");
        this.edits = requireNonNull(edits, "edits is null");
        this.auto = requireNonNull(auto, "auto is null");
        this.quotas = requireNonNull(quotas, "quotas is null");
    }

    /** A project with the pairs auto-peering leaves out (its conditions) and what it uses of its quota of networks. */
    public record Viewed(Project project, List<Condition> conditions, Quotas.Usage networks) {
        public Viewed {
            requireNonNull(project, "project is null");
            conditions = List.copyOf(conditions);
            requireNonNull(networks, "networks is null");
        }
    }

    public Viewed get(Principal who, ProjectId id) {
        return db.read(s -> {
            Project p = Visible.project(s, who, id);
            return new Viewed(p, auto.conditions(s, p), quotas.networks(s, p));
        });
    }

    /** A page of the projects the caller sees that {@code matches} accepts. */
    public Page<Project> list(Principal who, Page.Request page, Predicate<Project> matches) {
        return db.read(s -> Page.collect(page, s.projects()::page, p -> p.id().value(),
                p -> Optional.of(p).filter(x -> who.sees(Optional.of(x.id())) && matches.test(x))));
    }

    /** {@code request} gives the project to create, stamped with its creation time. */
    public Project create(Principal who, Function<Instant, Project> request) {
        who.requireAdmin("creating a project");
        Instant now = edits.now();
        Project p = request.apply(now);
        Quotas.checkLabels(p);
        return db.write(s -> {
            s.projects().insert(p);
            edits.audit(s, who, AuditAction.CREATE, AuditKind.PROJECT, p.id().value(), List.of(Optional.of(p.id())), Brief.of(Optional.empty(), p));
            s.bumpRevision();
            return p;
        });
    }

    public Project update(Principal who, Update<ProjectId, Project> u) {
        ProjectId id = u.id();
        return db.write(s -> {
            Visible.project(s, who, id);
            if (!who.admin() && !(who.member(Optional.of(id)) && who.role() == Role.OWNER)) {
                throw new DomainException.Forbidden("updating project " + id + " needs its owner role (or admin); this token has role " + who.describe());
            }
            Project old = s.projects().lock(id);
            Project p = edits.apply(u, old, old.changed(), "project " + id);
            if (!Optional.ofNullable(old.labels().get(Quotas.NETWORKS_LABEL)).equals(Optional.ofNullable(p.labels().get(Quotas.NETWORKS_LABEL)))) {
                who.requireAdmin("changing label " + Quotas.NETWORKS_LABEL + " of project " + id + " (its quota)");
            }
            Quotas.checkLabels(p);
            s.projects().update(p);
            edits.audit(s, who, AuditAction.UPDATE, AuditKind.PROJECT, id.value(), List.of(Optional.of(id)), Brief.of(Optional.of(old), p));
            // the auto-peer label: peerings appear or go with it
            auto.sync(s, who, id);
            s.bumpRevision();
            return p;
        });
    }

    /** Deletes a project nothing of which is left, and its tokens. */
    public Project delete(Principal who, Supplier<ProjectId> request) {
        who.requireAdmin("deleting a project");
        ProjectId id = request.get();
        Optional<ProjectId> owner = Optional.of(id);
        return db.write(s -> {
            Project p = s.projects().lock(id);
            Edits.refuseIfUsed("project " + id, "delete", Map.of(
                    "networks", s.networks().list().stream().filter(n -> n.project().equals(owner)).map(n -> n.id().value()).toList(),
                    "machines", s.machines().list().stream().filter(m -> m.allocation().map(a -> a.project().equals(id)).orElse(false))
                            .map(m -> m.id().value()).toList(),
                    "peerings", s.peerings().list().stream().filter(x -> x.project().equals(owner)).map(x -> x.id().value()).toList()));
            s.projects().delete(id);
            // its tokens go with it: a project of the same id created later is not readable with them
            forgetTokens(s, id);
            edits.audit(s, who, AuditAction.DELETE, AuditKind.PROJECT, id.value(), List.of(owner), Brief.deleted(p));
            s.bumpRevision();
            return p;
        });
    }

    private static void forgetTokens(Stores s, ProjectId project) {
        s.tokens().list().stream().filter(t -> t.project().equals(Optional.of(project))).forEach(t -> s.tokens().delete(t.id()));
    }
}
