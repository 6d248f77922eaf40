package io.metalstack.peering.server.service;

import io.metalstack.peering.model.DomainException;
import io.metalstack.peering.model.Network;
import io.metalstack.peering.model.NetworkId;
import io.metalstack.peering.model.Project;
import io.metalstack.peering.model.ProjectId;
import io.metalstack.peering.server.auth.Principal;
import io.metalstack.peering.server.store.Stores;

import java.util.Optional;

/** An object by id if the caller may see it; 404 otherwise, so that its existence does not leak. */
public final class Visible {

    private Visible() {}

    public static Network network(Stores s, Principal who, NetworkId id) {
        return s.networks().get(id).filter(who::sees)
                .orElseThrow(() -> new DomainException.NotFound("network " + id + " not found"));
    }

    public static Project project(Stores s, Principal who, ProjectId id) {
        return s.projects().get(id).filter(p -> who.sees(Optional.of(p.id())))
                .orElseThrow(() -> new DomainException.NotFound("project " + id + " not found"));
    }
}
