package io.metalstack.peering.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.metalstack.peering.api.V1Event;
import io.metalstack.peering.api.V1EventFindRequest;
import io.metalstack.peering.model.DomainException;
import io.metalstack.peering.model.PeeringId;
import io.metalstack.peering.model.ProjectId;
import io.metalstack.peering.model.audit.AuditAction;
import io.metalstack.peering.model.audit.AuditEvent;
import io.metalstack.peering.model.audit.AuditKind;
import io.metalstack.peering.server.service.EventService;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The audit timeline: {@code POST /v1/event/find} and a peering's events ({@link EventService} decides who reads what). */
final class EventResource {

    static final String BASE = "/v1/event";

    private final EventService events;
    private final ObjectMapper json;

    EventResource(EventService events, ObjectMapper json) {
        this.events = events;
        this.json = json;
    }

    List<Route> routes() {
        return List.of(
                Route.get(PeeringResource.BASE + "/{id}/events", "a peering's audit timeline, oldest first: its writes (actor, action,"
                                + " change in brief) and its switches' transitions (applied, failed, leak, leak-cleared, session)")
                        .answersListOf(V1Event.class)
                        .to(c -> Paging.filtered(c, PeeringResource.BASE + "/" + c.path("id") + "/events", EventResource::wire,
                                page -> events.ofPeering(c.principal(), PeeringId.parse(c.path("id")), page))),
                Route.post(BASE + "/find", "find events of the audit timeline the caller may read, oldest first (objectkind, objectid,"
                                + " actor, action, from inclusive, to exclusive)")
                        .takes(V1EventFindRequest.class).answersListOf(V1Event.class)
                        .to(c -> {
                            JsonNode body = c.bodyTree();
                            EventService.Query q = query(body);
                            return Paging.filtered(c, BASE + "/find " + body, EventResource::wire, page -> events.find(c.principal(), page, q));
                        }));
    }

    /** The find request's fields (400 naming an unknown one, or a value that does not fit its field). */
    private EventService.Query query(JsonNode body) {
        Find.checkFields(V1EventFindRequest.class, body, Set.of());
        V1EventFindRequest r;
        try {
            r = json.treeToValue(body, V1EventFindRequest.class);
        } catch (IOException | IllegalArgumentException e) {
            throw DomainException.invalid("find request %s does not fit: objectkind, objectid, actor and action are strings, from and to"
                    + " timestamps such as 2026-01-31T12:00:00Z", Paging.shown(body.toString()));
        }
        return new EventService.Query(text(r.objectkind()).map(AuditKind::parse), text(r.objectid()), text(r.actor()),
                text(r.action()).map(AuditAction::parse),
                Optional.ofNullable(r.from()), Optional.ofNullable(r.to()));
    }

    private static Optional<String> text(String value) {
        return Optional.ofNullable(value).filter(v -> !v.isBlank());
    }

    static V1Event wire(AuditEvent e) {
        return new V1Event(Long.toString(e.seq()), e.time(), e.actor(), e.role(), e.action().wire(), e.kind().wire(), e.objectId(),
                e.projects().stream().map(ProjectId::value).toList(), e.brief());
    }
}
